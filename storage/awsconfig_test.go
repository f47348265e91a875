package storage

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseConfigFull(t *testing.T) {
	const file = "testdata/config/full.ini"
	c, err := LoadConfig(file)
	if err != nil {
		t.Fatal(err)
	}
	want := []SignIn{
		{
			Name: "my-sso", Kind: KindSSOSession, StartURL: "https://d-1234567890.awsapps.com/start",
			Region: "us-east-1", Scopes: []string{"sso:account:access"}, Profiles: []string{"default", "dev"},
			CacheKey: "my-sso", File: file, Line: 21,
		},
		{
			Name: "corp", Kind: KindSSOSession, StartURL: "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com",
			Region: "eu-west-1", Scopes: []string{"sso:account:access", "custom:scope"},
			CacheKey: "corp", File: file, Line: 32,
		},
		{
			Name: "legacy", Kind: KindLegacyProfile, StartURL: "https://d-1234567890.awsapps.com/start",
			Region: "us-east-1", Profiles: []string{"legacy", "legacy-admin"},
			CacheKey: "https://d-1234567890.awsapps.com/start", File: file, Line: 38,
		},
		{
			Name: "other-legacy", Kind: KindLegacyProfile, StartURL: "https://other.awsapps.com/start",
			Region: "ap-southeast-2", Profiles: []string{"other-legacy"},
			CacheKey: "https://other.awsapps.com/start", File: file, Line: 49,
		},
	}
	if diff := cmp.Diff(want, c.SignIns); diff != "" {
		t.Errorf("SignIns (-want +got):\n%s", diff)
	}
	if len(c.Problems) != 0 {
		t.Errorf("Problems = %v, want none", c.Problems)
	}
	if c.File != file {
		t.Errorf("File = %q", c.File)
	}
}

func TestLookup(t *testing.T) {
	c, err := LoadConfig("testdata/config/full.ini")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		wantName string
		wantOK   bool
	}{
		{"my-sso", "my-sso", true},
		{"corp", "corp", true},
		{"default", "my-sso", true},
		{"dev", "my-sso", true},
		{"legacy", "legacy", true},
		{"legacy-admin", "legacy", true},
		{"other-legacy", "other-legacy", true},
		{"plain", "", false}, // a profile, but not an SSO one
		{"local", "", false}, // a services section
		{"https://d-1234567890.awsapps.com/start", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.Lookup(tt.name)
			if ok != tt.wantOK || got.Name != tt.wantName {
				t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.name, got.Name, ok, tt.wantName, tt.wantOK)
			}
		})
	}
}

func TestLookupPrefersSessionName(t *testing.T) {
	c := ParseConfig("config", []byte(`
[profile shared]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
[sso-session shared]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
`))
	got, ok := c.Lookup("shared")
	if !ok || got.Kind != KindSSOSession {
		t.Errorf("Lookup = %+v, %v; want the sso-session", got, ok)
	}
}

func TestParseConfigBrokenFileStillLoads(t *testing.T) {
	const file = "testdata/config/broken.ini"
	c, err := LoadConfig(file)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range c.SignIns {
		names = append(names, s.Name)
	}
	if diff := cmp.Diff([]string{"good", "after"}, names); diff != "" {
		t.Errorf("sign-ins (-want +got):\n%s", diff)
	}
	if got, _ := c.Lookup("uses-good"); got.Name != "good" {
		t.Errorf("profile after a broken line not attached: %+v", got)
	}
	want := []string{
		file + `:4: this line is not a section header, a setting (name = value) or a comment`,
		file + `:8: sso-session "no-region" has no sso_region`,
		file + `:12: profile "orphan" uses sso-session "nowhere", which is not defined in this file`,
		file + `:14: a sso-session name cannot contain spaces: [sso-session a b]`,
		file + `:18: this section header has no closing ]`,
		file + `:21: profile "legacy-no-region" has sso_start_url but no sso_region`,
	}
	if diff := cmp.Diff(want, problemStrings(c)); diff != "" {
		t.Errorf("Problems (-want +got):\n%s", diff)
	}
}

