package cli

import (
	"fmt"

	"github.com/ssotray/ssotray/managed"
)

// loadManaged reads the organisation's managed file, if there is one. A
// file that cannot be used is a warning naming its path and line, and then
// no sign-in counts as managed.
func loadManaged(env Env) *managed.File {
	if env.ManagedFile == "" {
		return nil
	}
	f, err := managed.Load(env.ManagedFile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "warning: %v\n", err)
		return nil
	}
	return f
}

// managedTemplate is the organisation's profile name template when it
// manages the sign-in name, else "" (the default template).
func managedTemplate(env Env, name string) string {
	f := loadManaged(env)
	if f == nil || f.Policy.ProfileTemplate == "" {
		return ""
	}
	in, err := env.Manager.Find(name)
	if err != nil || !f.Manages(in) {
		return ""
	}
	return f.Policy.ProfileTemplate
}
