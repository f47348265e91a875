package storage

import (
	"strings"
	"testing"
	"time"
)

func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"",
		"[default]\nregion = us-east-1\n",
		"[sso-session s]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n[profile p]\nsso_session = s\n",
		"[profile p]\nsso_start_url = https://x.awsapps.com/start\nsso_region = r\n[profile q]\nsso_start_url = https://x.awsapps.com/start\nsso_region = s\n",
		"[profile p]\ns3 =\n  a = b\n  c\nx = y\n  z\n",
		"\uFEFF[a]\r\nb=c\r\n",
		"[profile\n= x\n  [y]\nbroken\n[sso-session a b]\n[]\n[ x]\n",
		"[services s]\nsso_oidc =\n  endpoint_url = http://127.0.0.1\n",
		"[sso-session s]\nsso_start_url = u # c\nsso_region = r\nsso_region = q\n[sso-session s]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := ParseConfig("config", data)
		for _, p := range c.Problems {
			if p.Line < 1 || p.Msg == "" || p.File != "config" {
				t.Errorf("bad problem %+v", p)
			}
		}
		lines := strings.Count(string(data), "\n") + 1
		for i, p := range c.Problems {
			if p.Line > lines {
				t.Errorf("problem on line %d of a %d-line file", p.Line, lines)
			}
			if i > 0 && c.Problems[i-1].Line > p.Line {
				t.Errorf("problems not sorted by line")
			}
		}
		for _, s := range c.SignIns {
			if s.Name == "" || s.StartURL == "" || s.Region == "" || s.CacheKey == "" || s.Line < 1 || s.Line > lines {
				t.Errorf("bad sign-in %+v", s)
			}
			if got, ok := c.Lookup(s.Name); !ok || got.CacheKey == "" {
				t.Errorf("Lookup(%q) failed", s.Name)
			}
			for _, p := range s.Profiles {
				if _, ok := c.Lookup(p); !ok {
					t.Errorf("Lookup(profile %q) failed", p)
				}
			}
		}
	})
}

func FuzzLoadToken(f *testing.F) {
	for _, s := range []string{
		`{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "a", "expiresAt": "2026-11-27T18:42:28Z", "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "2027-02-25T10:42:22Z", "refreshToken": "r"}`,
		`{"accessToken":"go","expiresAt":"2026-11-27T18:42:28.123+01:00","x":{"y":[1,2.5e3,null]}}` + "\n",
		`{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28UTC"}`,
		`{"accessToken": "\u00e9\ud83d\ude00", "expiresAt": "2026-11-27T18:42:28Z", "a": 1, "a": 2}`,
		`{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28"}`,
		`[]`, `{`, ``, `null`, `{"accessToken": 1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := parseToken(data)
		if err != nil {
			return
		}
		if tok.AccessToken == "" || tok.ExpiresAt.IsZero() {
			t.Fatalf("accepted a token without access token or expiry: %v", tok)
		}
		c := NewTokenCache(t.TempDir())
		if err := c.Save("k", tok); err != nil {
			t.Fatalf("Save: %v", err)
		}
		back, err := c.Load("k")
		if err != nil {
			t.Fatalf("Load after Save: %v", err)
		}
		want := tok
		want.ExpiresAt = tok.ExpiresAt.Truncate(time.Second)
		want.RegistrationExpiresAt = tok.RegistrationExpiresAt.Truncate(time.Second)
		want.extra = back.extra // compared below, as reformatted JSON
		if !back.Equal(want) {
			t.Errorf("round trip:\n got %#v\nwant %#v", back, want)
		}
		if got, wantKeys := strings.Join(back.UnknownKeys(), "\x00"), strings.Join(tok.UnknownKeys(), "\x00"); got != wantKeys {
			t.Errorf("unknown keys %q, want %q", got, wantKeys)
		}
		// A second rewrite is byte-identical: the format is a fixed point.
		first, _ := encodeToken(back)
		again, err := parseToken(first)
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if second, _ := encodeToken(again); string(second) != string(first) {
			t.Errorf("rewrite not stable:\n%s\n%s", first, second)
		}
	})
}

func FuzzValidateStartURL(f *testing.F) {
	for _, s := range []string{
		"https://d-1234567890.awsapps.com/start",
		"https://ssoins-x.portal.us-east-2.app.aws",
		"https://ssoins-1.eu-west-1.portal.amazonaws.com",
		"http://d-1234567890.awsapps.com/start",
		"https://user@x.awsapps.com",
		"https://awsapps.com.evil.com",
		"https://x.awsapps.com.:443/",
		"https://[::1]/",
		"garbage",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		su, err := ValidateStartURL(raw)
		if err != nil {
			if strings.Contains(raw, "@") && strings.Contains(err.Error(), raw) && len(raw) > 3 {
				t.Errorf("error repeats the input: %v", err)
			}
			return
		}
		if !strings.HasPrefix(strings.ToLower(su.URL), "https://") {
			t.Errorf("accepted %q: not https", raw)
		}
		if !su.AWSOwned || !IsAWSOwnedHost(su.Host) {
			t.Errorf("accepted %q: host %q not AWS-owned", raw, su.Host)
		}
		if want := strings.TrimSpace(raw); su.URL != want && su.Cleaned != want {
			t.Errorf("URL %q is not the input %q", su.URL, raw)
		}
		if strings.Contains(su.URL, "#") {
			t.Errorf("URL %q keeps a fragment", su.URL)
		}
		if su.Region != "" && ValidateRegion(su.Region) != nil {
			t.Errorf("region %q is not valid", su.Region)
		}
		// What AddSSOSession writes reads back as the same URL, without
		// problems.
		c := ParseConfig("config", appendSSOSession([]byte("[default]\n"), "s", su.URL, "us-east-1"))
		if got, ok := c.Lookup("s"); !ok || got.StartURL != su.URL || len(c.Problems) > 0 {
			t.Errorf("config round trip of %q: %+v, %v", su.URL, got, c.Problems)
		}
	})
}
