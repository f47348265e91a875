package managed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/ssotray/ssotray/profiles"
	"github.com/ssotray/ssotray/storage"
)

// maxFileSize bounds the managed file; a real one is a few kilobytes.
const maxFileSize = 1 << 20

// The policy's secrets values.
const (
	// SecretsCLI keeps every managed sign-in's secrets as the AWS CLI does,
	// and new sign-ins too.
	SecretsCLI = "cli"
	// SecretsKeyring keeps them only in the OS keyring.
	SecretsKeyring = "keyring"
	// SecretsChoice leaves it to the person, as without a policy.
	SecretsChoice = "choice"
)

// File is a checked managed file.
type File struct {
	// Path is where it was read from.
	Path string `json:"-"`
	// SignIns are the sign-ins every person should have, in file order.
	SignIns []SignIn `json:"signIns"`
	// Policy is what ssotray follows on this machine.
	Policy Policy `json:"policy"`
}

// SignIn is one sign-in the organisation provides.
type SignIn struct {
	// Name is the [sso-session NAME] it is added as.
	Name string `json:"name"`
	// StartURL is the AWS access portal URL.
	StartURL string `json:"startUrl"`
	// Region is the IAM Identity Center Region; it may be left out when
	// the start URL names it.
	Region string `json:"region"`
	// Scopes is sso_registration_scopes; empty means sso:account:access.
	Scopes []string `json:"scopes"`
}

// Policy is the organisation's choices for ssotray. A zero field leaves
// the matter to the person.
type Policy struct {
	// Secrets is SecretsCLI, SecretsKeyring, SecretsChoice or "" (choice).
	Secrets string `json:"secrets"`
	// StartAtLogin, when set, switches start at login on or off at every
	// start of the app.
	StartAtLogin *bool `json:"startAtLogin"`
	// ProfileTemplate names the [profile] sections written for the managed
	// sign-ins' accounts and roles once they are listed (profiles'
	// template syntax); "" writes none.
	ProfileTemplate string `json:"profileTemplate"`
}

