package storage

import (
	"path/filepath"
	"testing"
)

func TestPathsFromHome(t *testing.T) {
	home := filepath.Join("home", "u")
	p := PathsFromHome(home)
	if want := filepath.Join(home, ".aws", "config"); p.ConfigFile != want {
		t.Errorf("ConfigFile = %q, want %q", p.ConfigFile, want)
	}
	if want := filepath.Join(home, ".aws", "sso", "cache"); p.CacheDir() != want || p.TokenCache().Dir != want {
		t.Errorf("CacheDir = %q, TokenCache().Dir = %q, want %q", p.CacheDir(), p.TokenCache().Dir, want)
	}
}

func TestDefaultPaths(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	tests := []struct {
		name, env, want string
	}{
		{"unset", "", filepath.Join(home, ".aws", "config")},
		{"absolute", filepath.Join(home, "cfg"), filepath.Join(home, "cfg")},
		{"tilde", "~/other/config", filepath.Join(home, "other", "config")},
		{"lone tilde", "~", home},
		{"tilde user is left alone", "~bob/config", "~bob/config"},
		{"relative", "rel/config", "rel/config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AWS_CONFIG_FILE", tt.env)
			p, err := DefaultPaths()
			if err != nil {
				t.Fatal(err)
			}
			if p.Home != home || p.ConfigFile != tt.want {
				t.Errorf("DefaultPaths = %+v, want Home %q ConfigFile %q", p, home, tt.want)
			}
		})
	}
}
