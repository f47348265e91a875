package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Paths locates the files ssotray shares with the AWS CLI.
type Paths struct {
	// Home is the user's home directory.
	Home string
	// ConfigFile is the shared config file: ~/.aws/config, or $AWS_CONFIG_FILE.
	ConfigFile string
}

// DefaultPaths returns the paths the AWS CLI uses for the current user. The
// home directory comes from os.UserHomeDir (HOME on Unix, USERPROFILE on
// Windows); AWS_CONFIG_FILE, when set, replaces ~/.aws/config, with a leading
// ~/ expanded as botocore does.
func DefaultPaths() (Paths, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return Paths{}, fmt.Errorf("find home directory: %w", err)
	}
	p := PathsFromHome(home)
	if env := os.Getenv("AWS_CONFIG_FILE"); env != "" {
		p.ConfigFile = expandHome(env, home)
	}
	return p, nil
}

// PathsFromHome returns the paths under home, ignoring the environment; tests
// and the demo use it with a throw-away directory.
func PathsFromHome(home string) Paths {
	return Paths{
		Home:       home,
		ConfigFile: filepath.Join(home, ".aws", "config"),
	}
}

// CacheDir returns the SSO token cache directory, Home/.aws/sso/cache. Neither
// botocore nor aws-sdk-go-v2 lets the environment move it.
func (p Paths) CacheDir() string {
	return filepath.Join(p.Home, ".aws", "sso", "cache")
}

// TokenCache returns a TokenCache for CacheDir.
func (p Paths) TokenCache() *TokenCache {
	return NewTokenCache(p.CacheDir())
}

// expandHome replaces a leading "~" followed by a separator (or a lone "~")
// with home.
func expandHome(path, home string) string {
	if path == "~" {
		return home
	}
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		return filepath.Join(home, rest)
	}
	if filepath.Separator != '/' {
		if rest, ok := strings.CutPrefix(path, "~"+string(filepath.Separator)); ok {
			return filepath.Join(home, rest)
		}
	}
	return path
}
