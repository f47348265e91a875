package storage

import (
	"fmt"
	"os"
)

// SecureDir checks who can write to the cache directory. A directory that
// group or others can write to lets them replace the token files (which
// they cannot read, being 0600); when the current user owns it, it is
// tightened to 0700, as ssotray and the AWS CLI create it. The returned
// warning says what was found and what was done; it is nil for a private or
// missing directory, and always on Windows, where access is by ACL.
func (c *TokenCache) SecureDir() (warning error) {
	fi, err := os.Stat(c.Dir)
	if err != nil || !fi.IsDir() || !checkModes {
		return nil
	}
	mode := fi.Mode().Perm()
	if mode&0o022 == 0 {
		return nil
	}
	if !ownedByMe(fi) {
		return fmt.Errorf("the token cache directory %s can be written by other users (mode %04o) and belongs to another user, so ssotray left it; anyone who can write to it can replace your tokens: make it yours with mode 0700", c.Dir, mode)
	}
	if err := os.Chmod(c.Dir, 0o700); err != nil {
		return fmt.Errorf("the token cache directory %s can be written by other users (mode %04o) and could not be made private: %w", c.Dir, mode, withoutPath(err))
	}
	return fmt.Errorf("the token cache directory %s could be written by other users (mode %04o); ssotray made it 0700", c.Dir, mode)
}

// CheckWritable makes sure a token can be saved: it creates the cache
// directory 0700 if it is missing, then writes and removes a throw-away
// file in it. Check it before a sign-in shows its code, so that nobody
// approves one whose token cannot be kept. The error is a *CacheError
// naming the directory.
func (c *TokenCache) CheckWritable() error {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return &CacheError{Path: c.Dir, Err: fmt.Errorf("the token cache directory cannot be created: %w", withoutPath(err))}
	}
	f, err := os.CreateTemp(c.Dir, ".ssotray-probe-*")
	if err != nil {
		return &CacheError{Path: c.Dir, Err: fmt.Errorf("no token can be saved in this directory: %w", withoutPath(err))}
	}
	name := f.Name()
	err = f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	if err != nil {
		return &CacheError{Path: c.Dir, Err: fmt.Errorf("no token can be saved in this directory: %w", withoutPath(err))}
	}
	return nil
}
