package profiles

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/accounts"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Production", "Production"},
		{"spaces", "Data Lake", "Data-Lake"},
		{"slash", "data/lake", "data-lake"},
		{"dots", "acme.prod.eu", "acme-prod-eu"},
		{"dash next to a run", "Prod - EU", "Prod-EU"},
		{"dash kept", "a--b_c", "a--b_c"},
		{"leading and trailing", "  [Prod]; ", "Prod"},
		{"accents", "Überprüfung Café", "Uberprufung-Cafe"},
		{"full-width", "Ｄａｔａ１", "Data1"},
		{"ligature", "ﬁnance", "finance"},
		{"greek", "Ωmega team", "mega-team"},
		{"all CJK", "生产环境", "123456789012"},
		{"only punctuation", "---", "123456789012"},
		{"empty", "", "123456789012"},
		{"quotes and hash", `O'Brien "#1"`, "O-Brien-1"},
		{"emoji", "🚀 launch", "launch"},
		{"tab and newline", "a\tb\nc", "a-b-c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in, "123456789012"); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNamesValidStableUnique: account names with spaces, slashes, dots and
// non-ASCII letters give valid, unique names, the same whatever order the
// list comes in.
func TestNamesValidStableUnique(t *testing.T) {
	accts := []accounts.Account{
		acct("111111111111", "Data Lake", "Admin", "ReadOnly"),
		acct("222222222222", "data/lake", "Admin"),
		acct("333333333333", "Data.Lake", "Admin"),
		acct("444444444444", "Überprüfung", "ReadOnly"),
		acct("555555555555", "Uberprufung", "ReadOnly"),
		acct("666666666666", "生产", "Admin"),
		acct("777777777777", "本番", "Admin"),
		acct("888888888888", "", "Admin"),
	}
	want := []string{
		"888888888888.Admin", // "" sorts first
		"Data-Lake.Admin", "Data-Lake.ReadOnly",
		"Data-Lake-333333333333.Admin",
		"Uberprufung.ReadOnly",
		"data-lake-222222222222.Admin",
		"Uberprufung-444444444444.ReadOnly",
		"777777777777.Admin", // 本 (U+672C) sorts before 生 (U+751F)
		"666666666666.Admin",
	}
	var first []Change
	for i := range 20 {
		shuffled := slices.Clone(accts)
		r := rand.New(rand.NewPCG(uint64(i), 7))
		r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		p := mustPlan(t, sessionConfig, corp, list(shuffled...), Options{})
		if i == 0 {
			first = p.Add
			if diff := cmp.Diff(want, profileNames(p.Add)); diff != "" {
				t.Fatalf("names (-want +got):\n%s", diff)
			}
		} else if diff := cmp.Diff(first, p.Add); diff != "" {
			t.Fatalf("order %d gives other names (-first +got):\n%s", i, diff)
		}
		seen := map[string]bool{}
		for _, c := range p.Add {
			if _, bad := badNameRune(c.Profile); bad || c.Profile == "" {
				t.Errorf("invalid name %q", c.Profile)
			}
			if seen[strings.ToLower(c.Profile)] {
				t.Errorf("name %q twice", c.Profile)
			}
			seen[strings.ToLower(c.Profile)] = true
		}
	}
}

func TestTemplate(t *testing.T) {
	l := list(acct("111111111111", "Data Lake", "Admin"))
	tests := []struct {
		name     string
		template string
		want     string
		wantErr  string
	}{
		{"default", "", "Data-Lake.Admin", ""},
		{"every field", "{{.Session}}.{{.AccountSlug}}.{{.AccountID}}.{{.RoleName}}.{{.Region}}", "corp.Data-Lake.111111111111.Admin.eu-west-1", ""},
		{"granted style", "{{.AccountSlug}}/{{.RoleName}}", "Data-Lake/Admin", ""},
		{"raw name has a space", "{{.AccountName}}.{{.RoleName}}", "", `profile name template "{{.AccountName}}.{{.RoleName}}" gives "Data Lake.Admin" for account 111111111111 role Admin, which cannot be a profile name because of ' '`},
		{"literal bracket", "[{{.RoleName}}]", "", `because of '['`},
		{"semicolon", "{{.RoleName}};x", "", `because of ';'`},
		{"quote", `{{.RoleName}}'`, "", `because of '\''`},
		{"hash", "{{.RoleName}}#", "", `because of '#'`},
		{"control", "{{.RoleName}}\x01", "", `because of '\x01'`},
		{"empty output", "{{if false}}x{{end}}", "", `profile name template "{{if false}}x{{end}}" gives an empty name for account 111111111111 role Admin`},
		{"unknown field", "{{.Nope}}", "", `profile name template "{{.Nope}}": template: profile name:1:2: executing "profile name" at <.Nope>: can't evaluate field Nope`},
		{"parse error", "{{.RoleName", "", `profile name template "{{.RoleName":`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPlan([]byte(sessionConfig), corp, l, Options{Template: tt.template})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := profileNames(p.Add); len(got) != 1 || got[0] != tt.want {
				t.Errorf("names = %q, want %q", got, tt.want)
			}
		})
	}
}
