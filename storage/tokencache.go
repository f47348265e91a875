package storage

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/ssotray/ssotray/internal/atomicfile"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrNotFound means the cache file does not exist.
var ErrNotFound = errors.New("not found")

// ErrUnreadable means the cache file exists but cannot be used: it cannot be
// read, is not JSON, or lacks or garbles a required key.
var ErrUnreadable = errors.New("unreadable")

// CacheError says which cache file is wrong and why. It never includes the
// file's contents.
type CacheError struct {
	// Path is the cache file.
	Path string
	// Err is the reason; it wraps ErrNotFound or ErrUnreadable when one
	// applies.
	Err error
}

// Error returns "cache file PATH: REASON".
func (e *CacheError) Error() string {
	return "cache file " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the reason.
func (e *CacheError) Unwrap() error { return e.Err }

// unreadable returns a CacheError wrapping ErrUnreadable with a reason.
func unreadable(path string, reason error) *CacheError {
	return &CacheError{Path: path, Err: fmt.Errorf("%w: %w", ErrUnreadable, reason)}
}

// TokenCache is the SSO cache directory the AWS CLI, botocore and
// aws-sdk-go-v2 share, normally ~/.aws/sso/cache (Paths.CacheDir). It holds
// token files (Load, Save) and the CLI's client registrations
// (LoadRegistration, SaveRegistration). It has no lock: other tools rewrite
// the same files at any time, so read a token again right before refreshing
// it.
type TokenCache struct {
	// Dir is the cache directory.
	Dir string
}

// NewTokenCache returns a TokenCache for dir.
func NewTokenCache(dir string) *TokenCache {
	return &TokenCache{Dir: dir}
}

// CacheFileName returns the token file name for key: the lower-case hex SHA-1
// of the key, plus ".json". The key is the sso-session name, or for a legacy
// profile the start URL exactly as configured (SignIn.CacheKey).
func CacheFileName(key string) string {
	sum := sha1.Sum([]byte(key))
	return hex.EncodeToString(sum[:]) + ".json"
}

// Path returns the token file for key.
func (c *TokenCache) Path(key string) string {
	return filepath.Join(c.Dir, CacheFileName(key))
}

// tokenKeys are the keys Token has fields for, in the order the AWS CLI
// writes them.
var tokenKeys = []string{
	"startUrl", "region", "accessToken", "expiresAt",
	"clientId", "clientSecret", "registrationExpiresAt", "refreshToken",
}

// Load reads the token cached under key. A missing file gives a *CacheError
// wrapping ErrNotFound. A file that cannot be read, is not a JSON object,
// lacks accessToken or expiresAt, has a known key whose value is not a
// string, or has a time that is not a valid time with a zone gives a
// *CacheError wrapping ErrUnreadable, with the reason.
//
// An empty file is a token that Delete emptied because another program
// held the file open (Windows): it gives ErrNotFound, as botocore reads it.
func (c *TokenCache) Load(key string) (Token, error) {
	path := c.Path(key)
	obj, err := readCacheObject(path)
	if errors.Is(err, errEmptyFile) {
		return Token{}, &CacheError{Path: path, Err: ErrNotFound}
	}
	if err != nil {
		return Token{}, err
	}
	t, err := tokenFromObject(obj)
	if err != nil {
		return Token{}, unreadable(path, err)
	}
	return t, nil
}

// readCacheObject reads a cache file as a JSON object. Only a regular file
// of at most maxCacheFileSize is read (readRegular).
func readCacheObject(path string) (jsonObject, error) {
	data, err := readRegular(path, maxCacheFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &CacheError{Path: path, Err: ErrNotFound}
	}
	if err != nil {
		return nil, unreadable(path, withoutPath(err))
	}
	obj, err := parseJSONObject(data)
	if err != nil {
		return nil, unreadable(path, err)
	}
	return obj, nil
}

// parseToken reads the contents of a token file.
func parseToken(data []byte) (Token, error) {
	obj, err := parseJSONObject(data)
	if err != nil {
		return Token{}, err
	}
	return tokenFromObject(obj)
}

// tokenFromObject checks and converts a token file's object.
func tokenFromObject(obj jsonObject) (Token, error) {
	var t Token
	strs := []*string{&t.StartURL, &t.Region, &t.AccessToken, nil, &t.ClientID, &t.ClientSecret, nil, &t.RefreshToken}
	for i, k := range tokenKeys {
		if strs[i] == nil {
			continue
		}
		v, _, err := obj.str(k)
		if err != nil {
			return Token{}, err
		}
		*strs[i] = v
	}
	if t.AccessToken == "" {
		return Token{}, errors.New("accessToken is missing")
	}
	var err error
	if t.ExpiresAt, err = objTime(obj, "expiresAt", true); err != nil {
		return Token{}, err
	}
	if t.RegistrationExpiresAt, err = objTime(obj, "registrationExpiresAt", false); err != nil {
		return Token{}, err
	}
	t.extra = obj.unknown(tokenKeys)
	return t, nil
}

// objTime reads key as a cache timestamp.
func objTime(obj jsonObject, key string, required bool) (time.Time, error) {
	s, ok, err := obj.str(key)
	if err != nil {
		return time.Time{}, err
	}
	if !ok || s == "" {
		if required {
			return time.Time{}, fmt.Errorf("%s is missing", key)
		}
		return time.Time{}, nil
	}
	t, err := parseCacheTime(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %w", key, err)
	}
	return t, nil
}

// Save writes t as the token cached under key, in the AWS CLI's format: the
// known keys in the CLI's order (empty strings and zero times left out),
// then t's unknown keys in their original order. When t carries no unknown
// keys, those of the file on disk are kept, if it is a readable JSON object,
// so that a new sign-in keeps what another tool added. The write is atomic;
// the file is 0600 and a directory created for it 0700. A file that cannot
// be read is replaced.
func (c *TokenCache) Save(key string, t Token) error {
	path := c.Path(key)
	if len(t.extra) == 0 {
		if old, err := readCacheObject(path); err == nil {
			t.extra = old.unknown(tokenKeys)
		}
	}
	data, err := encodeToken(t)
	if err != nil {
		return &CacheError{Path: path, Err: err}
	}
	if err := atomicfile.Write(path, data, 0o600); err != nil {
		return &CacheError{Path: path, Err: err}
	}
	return nil
}

// encodeToken returns the file contents for t.
func encodeToken(t Token) ([]byte, error) {
	if t.AccessToken == "" {
		return nil, errors.New("the token has no access token")
	}
	if t.ExpiresAt.IsZero() {
		return nil, errors.New("the token has no expiry time")
	}
	if err := checkCacheTime("expiresAt", t.ExpiresAt); err != nil {
		return nil, err
	}
	o := newPyObject()
	o.strOmitEmpty("startUrl", t.StartURL)
	o.strOmitEmpty("region", t.Region)
	o.str("accessToken", t.AccessToken)
	o.str("expiresAt", formatCacheTime(t.ExpiresAt))
	o.strOmitEmpty("clientId", t.ClientID)
	o.strOmitEmpty("clientSecret", t.ClientSecret)
	if !t.RegistrationExpiresAt.IsZero() {
		if err := checkCacheTime("registrationExpiresAt", t.RegistrationExpiresAt); err != nil {
			return nil, err
		}
		o.str("registrationExpiresAt", formatCacheTime(t.RegistrationExpiresAt))
	}
	o.strOmitEmpty("refreshToken", t.RefreshToken)
	if err := o.members(t.extra); err != nil {
		return nil, err
	}
	return o.bytes(), nil
}

// Delete removes the token cached under key. A missing file is not an error.
//
// On Windows another program (the AWS CLI, an editor, a script) may hold
// the file open in a way that forbids removing it but allows writing, the
// default of Python's open() and Go's os.Open. Delete then waits a moment
// (atomicfile.Remove) and, if the file is still held, empties it in place:
// Load, the AWS CLI and the SDKs all read an empty token file as no token,
// so the sign-in shows signed out and no secret stays on disk. The next
// Save replaces the empty file. A holder that forbids writing too gives an
// error wrapping atomicfile.ErrHeld, and the file stays as it was.
func (c *TokenCache) Delete(key string) error {
	path := c.Path(key)
	err := atomicfile.Remove(path)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if errors.Is(err, atomicfile.ErrHeld) {
		if terr := emptyFile(path); terr == nil {
			return nil
		}
		return &CacheError{Path: path, Err: fmt.Errorf("%w: %w", atomicfile.ErrHeld, withoutPath(err))}
	}
	return &CacheError{Path: path, Err: withoutPath(err)}
}

// emptyFile truncates the file at path to nothing, without creating it.
func emptyFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// withoutPath drops the path from an *fs.PathError, because CacheError
// already names the file.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
