package profiles

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/storage"
)

// handStart is a person's file: a comment, nested s3 sub-keys, the
// sso-session, and their own profile whose name ssotray would generate.
const handStart = `# my AWS config
[default]
region = us-east-1
s3 =
  max_concurrent_requests = 20
  multipart_threshold = 64MB

[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile Data-Lake.ReadOnly]
sso_session = corp
sso_account_id = 999999999999
sso_role_name = ReadOnly
`

// handFirstRun is handStart after the first run.
const handFirstRun = handStart + `
[profile Data-Lake.Admin]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
region = eu-west-1
ssotray_managed = corp/111111111111/Admin

[profile Data-Lake.ReadOnly-111111111111]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1
ssotray_managed = corp/111111111111/ReadOnly

[profile Old.Admin]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Admin
region = eu-west-1
ssotray_managed = corp/333333333333/Admin

[profile Sales.Admin]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Admin
region = eu-west-1
ssotray_managed = corp/222222222222/Admin
`

// handEdited is handFirstRun edited by hand: output and a comment inside
// Data-Lake.Admin, its region changed, Sales.Admin renamed to sales, and the
// marker deleted from Old.Admin.
const handEdited = handStart + `
[profile Data-Lake.Admin]
sso_session = corp
# my main profile
sso_account_id = 111111111111
sso_role_name = Admin
region = us-west-2
output = json
ssotray_managed = corp/111111111111/Admin

[profile Data-Lake.ReadOnly-111111111111]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1
ssotray_managed = corp/111111111111/ReadOnly

[profile Old.Admin]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Admin
region = eu-west-1

[profile sales]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Admin
region = eu-west-1
ssotray_managed = corp/222222222222/Admin
`