// Error is a managed file that cannot be used, with where in it.
type Error struct {
	Path string
	// Line and Column are 1-based; 0 when the problem has no place (the
	// file cannot be read).
	Line, Column int
	Err          error
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("managed file %s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("managed file %s:%d:%d: %v", e.Path, e.Line, e.Column, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Load reads and checks the managed file at path. A file that does not
// exist is no error: it returns nil, nil. Any other problem is an *Error
// naming the path and, where there is one, the line.
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	if len(data) > maxFileSize {
		return nil, &Error{Path: path, Err: fmt.Errorf("larger than %d bytes", maxFileSize)}
	}
	return Parse(path, data)
}

// Parse checks the managed file's contents; path is for messages.
func Parse(path string, data []byte) (*File, error) {
	at := func(offset int64, err error) error {
		line, col := position(data, offset)
		return &Error{Path: path, Line: line, Column: col, Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var file File
	if err := dec.Decode(&file); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			// Offset counts the character that is wrong.
			return nil, at(syn.Offset-1, errors.New(strings.TrimPrefix(syn.Error(), "json: ")))
		case errors.As(err, &typ):
			// Offset is just past the value; point at its last character.
			return nil, at(typ.Offset-1, fmt.Errorf("%s must be %s", fieldName(typ), jsonKind(typ)))
		case errors.Is(err, io.EOF):
			return nil, at(0, errors.New("the file is empty; it needs at least {\"signIns\": []}"))
		}
		// An unknown key: encoding/json gives no offset, so find it.
		if key, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return nil, at(int64(bytes.Index(data, []byte(key))), fmt.Errorf("unknown key %s (known: signIns, policy; name, startUrl, region, scopes; secrets, startAtLogin, profileTemplate)", key))
		}
		return nil, at(dec.InputOffset(), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, at(dec.InputOffset(), errors.New("more after the end of the JSON object"))
	}
	offsets := elementOffsets(data)
	if file.SignIns == nil {
		return nil, at(0, errors.New("no signIns list; write \"signIns\": [] for none"))
	}
	names, urls := map[string]bool{}, map[string]bool{}
	for i := range file.SignIns {
		s := &file.SignIns[i]
		if err := s.check(); err != nil {
			return nil, at(offsets.signIn(i), fmt.Errorf("signIns[%d]: %w", i, err))
		}
		if names[s.Name] {
			return nil, at(offsets.signIn(i), fmt.Errorf("signIns[%d]: the name %s is listed twice", i, s.Name))
		}
		for u := range urls {
			if storage.SameStartURL(u, s.StartURL) {
				return nil, at(offsets.signIn(i), fmt.Errorf("signIns[%d]: the start URL %s is listed twice", i, s.StartURL))
			}
		}
		names[s.Name], urls[s.StartURL] = true, true
	}
	if err := file.Policy.check(); err != nil {
		return nil, at(offsets.policy, fmt.Errorf("policy: %w", err))
	}
	file.Path = path
	return &file, nil
}

// check validates a sign-in as the wizard validates typed input, and
// fills in the Region the start URL names.
func (s *SignIn) check() error {
	if err := storage.ValidateSessionName(s.Name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	su, err := storage.ValidateStartURL(s.StartURL)
	if err != nil {
		return fmt.Errorf("startUrl: %w", err)
	}
	if su.Cleaned != "" {
		return fmt.Errorf("startUrl: %s carries a page of the portal (#…); use %s", s.StartURL, su.URL)
	}
	s.StartURL = su.URL
	switch {
	case s.Region == "" && su.Region == "":
		return errors.New("region: missing, and the start URL does not name one")
	case s.Region == "":
		s.Region = su.Region
	default:
		if err := storage.ValidateRegion(s.Region); err != nil {
			return fmt.Errorf("region: %w", err)
		}
		if su.Region != "" && su.Region != s.Region {
			return fmt.Errorf("region: %s differs from %s, which the start URL names", s.Region, su.Region)
		}
	}
	for _, sc := range s.Scopes {
		if sc == "" || strings.ContainsAny(sc, ", \t\r\n;#[]\"'\\") {
			return fmt.Errorf("scopes: %q is not a scope such as sso:account:access", sc)
		}
	}
	return nil
}

func (p Policy) check() error {
	switch p.Secrets {
	case "", SecretsCLI, SecretsKeyring, SecretsChoice:
	default:
		return fmt.Errorf("secrets is %q; it must be %q, %q or %q", p.Secrets, SecretsCLI, SecretsKeyring, SecretsChoice)
	}
	if p.ProfileTemplate != "" {
		if err := profiles.ValidateTemplate(p.ProfileTemplate); err != nil {
			return fmt.Errorf("profileTemplate: %w", err)
		}
	}
	return nil
}

// Manages reports whether in is one of the file's sign-ins: the same
// portal, under whatever name the config gives it. A nil File manages
// nothing.
func (f *File) Manages(in storage.SignIn) bool {
	if f == nil {
		return false
	}
	for _, s := range f.SignIns {
		if storage.SameStartURL(s.StartURL, in.StartURL) {
			return true
		}
	}
	return false
}

// SecretMode is the mode the policy sets for the managed sign-ins and new
// ones, and false when the person chooses.
func (f *File) SecretMode() (storage.SecretMode, bool) {
	if f == nil {
		return "", false
	}
	switch f.Policy.Secrets {
	case SecretsCLI:
		return storage.SecretsCLI, true
	case SecretsKeyring:
		return storage.SecretsKeyring, true
	}
	return "", false
}

// fieldName names the field a type error is in, as the file spells it.
func fieldName(e *json.UnmarshalTypeError) string {
	if e.Field == "" {
		return "the file"
	}
	return e.Field
}

// jsonKind says in words what a Go type is in JSON.
func jsonKind(e *json.UnmarshalTypeError) string {
	switch e.Type.Kind().String() {
	case "string":
		return "a string"
	case "bool", "ptr":
		return "true or false"
	case "slice":
		return "a list [...]"
	case "struct":
		return "an object {...}"
	}
	return "a " + e.Type.String()
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
