package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	testExpires = time.Date(2026, 11, 27, 18, 42, 28, 0, time.UTC)
	testRegExp  = time.Date(2027, 2, 25, 10, 42, 22, 0, time.UTC)
)

// cliToken is the token in testdata/token/cli.json.
func cliToken() Token {
	return Token{
		StartURL:              "https://d-1234567890.awsapps.com/start",
		Region:                "us-east-1",
		AccessToken:           "aoa-token",
		ExpiresAt:             testExpires,
		ClientID:              "cid",
		ClientSecret:          "csecret",
		RegistrationExpiresAt: testRegExp,
		RefreshToken:          "rt",
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// writeCacheFile puts data in the cache file for key.
func writeCacheFile(t *testing.T, c *TokenCache, key string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.Path(key), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCacheFileName(t *testing.T) {
	tests := []struct {
		name, key, want string
	}{
		{"sso-session name", "my-sso", "0ad374308c5a4e22f723adf10145eafad7c4031c.json"},
		{"legacy start URL", "https://d-1234567890.awsapps.com/start", "7487b5b67d5fa1132cf33fa93ae51ef38cc37752.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CacheFileName(tt.key); got != tt.want {
				t.Errorf("CacheFileName(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
	c := NewTokenCache("/cache")
	if got, want := c.Path("my-sso"), filepath.Join("/cache", "0ad374308c5a4e22f723adf10145eafad7c4031c.json"); got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
}

func TestSaveWritesCLIFormat(t *testing.T) {
	tests := []struct {
		name   string
		token  Token
		golden string
	}{
		{"full token", cliToken(), "token/cli.json"},
		{
			"no refresh token or registration",
			Token{StartURL: "https://d-1234567890.awsapps.com/start", Region: "us-east-1", AccessToken: "bc-token", ExpiresAt: testExpires},
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			if err := c.Save("my-sso", tt.token); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(c.Path("my-sso"))
			if err != nil {
				t.Fatal(err)
			}
			want := `{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "bc-token", "expiresAt": "2026-11-27T18:42:28Z"}`
			if tt.golden != "" {
				want = string(readTestdata(t, tt.golden))
			}
			if string(got) != want {
				t.Errorf("file contents:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestSaveConvertsToUTCWholeSeconds(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	tok := cliToken()
	tok.ExpiresAt = time.Date(2026, 11, 27, 19, 42, 28, 999_000_000, time.FixedZone("CET", 3600))
	if err := c.Save("k", tok); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(c.Path("k"))
	if !strings.Contains(string(data), `"expiresAt": "2026-11-27T18:42:28Z"`) {
		t.Errorf("expiresAt not written as UTC whole seconds: %s", data)
	}
}

func TestSaveEscapesLikePython(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	want := readTestdata(t, "token/unicode.json")
	writeCacheFile(t, c, "k", want)
	tok, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "tok\"\\\n\t\x01\x7f é€😀" {
		t.Errorf("AccessToken = %q", tok.AccessToken)
	}
	if err := c.Save("k", tok); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(c.Path("k"))
	if string(got) != string(want) {
		t.Errorf("rewrite:\n got %s\nwant %s", got, want)
	}
}

func TestLoadRoundTrip(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	want := cliToken()
	if err := c.Save("my-sso", want); err != nil {
		t.Fatal(err)
	}
	got, err := c.Load("my-sso")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load after Save (-want +got):\n%s", diff)
	}
}

func TestLoadOtherWriters(t *testing.T) {
	tests := []struct {
		name string
		file string
		want Token
	}{
		{"AWS CLI", "token/cli.json", cliToken()},
		{
			"aws-sdk-go-v2 refresh (sorted, compact, trailing newline)", "token/gosdk.json",
			func() Token {
				tok := cliToken()
				tok.AccessToken, tok.RefreshToken = "go-token", "rt2"
				return tok
			}(),
		},
		{
			"botocore UTC suffix", "token/botocore-utc.json",
			Token{StartURL: "https://d-1234567890.awsapps.com/start", Region: "us-east-1", AccessToken: "bc-token", ExpiresAt: testExpires},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			writeCacheFile(t, c, "my-sso", readTestdata(t, tt.file))
			got, err := c.Load("my-sso")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Load (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadTimeForms(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-11-27T18:42:28Z", testExpires},
		{"2026-11-27T18:42:28+00:00", testExpires},
		{"2026-11-27T19:42:28+01:00", testExpires},
		{"2026-11-27T17:12:28-0130", testExpires},
		{"2026-11-27T18:42:28.250Z", testExpires.Add(250 * time.Millisecond)},
		{"2026-11-27T18:42:28UTC", testExpires},
		{"2026-11-27T18:42:28 UTC", testExpires},
		{"2026-11-27 18:42:28Z", testExpires},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseToken([]byte(`{"accessToken": "a", "expiresAt": "` + tt.in + `"}`))
			if err != nil {
				t.Fatal(err)
			}
			if !got.ExpiresAt.Equal(tt.want) {
				t.Errorf("ExpiresAt = %v, want %v", got.ExpiresAt, tt.want)
			}
		})
	}
}

func TestLoadMalformed(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		reason string
	}{
		{"invalid JSON", `{"accessToken": "secret-abc", `, "not valid JSON"},
		{"garbage", `secret-abc`, "not valid JSON at byte 1"},
		{"trailing data", `{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28Z"} {}`, "extra text"},
		{"array", `[]`, "not a JSON object"},
		{"string", `"secret-abc"`, "not a JSON object"},
		{"null", `null`, "not a JSON object"},
		{"accessToken missing", `{"expiresAt": "2026-11-27T18:42:28Z"}`, "accessToken is missing"},
		{"accessToken empty", `{"accessToken": "", "expiresAt": "2026-11-27T18:42:28Z"}`, "accessToken is missing"},
		{"expiresAt missing", `{"accessToken": "secret-abc"}`, "expiresAt is missing"},
		{"accessToken a number", `{"accessToken": 12345, "expiresAt": "2026-11-27T18:42:28Z"}`, "accessToken is not a string"},
		{"refreshToken null", `{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28Z", "refreshToken": null}`, "refreshToken is not a string"},
		{"startUrl an object", `{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28Z", "startUrl": {}}`, "startUrl is not a string"},
		{"expiresAt a number", `{"accessToken": "a", "expiresAt": 1790000000}`, "expiresAt is not a string"},
		{"expiresAt without zone", `{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28"}`, "expiresAt has no time zone"},
		{"expiresAt fraction without zone", `{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28.5"}`, "expiresAt has no time zone"},
		{"expiresAt garbage", `{"accessToken": "a", "expiresAt": "tomorrow"}`, "expiresAt is not a valid time"},
		{"expiresAt bad offset", `{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28+25:00"}`, "expiresAt is not a valid time"},
		{"expiresAt bad month", `{"accessToken": "a", "expiresAt": "2026-13-27T18:42:28Z"}`, "expiresAt is not a valid time"},
		{"expiresAt out of range", `{"accessToken": "a", "expiresAt": "0000-01-01T00:00:00+01:00"}`, "expiresAt is out of range"},
		{"expiresAt the zero time", `{"accessToken": "a", "expiresAt": "0001-01-01T00:00:00Z"}`, "expiresAt is out of range"},
		{"registrationExpiresAt bad", `{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28Z", "registrationExpiresAt": "soon"}`, "registrationExpiresAt is not a valid time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			writeCacheFile(t, c, "my-sso", []byte(tt.data))
			_, err := c.Load("my-sso")
			if !errors.Is(err, ErrUnreadable) {
				t.Fatalf("Load error = %v, want ErrUnreadable", err)
			}
			if errors.Is(err, ErrNotFound) {
				t.Errorf("Load error %v also matches ErrNotFound", err)
			}
			var ce *CacheError
			if !errors.As(err, &ce) || ce.Path != c.Path("my-sso") {
				t.Errorf("Load error %#v is not a *CacheError for the file", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.reason) {
				t.Errorf("error %q does not say %q", msg, tt.reason)
			}
			if !strings.HasPrefix(msg, "cache file "+c.Path("my-sso")+": unreadable: ") {
				t.Errorf("error %q does not name the file", msg)
			}
			if strings.Contains(msg, "secret-abc") {
				t.Errorf("error %q quotes the file", msg)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	c := NewTokenCache(filepath.Join(t.TempDir(), "no", "such", "dir"))
	_, err := c.Load("my-sso")
	if !errors.Is(err, ErrNotFound) || errors.Is(err, ErrUnreadable) {
		t.Fatalf("Load error = %v, want ErrNotFound only", err)
	}
	want := "cache file " + c.Path("my-sso") + ": not found"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestLoadUnreadableFile(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	// A directory where the file should be cannot be read on any OS.
	if err := os.Mkdir(c.Path("k"), 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := c.Load("k")
	if !errors.Is(err, ErrUnreadable) {
		t.Fatalf("Load error = %v, want ErrUnreadable", err)
	}
	if strings.Count(err.Error(), c.Path("k")) != 1 {
		t.Errorf("error %q should name the file once", err)
	}
}

func TestSaveKeepsUnknownKeys(t *testing.T) {
	tests := []struct {
		name    string
		onDisk  string
		fromTok bool // save the loaded token rather than a new one
		want    string
	}{
		{
			name:    "rewrite of a loaded token keeps its keys in order",
			onDisk:  `{"zzz":1,"accessToken":"old","expiresAt":"2026-11-27T18:42:28Z","aaa":{"n":[true,null]},"startUrl":"u"}`,
			fromTok: true,
			want:    `{"startUrl": "u", "accessToken": "new", "expiresAt": "2026-11-27T18:42:28Z", "zzz": 1, "aaa": {"n": [true, null]}}`,
		},
		{
			name:   "new token keeps the keys of the file on disk",
			onDisk: `{"accessToken":"old","expiresAt":"2026-11-27T18:42:28Z","tool":"other","n":1.50}`,
			want:   `{"accessToken": "new", "expiresAt": "2026-11-27T18:42:28Z", "tool": "other", "n": 1.50}`,
		},
		{
			name:   "file on disk without a token still gives its keys",
			onDisk: `{"tool":"other"}`,
			want:   `{"accessToken": "new", "expiresAt": "2026-11-27T18:42:28Z", "tool": "other"}`,
		},
		{
			name:   "file on disk that is not JSON is replaced",
			onDisk: `{"tool":`,
			want:   `{"accessToken": "new", "expiresAt": "2026-11-27T18:42:28Z"}`,
		},
		{
			name:   "file on disk that is an array is replaced",
			onDisk: `[1]`,
			want:   `{"accessToken": "new", "expiresAt": "2026-11-27T18:42:28Z"}`,
		},
		{
			name:   "duplicate keys: first position, last value",
			onDisk: `{"a":1,"accessToken":"old","expiresAt":"2026-11-27T18:42:28Z","b":2,"a":3}`,
			want:   `{"accessToken": "new", "expiresAt": "2026-11-27T18:42:28Z", "a": 3, "b": 2}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			writeCacheFile(t, c, "k", []byte(tt.onDisk))
			tok := Token{AccessToken: "new", ExpiresAt: testExpires}
			if tt.fromTok {
				old, err := c.Load("k")
				if err != nil {
					t.Fatal(err)
				}
				tok.StartURL = old.StartURL
				tok.extra = old.extra
				old.AccessToken = "new"
				if !old.Equal(tok) {
					t.Fatalf("loaded token %v, want %v", old, tok)
				}
				tok = old
			}
			if err := c.Save("k", tok); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(c.Path("k"))
			if string(got) != tt.want {
				t.Errorf("file:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestSaveTokenUnknownKeysWinOverDisk(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	writeCacheFile(t, c, "a", []byte(`{"accessToken":"x","expiresAt":"2026-11-27T18:42:28Z","mine":1}`))
	tok, err := c.Load("a")
	if err != nil {
		t.Fatal(err)
	}
	writeCacheFile(t, c, "b", []byte(`{"theirs":2}`))
	if err := c.Save("b", tok); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Load("b")
	if diff := cmp.Diff([]string{"mine"}, got.UnknownKeys()); diff != "" {
		t.Errorf("UnknownKeys (-want +got):\n%s", diff)
	}
}

func TestSaveOverUnreadableFile(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	writeCacheFile(t, c, "k", []byte("not json"))
	if runtime.GOOS != "windows" {
		if err := os.Chmod(c.Path("k"), 0o000); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Save("k", cliToken()); err != nil {
		t.Fatalf("Save over an unreadable file: %v", err)
	}
	got, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(cliToken()) {
		t.Errorf("Load = %v", got)
	}
}

func TestSaveRefusesIncompleteToken(t *testing.T) {
	tests := []struct {
		name  string
		token Token
		want  string
	}{
		{"no access token", Token{ExpiresAt: testExpires}, "no access token"},
		{"no expiry", Token{AccessToken: "secret-abc"}, "no expiry time"},
		{"year 10000", Token{AccessToken: "secret-abc", ExpiresAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, "expiresAt is out of range"},
		{"registration year 0", Token{AccessToken: "secret-abc", ExpiresAt: testExpires, RegistrationExpiresAt: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)}, "registrationExpiresAt is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			err := c.Save("k", tt.token)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Save error = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "secret-abc") {
				t.Errorf("error %q contains the token", err)
			}
			if _, err := os.Stat(c.Path("k")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a file was written: %v", err)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	if err := c.Delete("k"); err != nil {
		t.Errorf("Delete of a missing file: %v", err)
	}
	if err := c.Save("k", cliToken()); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete("k"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Load("k"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete: %v, want ErrNotFound", err)
	}
	// A non-empty directory in its place cannot be removed.
	if err := os.MkdirAll(filepath.Join(c.Path("d"), "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	err := c.Delete("d")
	var ce *CacheError
	if !errors.As(err, &ce) || ce.Path != c.Path("d") {
		t.Errorf("Delete error = %v, want a *CacheError for the file", err)
	}
}

func TestRefreshable(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	full := cliToken()
	tests := []struct {
		name string
		edit func(*Token)
		want bool
	}{
		{"everything present", func(*Token) {}, true},
		{"registration expiry unknown", func(t *Token) { t.RegistrationExpiresAt = time.Time{} }, true},
		{"registration expired", func(t *Token) { t.RegistrationExpiresAt = now }, false},
		{"no refresh token", func(t *Token) { t.RefreshToken = "" }, false},
		{"no client ID", func(t *Token) { t.ClientID = "" }, false},
		{"no client secret", func(t *Token) { t.ClientSecret = "" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := full
			tt.edit(&tok)
			if got := tok.Refreshable(now); got != tt.want {
				t.Errorf("Refreshable = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTokenPrintingHidesSecrets(t *testing.T) {
	tok, err := parseToken([]byte(`{"accessToken": "SECRET-ACCESS", "expiresAt": "2026-11-27T18:42:28Z", "clientId": "cid", "clientSecret": "SECRET-CLIENT", "refreshToken": "SECRET-REFRESH", "extra": "SECRET-EXTRA"}`))
	if err != nil {
		t.Fatal(err)
	}
	type wrapper struct {
		Tok  Token
		Ptr  *Token
		List []Token
	}
	values := []any{tok, &tok, wrapper{Tok: tok, Ptr: &tok, List: []Token{tok}}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%T %v"} {
		for i, v := range values {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, "SECRET") {
				t.Errorf("Sprintf(%q, value %d) = %s", verb, i, out)
			}
			if verb == "%v" && !strings.Contains(out, "[redacted]") {
				t.Errorf("Sprintf(%q, value %d) = %s, want a redaction marker", verb, i, out)
			}
		}
	}
	if s := tok.String() + tok.GoString() + fmt.Sprint(tok); strings.Contains(s, "SECRET") {
		t.Errorf("String/GoString = %s", s)
	}
	want := `storage.Token{StartURL:"" Region:"" AccessToken:[redacted] ExpiresAt:2026-11-27T18:42:28Z ClientID:"cid" ClientSecret:[redacted] RegistrationExpiresAt:0 RefreshToken:[redacted] UnknownKeys:["extra"]}`
	if got := fmt.Sprintf("%#v", tok); got != want {
		t.Errorf("%%#v:\n got %s\nwant %s", got, want)
	}
}

// An empty token file is what Delete leaves when another program holds the
// file open on Windows: it reads as no token, as botocore reads it, so the
// sign-in shows signed out.
func TestLoadEmptyFileIsNoToken(t *testing.T) {
	for _, data := range []string{"", " \n"} {
		c := NewTokenCache(t.TempDir())
		writeCacheFile(t, c, "my-sso", []byte(data))
		if _, err := c.Load("my-sso"); !errors.Is(err, ErrNotFound) || errors.Is(err, ErrUnreadable) {
			t.Errorf("Load of %q = %v, want ErrNotFound only", data, err)
		}
	}
}