func problemStrings(c *Config) []string {
	var out []string
	for _, p := range c.Problems {
		out = append(out, p.String())
	}
	return out
}

// parseTest is one config text and what ParseConfig should make of it.
type parseTest struct {
	name     string
	text     string
	signIns  []string // "NAME kind START REGION [profiles] scopes"
	problems []string // "LINE: MSG" (MSG may be a prefix)
}

func describeSignIn(s SignIn) string {
	return fmt.Sprintf("%s %s %s %s %v %q", s.Name, s.Kind, s.StartURL, s.Region, s.Profiles, s.Scopes)
}

func runParseTests(t *testing.T, tests []parseTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ParseConfig("config", []byte(tt.text))
			var got []string
			for _, s := range c.SignIns {
				got = append(got, describeSignIn(s))
			}
			if diff := cmp.Diff(tt.signIns, got); diff != "" {
				t.Errorf("sign-ins (-want +got):\n%s", diff)
			}
			var gotProblems []string
			for i, p := range c.Problems {
				s := fmt.Sprintf("%d: %s", p.Line, p.Msg)
				if i < len(tt.problems) && strings.HasPrefix(s, tt.problems[i]) {
					s = tt.problems[i]
				}
				gotProblems = append(gotProblems, s)
			}
			if diff := cmp.Diff(tt.problems, gotProblems); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

const (
	urlA = "https://d-1234567890.awsapps.com/start"
	urlB = "https://other.awsapps.com/start"
)

func TestParseConfigSyntax(t *testing.T) {
	session := "[sso-session s]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n"
	sessionSignIn := "s sso-session " + urlA + " us-east-1 [] []"
	runParseTests(t, []parseTest{
		{name: "empty", text: ""},
		{name: "only comments", text: "# a\n; b\n   # indented\n\n"},
		{name: "no spaces around =", text: "[sso-session s]\nsso_start_url=" + urlA + "\nsso_region=us-east-1", signIns: []string{sessionSignIn}},
		{name: "colon separator", text: "[sso-session s]\nsso_start_url: " + urlA + "\nsso_region : us-east-1\n", signIns: []string{sessionSignIn}},
		{name: "keys are case-insensitive", text: "[sso-session s]\nSSO_START_URL = " + urlA + "\nSso_Region = us-east-1\n", signIns: []string{sessionSignIn}},
		{name: "CRLF", text: strings.ReplaceAll(session, "\n", "\r\n"), signIns: []string{sessionSignIn}},
		{name: "no final newline", text: strings.TrimSuffix(session, "\n"), signIns: []string{sessionSignIn}},
		{
			name: "byte order mark", text: "\uFEFF" + session, signIns: []string{sessionSignIn},
			problems: []string{"1: the file starts with a byte order mark"},
		},
		{name: "value keeps inner spaces and = signs", text: "[sso-session s]\nsso_start_url =   " + urlA + "?a=b  \nsso_region = us-east-1\n", signIns: []string{"s sso-session " + urlA + "?a=b us-east-1 [] []"}},
		{name: "header with trailing comment", text: "[sso-session s] # main\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n", signIns: []string{sessionSignIn}},
		{name: "header with spaces before the name's end", text: "[sso-session   s ]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n", signIns: []string{sessionSignIn}},
		{
			name:    "nested keys",
			text:    "[profile p]\nsso_session = s\ns3 =\n  max_concurrent_requests = 10\n\n  # comment inside\n\tmax_queue_size = 1000\nregion = us-east-1\n" + session,
			signIns: []string{"s sso-session " + urlA + " us-east-1 [p] []"},
		},
		{
			name:    "services section",
			text:    session + "[services local]\nsso_oidc =\n  endpoint_url = http://127.0.0.1:1234\nsso =\n  endpoint_url = http://127.0.0.1:1234\n[profile p]\nsso_session = s\nservices = local\n",
			signIns: []string{"s sso-session " + urlA + " us-east-1 [p] []"},
		},
		{
			name: "nested line without =", text: "[profile p]\ns3 =\n  oops\n" + session, signIns: []string{sessionSignIn},
			problems: []string{"3: an indented line under s3 must look like name = value"},
		},
		{name: "continuation of another key is accepted", text: "[profile p]\ndescription = one\n  two\n" + session, signIns: []string{sessionSignIn}},
		{
			name:     "continuation of a start URL",
			text:     "[sso-session s]\nsso_start_url = " + urlA + "\n  more\nsso_region = us-east-1\n",
			problems: []string{"3: the value of sso_start_url continues on this indented line; put the whole value on line 2"},
		},
		{
			name:     "inline comment in a watched value",
			text:     "[sso-session s]\nsso_start_url = " + urlA + "\nsso_region = us-east-1 # main\n",
			problems: []string{"3: the value of sso_region contains # or ;"},
		},
		{name: "inline comment in another value is fine", text: session + "[profile p]\noutput = json ; why not\n", signIns: []string{sessionSignIn}},
		{
			name:    "broken lines anywhere, rest loads",
			text:    "garbage\n" + session + "more garbage\n[profile x]\nalso garbage\n",
			signIns: []string{sessionSignIn},
			problems: []string{
				"1: this line is not a section header, a setting (name = value) or a comment",
				"5: this line is not a section header",
				"7: this line is not a section header",
			},
		},
		{
			name: "setting before any section", text: "region = us-east-1\noutput = json\n" + session, signIns: []string{sessionSignIn},
			problems: []string{"1: this setting comes before the first section header"},
		},
		{
			name: "setting without a name", text: session + "[profile p]\n= x\n", signIns: []string{sessionSignIn},
			problems: []string{`5: this setting has no name before the "="`},
		},
		{
			name: "indented setting right after a header",
			text: "[sso-session s]\n  sso_start_url = " + urlA + "\nsso_region = us-east-1\n", signIns: []string{sessionSignIn},
			problems: []string{"2: this line starts with spaces"},
		},
		{
			name: "unterminated header", text: "[profile p\nsso_start_url = " + urlB + "\nsso_region = us-east-1\n" + session,
			signIns:  []string{sessionSignIn},
			problems: []string{"1: this section header has no closing ]"},
		},
		{
			name: "text after header", text: "[sso-session s] x\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n", signIns: []string{sessionSignIn},
			problems: []string{"1: unexpected text after the section header's closing ]"},
		},
		{name: "empty header", text: "[]\nx = 1\n[ ]\n" + session, signIns: []string{sessionSignIn}, problems: []string{"1: this section header has no name", "3: this section header has no name"}},
		{name: "header starting with a space", text: "[ sso-session s]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n", problems: []string{"1: remove the spaces inside [ sso-session s]"}},
		{name: "default with a trailing space", text: "[default ]\nsso_session = s\n" + session, signIns: []string{sessionSignIn}, problems: []string{"1: remove the spaces inside [default ]"}},
		{name: "sso-session without a name", text: "[sso-session]\nsso_start_url = " + urlA + "\n", problems: []string{"1: [sso-session] needs a name, like [sso-session NAME]"}},
		{name: "profile without a name", text: "[profile]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n", problems: []string{"1: [profile] needs a name"}},
		{name: "two words in a profile name", text: "[profile a b]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n", problems: []string{"1: a profile name cannot contain spaces: [profile a b]"}},
		{name: "quoted session name", text: "[sso-session \"s\"]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n", problems: []string{`1: the sso-session name "\"s\"" contains a character that AWS tools read differently`}},
		{
			name: "bare carriage return", text: session + "[profile p]\nregion = x\rsso_session = s\n", signIns: []string{sessionSignIn},
			problems: []string{"5: this line contains a carriage return without a line feed"},
		},
		{
			name: "not UTF-8", text: session + "[profile p]\ndescription = caf\xe9\n", signIns: []string{sessionSignIn},
			problems: []string{"5: this line is not UTF-8 text, so the AWS CLI cannot read the file"},
		},
		{name: "other sections are ignored", text: "[preview]\ncloudfront = true\n[plugins]\nx = y\n[default x]\ny = z\n" + session, signIns: []string{sessionSignIn}},
		{
			name:     "repeated section merges, later keys win",
			text:     "[sso-session s]\nsso_start_url = " + urlB + "\n" + session,
			signIns:  []string{sessionSignIn},
			problems: []string{"3: the section [sso-session s] appears again (first on line 1); the AWS CLI cannot read a file with a repeated section"},
		},
		{
			name:     "repeated key in one section, later wins",
			text:     "[sso-session s]\nsso_start_url = " + urlB + "\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n",
			signIns:  []string{sessionSignIn},
			problems: []string{"3: sso_start_url is set again (first on line 2)"},
		},
		{
			name:     "[profile default] and [default] are the same profile",
			text:     session + "[default]\nregion = us-east-1\n[profile default]\nsso_session = s\n",
			signIns:  []string{"s sso-session " + urlA + " us-east-1 [default] []"},
			problems: []string{"6: [profile default] is the same section as the one on line 4, and AWS tools combine the two differently; merge them"},
		},
		{
			name:     "same profile spelt with two spaces",
			text:     "[profile p]\nsso_session = s\n[profile  p]\nregion = x\n" + session,
			signIns:  []string{"s sso-session " + urlA + " us-east-1 [p] []"},
			problems: []string{"3: [profile  p] is the same section as the one on line 1"},
		},
		{
			name:     "repeated other section",
			text:     "[preview]\na = 1\n[preview]\nb = 2\n" + session,
			signIns:  []string{sessionSignIn},
			problems: []string{"3: the section [preview] appears again (first on line 1)"},
		},
		{
			name:     "watched key with indented lines under it",
			text:     "[sso-session s]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\nsso_registration_scopes =\n  a = b\n  c = d\n",
			problems: []string{"5: sso_registration_scopes has indented lines under it; put its value on line 4"},
		},
	})
}

func TestParseConfigSignIns(t *testing.T) {
	runParseTests(t, []parseTest{
		{
			name:     "sso-session without start URL",
			text:     "[sso-session s]\nsso_region = us-east-1\n[profile p]\nsso_session = s\n",
			problems: []string{`1: sso-session "s" has no sso_start_url`},
		},
		{
			name:     "sso-session without anything",
			text:     "[sso-session s]\n",
			problems: []string{`1: sso-session "s" has no sso_start_url`, `1: sso-session "s" has no sso_region`},
		},
		{
			name:     "sso-session with an empty start URL",
			text:     "[sso-session s]\nsso_start_url =\nsso_region = us-east-1\n",
			problems: []string{`1: sso-session "s" has no sso_start_url`},
		},
		{
			name:    "scopes absent, empty and messy",
			text:    "[sso-session a]\nsso_start_url = " + urlA + "\nsso_region = r\n[sso-session b]\nsso_start_url = " + urlA + "\nsso_region = r\nsso_registration_scopes =\n[sso-session c]\nsso_start_url = " + urlA + "\nsso_region = r\nsso_registration_scopes = ,x, y ,,\n",
			signIns: []string{"a sso-session " + urlA + " r [] []", "b sso-session " + urlA + " r [] []", "c sso-session " + urlA + " r [] [\"x\" \"y\"]"},
		},
		{
			name:     "profile uses an undefined session",
			text:     "[profile p]\nregion = us-east-1\nsso_session = nope\n",
			problems: []string{`3: profile "p" uses sso-session "nope", which is not defined in this file`},
		},
		{
			name:    "profile disagrees with its session",
			text:    "[sso-session s]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n[profile p]\nsso_session = s\nsso_start_url = " + urlB + "\nsso_region = us-east-1\n[profile q]\nsso_session = s\nsso_region = eu-west-1\n",
			signIns: []string{"s sso-session " + urlA + " us-east-1 [p q] []"},
			problems: []string{
				`6: profile "p" has sso_start_url "` + urlB + `", but its sso-session "s" has "` + urlA + `"`,
				`10: profile "q" has sso_region "eu-west-1", but its sso-session "s" has "us-east-1"`,
			},
		},
		{
			name:    "profile repeating its session's values is fine",
			text:    "[sso-session s]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n[profile p]\nsso_session = s\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n",
			signIns: []string{"s sso-session " + urlA + " us-east-1 [p] []"},
		},
		{
			name:    "session listed before the profiles that precede it",
			text:    "[profile z]\nsso_session = s\n[sso-session s]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n",
			signIns: []string{"s sso-session " + urlA + " us-east-1 [z] []"},
		},
		{
			name:     "profile of a broken session gets no extra problem",
			text:     "[sso-session s]\nsso_start_url = " + urlA + "\n[profile p]\nsso_session = s\n",
			problems: []string{`1: sso-session "s" has no sso_region`},
		},
		{
			name:     "legacy profile without region",
			text:     "[profile p]\nsso_start_url = " + urlA + "\n",
			problems: []string{`1: profile "p" has sso_start_url but no sso_region`},
		},
		{
			name:     "legacy profiles grouped by start URL, first region wins",
			text:     "[profile b]\nsso_start_url = " + urlA + "\nsso_region = us-east-1\n[profile a]\nsso_start_url = " + urlB + "\nsso_region = eu-west-1\n[default]\nsso_start_url = " + urlA + "\nsso_region = us-west-2\n",
			signIns:  []string{"b legacy-profile " + urlA + " us-east-1 [b default] []", "a legacy-profile " + urlB + " eu-west-1 [a] []"},
			problems: []string{`9: profile "default" has sso_region "us-west-2", but profile "b" uses "us-east-1" with the same start URL; "us-east-1" is used`},
		},
		{
			name:    "legacy start URLs differing only by a slash are two sign-ins",
			text:    "[profile a]\nsso_start_url = " + urlA + "\nsso_region = r\n[profile b]\nsso_start_url = " + urlA + "/\nsso_region = r\n",
			signIns: []string{"a legacy-profile " + urlA + " r [a] []", "b legacy-profile " + urlA + "/ r [b] []"},
		},
		{
			name:    "sessions first, then legacy, each in file order",
			text:    "[profile l]\nsso_start_url = " + urlB + "\nsso_region = r\n[sso-session z]\nsso_start_url = " + urlA + "\nsso_region = r\n[sso-session a]\nsso_start_url = " + urlA + "\nsso_region = r\n",
			signIns: []string{"z sso-session " + urlA + " r [] []", "a sso-session " + urlA + " r [] []", "l legacy-profile " + urlB + " r [l] []"},
		},
		{
			name:    "a profile with sso_session is not legacy even with a start URL",
			text:    "[sso-session s]\nsso_start_url = " + urlA + "\nsso_region = r\n[profile p]\nsso_session = s\nsso_start_url = " + urlA + "\n",
			signIns: []string{"s sso-session " + urlA + " r [p] []"},
		},
	})
}

func TestSignInCacheKeyAndLine(t *testing.T) {
	c := ParseConfig("cfg", []byte("\n\n[profile p]\nsso_start_url = "+urlA+"\nsso_region = r\n\n[sso-session s]\nsso_start_url = "+urlA+"\nsso_region = r\n"))
	s, _ := c.Lookup("s")
	p, _ := c.Lookup("p")
	if s.CacheKey != "s" || s.Line != 7 || s.File != "cfg" {
		t.Errorf("session = %+v", s)
	}
	if p.CacheKey != urlA || p.Line != 3 {
		t.Errorf("legacy = %+v", p)
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{File: "/home/u/.aws/config", Line: 7, Msg: "oops"}
	if got := p.Error(); got != "/home/u/.aws/config:7: oops" {
		t.Errorf("Error() = %q", got)
	}
	if got := fmt.Sprint(p); got != "/home/u/.aws/config:7: oops" {
		t.Errorf("String() = %q", got)
	}
	if got := (Problem{Line: 2, Msg: "x"}).String(); got != "line 2: x" {
		t.Errorf("without a file: %q", got)
	}
}

func TestProblemsNeverQuoteTheLine(t *testing.T) {
	c := ParseConfig("config", []byte("[default]\naws_secret_access_key SECRETVALUE\n  SECRETVALUE2\n"))
	for _, p := range c.Problems {
		if strings.Contains(p.Msg, "SECRET") {
			t.Errorf("problem quotes the line: %v", p)
		}
	}
}

func TestLoadConfigFiles(t *testing.T) {
	dir := t.TempDir()
	t.Run("missing file", func(t *testing.T) {
		c, err := LoadConfig(filepath.Join(dir, "nope", "config"))
		if err != nil || c == nil || len(c.SignIns) != 0 || len(c.Problems) != 0 {
			t.Errorf("LoadConfig = %+v, %v; want an empty config", c, err)
		}
		if _, ok := c.Lookup("x"); ok || c.NameInUse("x") {
			t.Error("empty config finds names")
		}
	})
	t.Run("a directory", func(t *testing.T) {
		_, err := LoadConfig(dir)
		if err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("LoadConfig(dir) error = %v, want one naming it", err)
		}
	})
}

func TestNameInUse(t *testing.T) {
	c := ParseConfig("config", []byte("[default]\n[profile plain]\nregion = x\n[sso-session broken]\n[sso-session a b]\n[services svc]\n"))
	for name, want := range map[string]bool{"default": true, "plain": true, "broken": true, "a": false, "svc": false, "other": false} {
		if got := c.NameInUse(name); got != want {
			t.Errorf("NameInUse(%q) = %v, want %v", name, got, want)
		}
	}
}

// bigConfig returns a config with sessions sso-sessions and profiles
// profiles, a quarter of them legacy.
func bigConfig(sessions, profiles int) []byte {
	var b strings.Builder
	for i := range sessions {
		fmt.Fprintf(&b, "[sso-session session-%d]\nsso_start_url = https://d-%010d.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n", i, i)
	}
	for i := range profiles {
		if i%4 == 0 {
			fmt.Fprintf(&b, "# legacy\n[profile p-%d]\nsso_start_url = https://legacy-%d.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = %012d\nsso_role_name = Admin\n\n", i, i%50, i)
			continue
		}
		fmt.Fprintf(&b, "[profile p-%d]\nsso_session = session-%d\nsso_account_id = %012d\nsso_role_name = ReadOnly\nregion = us-east-1\noutput = json\ns3 =\n  max_concurrent_requests = 10\n\n", i, i%sessions, i)
	}
	return []byte(b.String())
}

func TestParseConfigBig(t *testing.T) {
	c := ParseConfig("config", bigConfig(200, 2000))
	if len(c.Problems) != 0 {
		t.Fatalf("problems: %v", c.Problems[:1])
	}
	if got := len(c.SignIns); got != 225 {
		t.Errorf("%d sign-ins, want 225 (200 sessions, 25 legacy start URLs)", got)
	}
	if s, ok := c.Lookup("p-1999"); !ok || s.Name != "session-199" {
		t.Errorf("Lookup(p-1999) = %q, %v", s.Name, ok)
	}
}

func BenchmarkParseConfig(b *testing.B) {
	data := bigConfig(200, 2000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ParseConfig("config", data)
	}
}

func TestForStartURL(t *testing.T) {
	cfg := ParseConfig("config", []byte(`[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1

[profile legacy]
sso_start_url = https://acme.awsapps.com/start/
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnly
`))
	for _, tt := range []struct{ url, want string }{
		{"https://d-1234567890.awsapps.com/start", "corp"},
		{"HTTPS://D-1234567890.AWSAPPS.COM/start/", "corp"},
		{"https://acme.awsapps.com/start", "legacy"},
		{"https://acme.awsapps.com/START", ""}, // paths keep their case
		{"https://other.awsapps.com/start", ""},
	} {
		in, ok := cfg.ForStartURL(tt.url)
		if got := in.Name; ok != (tt.want != "") || got != tt.want {
			t.Errorf("ForStartURL(%q) = %q, %t; want %q", tt.url, got, ok, tt.want)
		}
	}
}
