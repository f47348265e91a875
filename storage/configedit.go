package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ssotray/ssotray/internal/atomicfile"
)

// ErrDuplicate is wrapped by AddSSOSession's error when the name is taken.
var ErrDuplicate = errors.New("already exists")

// DuplicateError is AddSSOSession's error for a name already used by an
// sso-session or a profile. It wraps ErrDuplicate.
type DuplicateError struct {
	// Name is the sign-in name asked for.
	Name string
	// File is the config file.
	File string
}

// Error returns a sentence for the person who chose the name.
func (e *DuplicateError) Error() string {
	// The same words as the wizard's: the name may be a profile's.
	return fmt.Sprintf("a sign-in or profile named %q is already in %s; choose another name", e.Name, e.File)
}

// Unwrap returns ErrDuplicate.
func (e *DuplicateError) Unwrap() error { return ErrDuplicate }

// ValidateSessionName checks a name for a new [sso-session NAME] section:
// letters, digits, '-', '_' and '.', which every AWS tool reads the same way.
func ValidateSessionName(name string) error {
	if name == "" {
		return errors.New("choose a name for the sign-in")
	}
	for _, c := range []byte(name) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Errorf("the name %q can use only letters, digits, hyphens (-), underscores (_) and dots (.)", name)
		}
	}
	return nil
}

// AddSSOSession appends a new [sso-session NAME] section with sso_start_url,
// sso_region and sso_registration_scopes = sso:account:access to the config
// file.
//
// It first checks the name (ValidateSessionName), the start URL
// (ValidateStartURL, allowing a host that is not AWS-owned, which the
// caller has followed to the portal) and the Region (ValidateRegion), and refuses a name that
// an sso-session or a profile already has with a *DuplicateError (wrapping
// ErrDuplicate). The existing bytes are kept exactly as they are; the new
// section follows a newline if the file lacks a final one and one blank line,
// with CRLF line endings if the file uses them. A missing file is created
// 0600 and its directory 0700; an existing file keeps its mode, and a
// symbolic link is followed rather than replaced. The write is atomic. If the
// existing file cannot be read, nothing is written. There is no lock: an edit
// another program makes between the read and the rename is lost.
func AddSSOSession(configFile, name, startURL, region string) error {
	if err := ValidateSessionName(name); err != nil {
		return err
	}
	// A start URL on a company's own domain is the caller's to check: it
	// follows it to the portal first (package vanity).
	su, err := ValidateStartURL(startURL)
	if err != nil && !errors.Is(err, ErrNotAWSHost) {
		return err
	}
	if err := ValidateRegion(region); err != nil {
		return err
	}
	target, old, perm, err := readForEdit(configFile, "add sign-in")
	if err != nil {
		return err
	}
	if ParseConfig(configFile, old).NameInUse(name) {
		return &DuplicateError{Name: name, File: configFile}
	}
	data := appendSSOSession(old, name, su.URL, region)
	if err := atomicfile.Write(target, data, perm); err != nil {
		return fmt.Errorf("write config %s: %w", target, err)
	}
	return nil
}

// readForEdit reads a config file for an edit: the file its links lead to
// (target, which the edit replaces), its bytes (nil when it does not exist
// yet) and the mode to keep (0600 for a new file). what names the edit in
// errors.
func readForEdit(configFile, what string) (target string, old []byte, perm os.FileMode, err error) {
	target, err = resolveLink(configFile)
	if err != nil {
		return "", nil, 0, fmt.Errorf("%s: %w", what, err)
	}
	perm = 0o600
	old, err = readRegular(target, maxConfigFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, nil, perm, nil
	case err != nil:
		return "", nil, 0, fmt.Errorf("read config: %w", err)
	}
	if fi, err := os.Stat(target); err == nil {
		perm = fi.Mode().Perm()
	}
	return target, old, perm, nil
}

// maxLinks bounds the links resolveLink follows, as the kernel does.
const maxLinks = 40

// resolveLink follows path if it is a symbolic link, so that writing
// replaces the file it points to, not the link. A missing path is returned as
// it is. A dangling chain of links is followed link by link to its end, the
// missing file the last link names, so that no link in it is replaced by
// the file; a loop, or a chain longer than maxLinks, is refused.
func resolveLink(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return target, err
	}
	cur := path
	for range maxLinks {
		fi, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return cur, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			// A directory on the way is missing or not one; writing
			// reports it.
			return cur, nil
		}
		link, err := os.Readlink(cur)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(cur), link)
		}
		cur = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// appendSSOSession returns old followed by the new section.
func appendSSOSession(old []byte, name, startURL, region string) []byte {
	nl := "\n"
	if i := bytes.IndexByte(old, '\n'); i > 0 && old[i-1] == '\r' {
		nl = "\r\n"
	}
	out := bytes.Clone(old)
	if len(out) > 0 {
		if out[len(out)-1] != '\n' {
			out = append(out, nl...)
		}
		if !endsWithBlankLine(out) {
			out = append(out, nl...)
		}
	}
	for _, line := range []string{
		"[sso-session " + name + "]",
		"sso_start_url = " + startURL,
		"sso_region = " + region,
		"sso_registration_scopes = sso:account:access",
	} {
		out = append(out, line...)
		out = append(out, nl...)
	}
	return out
}

// endsWithBlankLine reports whether b, which ends with a newline, ends with an
// empty line (or is only newlines).
func endsWithBlankLine(b []byte) bool {
	b = bytes.TrimSuffix(b[:len(b)-1], []byte("\r"))
	return len(b) == 0 || b[len(b)-1] == '\n'
}
