package desktop

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// classesKey is where per-user URL schemes live.
const classesKey = `Software\Classes\`

// Register writes the scheme's keys, or rewrites them when they name
// another program (ssotray moved); it leaves them alone when they already
// name s.Exec, so it can run at every start.
func (s URLScheme) Register() error {
	if s.Registered() {
		return nil
	}
	base := classesKey + s.Scheme
	for _, kv := range []struct{ path, name, value string }{
		{base, "", "URL:" + s.Scheme + " Protocol"},
		{base, "URL Protocol", ""},
		{base + `\DefaultIcon`, "", `"` + s.Exec + `",0`},
		{base + `\shell\open\command`, "", urlSchemeCommand(s.Exec)},
	} {
		k, _, err := registry.CreateKey(registry.CURRENT_USER, kv.path, registry.SET_VALUE)
		if err != nil {
			return fmt.Errorf("register %s:// links: %w", s.Scheme, err)
		}
		err = k.SetStringValue(kv.name, kv.value)
		k.Close()
		if err != nil {
			return fmt.Errorf("register %s:// links: %w", s.Scheme, err)
		}
	}
	return nil
}

// Registered reports whether links of the scheme start s.Exec.
func (s URLScheme) Registered() bool {
	k, err := registry.OpenKey(registry.CURRENT_USER, classesKey+s.Scheme+`\shell\open\command`, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	defer k.Close()
	v, _, err := k.GetStringValue("")
	return err == nil && v == urlSchemeCommand(s.Exec)
}

// Unregister removes the scheme's keys, deepest first, as an uninstall
// should; keys already gone are fine.
func (s URLScheme) Unregister() error {
	base := classesKey + s.Scheme
	for _, p := range []string{base + `\shell\open\command`, base + `\shell\open`, base + `\shell`, base + `\DefaultIcon`, base} {
		if err := registry.DeleteKey(registry.CURRENT_USER, p); err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf("unregister %s:// links: %w", s.Scheme, err)
		}
	}
	return nil
}
