package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/ssotray/ssotray/internal/atomicfile"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Settings is ssotray's own per-sign-in settings: a JSON file of its own,
// never ~/.aws/config, which the AWS CLI owns. For example
//
//	{"signIns": {"corp": {"secrets": "keyring"}}}
//
// Keys that this version does not know, at any level, are kept on Save.
type Settings struct {
	// SignIns maps a sign-in's name (SignIn.Name) to its settings.
	SignIns map[string]SignInSettings

	// extra holds the file's other top-level keys.
	extra map[string]json.RawMessage
}

// SignInSettings is what ssotray remembers about one sign-in.
type SignInSettings struct {
	// Secrets is where the sign-in keeps its refresh token and client
	// secret; empty means SecretsCLI.
	Secrets SecretMode

	// extra holds the entry's other keys.
	extra map[string]json.RawMessage
}

// SettingsError says which settings file is wrong and why.
type SettingsError struct {
	// Path is the settings file.
	Path string
	// Err is the reason; it wraps ErrUnreadable when the file is malformed.
	Err error
}

// Error returns "settings file PATH: REASON".
func (e *SettingsError) Error() string { return "settings file " + e.Path + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *SettingsError) Unwrap() error { return e.Err }

// settingsMu serialises UpdateSettings within the process.
var settingsMu sync.Mutex

// DefaultSettingsFile returns where ssotray keeps its settings:
// os.UserConfigDir()/ssotray/settings.json, that is
// $XDG_CONFIG_HOME/ssotray/settings.json (else ~/.config/…) on Linux,
// ~/Library/Application Support/ssotray/settings.json on macOS and
// %AppData%\ssotray\settings.json on Windows.
func DefaultSettingsFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the settings directory: %w", err)
	}
	return filepath.Join(dir, "ssotray", "settings.json"), nil
}

// LoadSettings reads the settings file at path. A missing file gives empty
// settings (every sign-in in SecretsCLI mode) and no error. A file that
// cannot be read, is not a JSON object, or has a value of the wrong type or
// an unknown secret mode gives a *SettingsError wrapping ErrUnreadable.
func LoadSettings(path string) (*Settings, error) {
	data, err := readRegular(path, maxCacheFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return &Settings{}, nil
	}
	if err != nil {
		return nil, &SettingsError{Path: path, Err: fmt.Errorf("%w: %w", ErrUnreadable, withoutPath(err))}
	}
	s, err := parseSettings(data)
	if err != nil {
		return nil, &SettingsError{Path: path, Err: fmt.Errorf("%w: %w", ErrUnreadable, err)}
	}
	return s, nil
}

// parseSettings reads the contents of a settings file.
func parseSettings(data []byte) (*Settings, error) {
	top, err := rawObject(data, "the file")
	if err != nil {
		return nil, err
	}
	s := &Settings{}
	if raw, ok := top["signIns"]; ok {
		delete(top, "signIns")
		entries, err := rawObject(raw, "signIns")
		if err != nil {
			return nil, err
		}
		s.SignIns = make(map[string]SignInSettings, len(entries))
		for name, raw := range entries {
			e, err := parseSignInSettings(name, raw)
			if err != nil {
				return nil, err
			}
			s.SignIns[name] = e
		}
	}
	if len(top) > 0 {
		s.extra = top
	}
	return s, nil
}

// parseSignInSettings reads one entry of signIns.
func parseSignInSettings(name string, raw json.RawMessage) (SignInSettings, error) {
	where := fmt.Sprintf("signIns[%q]", name)
	obj, err := rawObject(raw, where)
	if err != nil {
		return SignInSettings{}, err
	}
	var e SignInSettings
	if v, ok := obj["secrets"]; ok {
		delete(obj, "secrets")
		var mode string
		if err := json.Unmarshal(v, &mode); err != nil {
			return SignInSettings{}, fmt.Errorf("%s.secrets is not a string", where)
		}
		if e.Secrets, err = ParseSecretMode(mode); err != nil {
			return SignInSettings{}, fmt.Errorf("%s.secrets: %w", where, err)
		}
	}
	if len(obj) > 0 {
		e.extra = obj
	}
	return e, nil
}

// rawObject decodes data as one JSON object.
func rawObject(data []byte, what string) (map[string]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, fmt.Errorf("%s is empty", what)
	}
	if data[0] != '{' {
		return nil, fmt.Errorf("%s is not a JSON object", what)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, fmt.Errorf("%s is not valid JSON: %w", what, err)
	}
	if obj == nil {
		obj = map[string]json.RawMessage{}
	}
	return obj, nil
}

// SecretMode returns where the sign-in name keeps its secrets.
func (s *Settings) SecretMode(name string) SecretMode {
	if m := s.SignIns[name].Secrets; m != "" {
		return m
	}
	return SecretsCLI
}

// SetSecretMode records where the sign-in name keeps its secrets.
func (s *Settings) SetSecretMode(name string, mode SecretMode) {
	if s.SignIns == nil {
		s.SignIns = map[string]SignInSettings{}
	}
	e := s.SignIns[name]
	e.Secrets = mode
	s.SignIns[name] = e
}

// Save writes s to path atomically: the file 0600, a directory created for
// it 0700. It refuses, with a *SettingsError wrapping ErrUnreadable, to
// replace a file that exists but does not load, so that a hand edit gone
// wrong is reported instead of lost; Overwrite replaces it anyway.
func (s *Settings) Save(path string) error {
	if _, err := LoadSettings(path); err != nil {
		return fmt.Errorf("%w; not replacing it (fix or remove the file)", err)
	}
	return s.Overwrite(path)
}

// Overwrite writes s to path like Save, replacing whatever is there.
func (s *Settings) Overwrite(path string) error {
	data, err := s.encode()
	if err != nil {
		return &SettingsError{Path: path, Err: err}
	}
	if err := atomicfile.Write(path, data, 0o600); err != nil {
		return &SettingsError{Path: path, Err: err}
	}
	return nil
}

// encode returns the file contents: indented JSON with sorted keys.
func (s *Settings) encode() ([]byte, error) {
	top := make(map[string]any, len(s.extra)+1)
	for k, v := range s.extra {
		top[k] = v
	}
	entries := make(map[string]map[string]any, len(s.SignIns))
	for name, e := range s.SignIns {
		obj := make(map[string]any, len(e.extra)+1)
		for k, v := range e.extra {
			obj[k] = v
		}
		if e.Secrets != "" {
			obj["secrets"] = e.Secrets
		}
		entries[name] = obj
	}
	top["signIns"] = entries
	data, err := json.MarshalIndent(top, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// SetAsideSettings renames the settings file at path to path + ".bad",
// replacing an earlier one, so that a file that does not load can be
// replaced without losing what it held. It returns the new name.
func SetAsideSettings(path string) (string, error) {
	bad := path + ".bad"
	if err := os.Rename(path, bad); err != nil {
		return "", &SettingsError{Path: path, Err: fmt.Errorf("move it aside: %w", withoutPath(err))}
	}
	return bad, nil
}

// UpdateSettings loads the settings at path, lets fn change them and saves
// them (Save: a malformed file is reported, not replaced). Calls within one
// process are serialised; fn returning an error saves nothing.
func UpdateSettings(path string, fn func(*Settings) error) error {
	settingsMu.Lock()
	defer settingsMu.Unlock()
	s, err := LoadSettings(path)
	if err != nil {
		return err
	}
	if err := fn(s); err != nil {
		return err
	}
	return s.Overwrite(path)
}
