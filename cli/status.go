package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// statusJSON is one element of `ssotray status --json`.
type statusJSON struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	StartURL    string   `json:"startUrl"`
	Region      string   `json:"region"`
	State       string   `json:"state"`
	ExpiresAt   *string  `json:"expiresAt"`
	SecondsLeft int64    `json:"secondsLeft"`
	Refreshable bool     `json:"refreshable"`
	CacheFile   string   `json:"cacheFile"`
	Profiles    []string `json:"profiles"`
	Problem     string   `json:"problem,omitempty"`
	// Managed says the organisation's managed file lists the sign-in.
	Managed bool `json:"managed"`
	// Secrets is "cli" or "keyring", or "unknown" when ssotray's settings
	// file cannot be read.
	Secrets        string `json:"secrets"`
	SecretsProblem string `json:"secretsProblem,omitempty"`
}

func runStatus(env Env, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usageError{"status takes no names"}
	}
	statuses, cfg, err := env.Manager.Statuses()
	if err != nil {
		return err
	}
	for _, p := range cfg.Problems {
		fmt.Fprintf(env.Stderr, "warning: %s\n", p)
	}
	now := time.Now()
	if *asJSON {
		mf := loadManaged(env)
		out := make([]statusJSON, 0, len(statuses))
		for _, s := range statuses {
			j := toJSON(s, now)
			j.Managed = mf.Manages(s.SignIn)
			out = append(out, j)
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(statuses) == 0 {
		fmt.Fprintf(env.Stdout, "No sign-ins in %s yet. Add one with:\n  ssotray add --name NAME --start-url https://…awsapps.com/start --region REGION\n", cfg.File)
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tSTATE\tTIME LEFT\tREFRESH\tSECRETS\tSTART URL")
	for _, s := range statuses {
		left := "-"
		if s.State == signin.SignedIn {
			left = signin.FormatRemaining(s.Remaining(now))
		}
		refresh := "no"
		if s.Refreshable {
			refresh = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Name, s.Kind, s.State, left, refresh, secretsLabel(s), s.StartURL)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// A keyring that is not available is said once, for every sign-in it
	// holds up.
	var keyringNames []string
	var keyringErr error
	for _, s := range statuses {
		if s.Problem != nil {
			fmt.Fprintf(env.Stderr, "%s: %v\n", s.Name, s.Problem)
		}
		switch {
		case errors.Is(s.SecretsProblem, signin.ErrKeyringUnavailable):
			keyringNames = append(keyringNames, s.Name)
			if keyringErr == nil {
				keyringErr = s.SecretsProblem
			}
		case s.SecretsProblem != nil:
			fmt.Fprintf(env.Stderr, "%s: %v\n", s.Name, s.SecretsProblem)
		}
	}
	if keyringErr != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n", strings.Join(keyringNames, ", "), keyringErr)
	}
	return nil
}

// secretsLabel is the SECRETS column: "cli", "keyring", "keyring
// (unavailable)" when the keyring cannot be reached, "keyring (missing)"
// when it has no entry for a token, "unknown" when the settings file cannot
// be read.
func secretsLabel(s signin.Status) string {
	switch {
	case s.SecretMode == "":
		return "unknown"
	case s.SecretMode != storage.SecretsKeyring:
		return string(s.SecretMode)
	case errors.Is(s.SecretsProblem, signin.ErrKeyringUnavailable):
		return "keyring (unavailable)"
	case errors.Is(s.SecretsProblem, signin.ErrSecretsMissing):
		return "keyring (missing)"
	}
	return "keyring"
}

func toJSON(s signin.Status, now time.Time) statusJSON {
	j := statusJSON{
		Name: s.Name, Kind: string(s.Kind), StartURL: s.StartURL, Region: s.Region,
		State: string(s.State), Refreshable: s.Refreshable, CacheFile: s.CacheFile,
		Profiles: s.Profiles, SecondsLeft: int64(s.Remaining(now) / time.Second),
	}
	if j.Profiles == nil {
		j.Profiles = []string{}
	}
	if !s.ExpiresAt.IsZero() {
		v := s.ExpiresAt.UTC().Format(time.RFC3339)
		j.ExpiresAt = &v
	}
	if s.Problem != nil {
		j.Problem = s.Problem.Error()
	}
	j.Secrets = string(s.SecretMode)
	if j.Secrets == "" {
		j.Secrets = "unknown"
	}
	if s.SecretsProblem != nil {
		j.SecretsProblem = s.SecretsProblem.Error()
	}
	return j
}