// TestHandEditedRoundTrip: a re-run keeps every hand edit, follows the
// renamed section, re-claims nothing, and prune removes only its own
// sections for roles that are gone.
func TestHandEditedRoundTrip(t *testing.T) {
	l := list(acct("111111111111", "Data Lake", "Admin", "ReadOnly"), acct("222222222222", "Sales", "Admin"), acct("333333333333", "Old", "Admin"))

	first := mustPlan(t, handStart, corp, l, Options{})
	if diff := cmp.Diff(handFirstRun, string(first.Bytes())); diff != "" {
		t.Fatalf("first run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"profile Data-Lake.ReadOnly already exists, so account 111111111111 role ReadOnly gets Data-Lake.ReadOnly-111111111111"}, first.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}

	// The section whose marker was deleted is the person's now: it still
	// configures Old's Admin, so ssotray neither edits it nor adds another.
	second := mustPlan(t, handEdited, corp, l, Options{})
	wantSecond := handEdited
	if diff := cmp.Diff(wantSecond, string(second.Bytes())); diff != "" {
		t.Fatalf("second run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Data-Lake.Admin", "Data-Lake.ReadOnly-111111111111", "Old.Admin", "sales"}, profileNames(second.Unchanged)); diff != "" {
		t.Errorf("unchanged (-want +got):\n%s", diff)
	}
	if len(second.Update)+len(second.Remove) != 0 {
		t.Errorf("updates %v, removals %v, want none", second.Update, second.Remove)
	}

	// Sales and Old are gone, and Data Lake lost ReadOnly. Without prune
	// nothing goes, with a warning per section.
	smaller := list(acct("111111111111", "Data Lake", "Admin"))
	keep := mustPlan(t, wantSecond, corp, smaller, Options{})
	if keep.Changed() || string(keep.Bytes()) != wantSecond {
		t.Errorf("without prune the plan changes the file:\n%s", keep.Summary())
	}
	if len(keep.Warnings) != 2 || !strings.Contains(keep.Warnings[0], "profile Data-Lake.ReadOnly-111111111111 is for account 111111111111 role ReadOnly: the role is no longer assigned in this account; pruning removes it") {
		t.Errorf("warnings = %q", keep.Warnings)
	}

	pruned := mustPlan(t, wantSecond, corp, smaller, Options{Prune: true})
	wantPruned := handStart + `
[profile Data-Lake.Admin]
sso_session = corp
# my main profile
sso_account_id = 111111111111
sso_role_name = Admin
region = us-west-2
output = json
ssotray_managed = corp/111111111111/Admin

[profile Old.Admin]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = Admin
region = eu-west-1

`
	if diff := cmp.Diff(wantPruned, string(pruned.Bytes())); diff != "" {
		t.Fatalf("pruned (-want +got):\n%s", diff)
	}
	want := []Change{
		{Profile: "Data-Lake.ReadOnly-111111111111", AccountID: "111111111111", AccountName: "Data Lake", RoleName: "ReadOnly", Note: "the role is no longer assigned in this account"},
		{Profile: "sales", AccountID: "222222222222", RoleName: "Admin", Note: "the account is no longer in the list"},
	}
	if diff := cmp.Diff(want, pruned.Remove); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	assertIdempotent(t, pruned.Bytes(), corp, smaller, Options{Prune: true})
}

// assertIdempotent checks that a second plan on out changes nothing.
func assertIdempotent(t *testing.T, out []byte, in storage.SignIn, l accountsList, opts Options) {
	t.Helper()
	again := mustPlan(t, string(out), in, l, opts)
	if again.Changed() || string(again.Bytes()) != string(out) {
		t.Errorf("a second plan changes the file:\n%s", again.Summary())
	}
}

// TestUpdateSetsOwnedKeysOnly: keys a person changed in a generated section
// are set back only where ssotray owns them; region and the rest stay, in
// place.
func TestUpdateSetsOwnedKeysOnly(t *testing.T) {
	in := sessionConfig + `
[profile mine]
# renamed and edited by hand
sso_session = other
sso_role_name = Admin2
region = ap-south-1
s3 =
  addressing_style = path
ssotray_managed = corp/111111111111/Admin
; trailing note about the next section

[profile next]
region = us-east-1
`
	p := mustPlan(t, in, corp, list(acct("111111111111", "Data Lake", "Admin")), Options{})
	want := sessionConfig + `
[profile mine]
# renamed and edited by hand
sso_session = corp
sso_role_name = Admin
region = ap-south-1
s3 =
  addressing_style = path
ssotray_managed = corp/111111111111/Admin
sso_account_id = 111111111111
; trailing note about the next section

[profile next]
region = us-east-1
`
	if diff := cmp.Diff(want, string(p.Bytes())); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	wantUpdate := []Change{{Profile: "mine", AccountID: "111111111111", AccountName: "Data Lake", RoleName: "Admin",
		Note: "set sso_session back to corp (was other); add sso_account_id = 111111111111; set sso_role_name back to Admin (was Admin2)"}}
	if diff := cmp.Diff(wantUpdate, p.Update); diff != "" {
		t.Errorf("updates (-want +got):\n%s", diff)
	}
	if len(p.Add) != 0 {
		t.Errorf("added %v", p.Add)
	}
	assertIdempotent(t, p.Bytes(), corp, list(acct("111111111111", "Data Lake", "Admin")), Options{})
}

// TestCRLF: new and changed lines use CRLF in a CRLF file.
func TestCRLF(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	in := crlf(sessionConfig + "\n[profile x]\nsso_session = corp\nsso_role_name = Old\nssotray_managed = corp/111111111111/Admin\n")
	l := list(acct("111111111111", "A", "Admin"), acct("222222222222", "B", "Admin"))
	p := mustPlan(t, in, corp, l, Options{})
	want := crlf(sessionConfig + `
[profile x]
sso_session = corp
sso_role_name = Admin
ssotray_managed = corp/111111111111/Admin
sso_account_id = 111111111111

[profile B.Admin]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Admin
region = eu-west-1
ssotray_managed = corp/222222222222/Admin
`)
	if diff := cmp.Diff(want, string(p.Bytes())); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	assertIdempotent(t, p.Bytes(), corp, l, Options{})
}

// TestNoFinalNewline: an edit to the last line keeps the file without a
// final newline; appending starts on a new line.
func TestNoFinalNewline(t *testing.T) {
	in := sessionConfig + "\n[profile x]\nsso_session = corp\nssotray_managed = corp/111111111111/Admin"
	l := list(acct("111111111111", "A", "Admin"))
	p := mustPlan(t, in, corp, l, Options{})
	want := sessionConfig + "\n[profile x]\nsso_session = corp\nssotray_managed = corp/111111111111/Admin\nsso_account_id = 111111111111\nsso_role_name = Admin"
	if diff := cmp.Diff(want, string(p.Bytes())); diff != "" {
		t.Fatalf("insert (-want +got):\n%s", diff)
	}

	in = sessionConfig + "\n[profile x]\nsso_session = corp\nsso_account_id = 111111111111\nssotray_managed = corp/111111111111/Admin\nsso_role_name = Old"
	p = mustPlan(t, in, corp, l, Options{})
	want = strings.Replace(in, "= Old", "= Admin", 1)
	if diff := cmp.Diff(want, string(p.Bytes())); diff != "" {
		t.Fatalf("replace (-want +got):\n%s", diff)
	}

	in = strings.TrimSuffix(sessionConfig, "\n")
	p = mustPlan(t, in, corp, l, Options{})
	want = sessionConfig + "\n[profile A.Admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = eu-west-1\nssotray_managed = corp/111111111111/Admin\n"
	if diff := cmp.Diff(want, string(p.Bytes())); diff != "" {
		t.Fatalf("append (-want +got):\n%s", diff)
	}
}

// TestLegacySignIn writes the legacy keys and owns sso_start_url and
// sso_region.
func TestLegacySignIn(t *testing.T) {
	config := "[profile dev]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n"
	in := storage.SignIn{Name: "dev", Kind: storage.KindLegacyProfile, StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1"}
	l := list(acct("111111111111", "Prod", "Admin"))
	p := mustPlan(t, config, in, l, Options{Region: "us-east-2"})
	want := config + `
[profile Prod.Admin]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111111111111
sso_role_name = Admin
region = us-east-2
ssotray_managed = dev/111111111111/Admin
`
	if diff := cmp.Diff(want, string(p.Bytes())); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	assertIdempotent(t, p.Bytes(), in, l, Options{Region: "us-east-2"})

	edited := strings.Replace(string(p.Bytes()), "sso_region = eu-west-1\nsso_account_id = 111111111111\nsso_role_name = Admin", "sso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Admin", 1)
	p = mustPlan(t, edited, in, l, Options{})
	if len(p.Update) != 1 || p.Update[0].Note != "set sso_region back to eu-west-1 (was us-east-1)" || string(p.Bytes()) != want {
		t.Errorf("update = %+v\n%s", p.Update, p.Bytes())
	}
}

// TestOtherSignInsUntouched: another sign-in's generated sections are never
// touched, pruned or re-claimed, and their names count as taken.
func TestOtherSignInsUntouched(t *testing.T) {
	config := sessionConfig + "\n[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n\n[profile A.Admin]\nsso_session = other\nsso_account_id = 999999999999\nsso_role_name = Admin\nssotray_managed = other/999999999999/Admin\n"
	l := list(acct("111111111111", "A", "Admin"))
	p := mustPlan(t, config, corp, l, Options{Prune: true})
	if got := profileNames(p.Add); len(got) != 1 || got[0] != "A.Admin-111111111111" {
		t.Errorf("added %q, want A.Admin-111111111111", got)
	}
	if !strings.HasPrefix(string(p.Bytes()), config) || len(p.Remove)+len(p.Update) != 0 {
		t.Errorf("the other sign-in's section changed:\n%s", p.Summary())
	}
}

// TestSessionNameWithSlash: markers are read from the right.
func TestParseMarker(t *testing.T) {
	tests := []struct {
		in   string
		want marker
		ok   bool
	}{
		{"corp/111111111111/Admin", marker{"corp", "111111111111", "Admin"}, true},
		{"a/b/111111111111/Admin", marker{"a/b", "111111111111", "Admin"}, true},
		{"111111111111/Admin", marker{}, false},
		{"corp//Admin", marker{}, false},
		{"corp/111111111111/", marker{}, false},
		{"/111111111111/Admin", marker{}, false},
		{"", marker{}, false},
	}
	for _, tt := range tests {
		got, ok := parseMarker(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseMarker(%q) = %v, %t; want %v, %t", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestRefuses: malformed input gives one clear error and no plan.
func TestRefuses(t *testing.T) {
	l := list(acct("111111111111", "A", "Admin"))
	ours := "\n[profile A.Admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nssotray_managed = corp/111111111111/Admin\n"
	tests := []struct {
		name    string
		config  string
		in      storage.SignIn
		list    accountsList
		opts    Options
		wantErr string
		problem bool
	}{
		{"repeated section", sessionConfig + "\n[profile x]\nregion = a\n\n[profile x]\nregion = b\n", corp, l, Options{},
			"config:9: the section [profile x] appears again (first on line 6)", true},
		{"repeated key", sessionConfig + "\n[profile x]\nregion = a\nregion = b\n", corp, l, Options{},
			"config:8: region is set again (first on line 7)", true},
		{"line that is no setting", sessionConfig + "\n[profile x]\njust words\n", corp, l, Options{},
			"config:7: this line is not a section header, a setting (name = value) or a comment", true},
		{"setting before any header", "region = x\n" + sessionConfig, corp, l, Options{},
			"config:1: this setting comes before the first section header", true},
		{"byte order mark", "\uFEFF" + sessionConfig, corp, l, Options{},
			"config:1: the file starts with a byte order mark", true},
		{"not UTF-8", sessionConfig + "\n[profile x]\nregion = \xff\n", corp, l, Options{},
			"config:7: this line is not UTF-8 text", true},
		{"indented line in a section to update", sessionConfig + strings.Replace(strings.Replace(ours, "[profile A.Admin]\n", "[profile A.Admin]\n  output = json\n", 1), "= Admin\n", "= Old\n", 1), corp, l, Options{},
			"config:7: this line starts with spaces", true},
		{"same section twice, one to update", sessionConfig + strings.Replace(ours, "Admin\n", "Old\n", 1) + "\n[profile  A.Admin]\nregion = x\n", corp, l, Options{},
			"config:12: [profile  A.Admin] is the same section as the one on line 6", true},
		{"problem in a section to prune", sessionConfig + strings.Replace(ours, "sso_session = corp", "sso_session = corp # mine", 1), corp, list(), Options{Prune: true},
			"config:7: the value of sso_session contains # or ;", true},
		{"owned key continued", sessionConfig + strings.Replace(ours, "sso_role_name = Admin", "sso_role_name = Adm\n  in", 1), corp, l, Options{},
			"config:9: the value of sso_role_name goes on over the indented lines below it", true},
		{"no sso-session", "[profile x]\nregion = a\n", corp, l, Options{},
			"profiles: config has no usable [sso-session corp] section", false},
		{"bad account ID", sessionConfig, corp, list(acct("12345", "A", "Admin")), Options{},
			`profiles: account ID "12345" is not 12 digits`, false},
		{"bad role name", sessionConfig, corp, list(acct("111111111111", "A", "Ad min")), Options{},
			`profiles: account 111111111111 has a role name "Ad min" that AWS does not allow`, false},
		{"bad region", sessionConfig, corp, l, Options{Region: "moon-1"},
			"profiles: region:", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPlan([]byte(tt.config), tt.in, tt.list, tt.opts)
			if err == nil {
				t.Fatalf("no error; plan:\n%s", p.Summary())
			}
			if !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line containing %q", err, tt.wantErr)
			}
			var pe *ProblemError
			if errors.As(err, &pe) != tt.problem {
				t.Errorf("ProblemError = %t, want %t", !tt.problem, tt.problem)
			}
		})
	}
}

// TestProblemsElsewhereAllowed: a problem the AWS CLI can live with, in a
// section ssotray does not edit, does not stop it.
func TestProblemsElsewhereAllowed(t *testing.T) {
	config := sessionConfig + "\n[profile x]\nsso_session = nowhere\n\n[profile y]\n  region = us-east-1\n"
	if len(storage.ParseConfig("config", []byte(config)).Problems) != 2 {
		t.Fatal("the fixture should have two problems")
	}
	p := mustPlan(t, config, corp, list(acct("111111111111", "A", "Admin")), Options{})
	if len(p.Add) != 1 || !strings.HasPrefix(string(p.Bytes()), config) {
		t.Errorf("plan:\n%s", p.Summary())
	}
}

func TestSummary(t *testing.T) {
	config := sessionConfig + "\n[profile mine]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Old\nssotray_managed = corp/111111111111/Old\n\n[profile A.Admin]\nregion = x\n"
	p := mustPlan(t, config, corp, list(acct("111111111111", "A b", "Admin")), Options{Prune: true})
	want := `profiles for corp: 1 to add, 0 to update, 1 to remove, 0 unchanged
+ [profile A-b.Admin] 111111111111 (A b) Admin
- [profile mine] 111111111111 (A b) Old: the role is no longer assigned in this account
`
	if diff := cmp.Diff(want, p.Summary()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPruneFreesNames: a pruned section's name can go to a new role in the
// same plan; without pruning the new role gets another name.
func TestPruneFreesNames(t *testing.T) {
	config := sessionConfig + "\n[profile Old.Admin]\nsso_session = corp\nsso_account_id = 333333333333\nsso_role_name = Admin\nssotray_managed = corp/333333333333/Admin\n"
	l := list(acct("444444444444", "Old", "Admin"))
	for _, tt := range []struct {
		prune bool
		want  string
	}{{true, "Old.Admin"}, {false, "Old.Admin-444444444444"}} {
		p := mustPlan(t, config, corp, l, Options{Prune: tt.prune})
		if got := profileNames(p.Add); len(got) != 1 || got[0] != tt.want {
			t.Errorf("prune %t: added %q, want %s", tt.prune, got, tt.want)
		}
		assertIdempotent(t, p.Bytes(), corp, l, Options{Prune: tt.prune})
	}
}

// TestPersonsOwnProfileIsKept: a profile the person wrote (no marker) for a
// listed role of this sign-in counts for that role; no second profile is
// added beside it, and it is never edited.
func TestPersonsOwnProfileIsKept(t *testing.T) {
	const config = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1

[profile mine]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
output = table

[profile other-session]
sso_session = elsewhere
sso_account_id = 111111111111
sso_role_name = Admin
`
	p := mustPlan(t, config, corp, list(acct("111111111111", "Data Lake", "Admin", "ReadOnly")), Options{})
	if len(p.Add) != 1 || p.Add[0].RoleName != "Admin" {
		t.Fatalf("added %+v, want only Admin (another session's profile does not count)", p.Add)
	}
	if len(p.Unchanged) != 1 || p.Unchanged[0].Profile != "mine" || p.Unchanged[0].RoleName != "ReadOnly" {
		t.Errorf("unchanged %+v, want the person's own profile for ReadOnly", p.Unchanged)
	}
	if !strings.HasPrefix(string(p.Bytes()), config) {
		t.Errorf("the person's sections changed:\n%s", p.Bytes())
	}
}
