package profiles

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/storage"
)

// Change is one profile Plan adds, updates, removes or leaves as it is.
type Change struct {
	// Profile is the section's name: the generated one for an addition,
	// the name in the file (perhaps renamed by hand) otherwise.
	Profile string
	// AccountID, AccountName and RoleName say which role the profile is
	// for. AccountName is empty for a removal whose account is gone.
	AccountID, AccountName, RoleName string
	// Note says why, in plain words, when there is more to say: the keys an
	// update sets, why a new name differs from the template's, why a
	// section goes.
	Note string
}

// Plan is what Plan would change in the config file, and the file it would
// write.
type Plan struct {
	// Add are new sections, in the order they are appended.
	Add []Change
	// Update are generated sections whose ssotray keys get new values.
	Update []Change
	// Remove are generated sections Options.Prune removes.
	Remove []Change
	// Unchanged are generated sections already as they should be.
	Unchanged []Change
	// Warnings are things a person should know: a name that was taken, a
	// generated profile for a role that is gone when not pruning.
	Warnings []string

	signIn string
	old    []byte // the content the plan was made from
	out    []byte
}

// roleKey is one account and role.
type roleKey struct{ accountID, role string }

// wantedRole is a role from the list, with its account's unique slug.
type wantedRole struct {
	key         roleKey
	accountName string
	slug        string
	slugNote    string // why the slug has the account ID, if it has
	name        string // the template's name for it
}

// NewPlan works out how config (the content of the AWS config file; nil or
// empty for a missing file) must change so that it has one profile per
// account and role in list for the sign-in in.
//
// Sections are recognised by the value of their MarkerKey line, never by
// name. A wanted role with no section gets a new one named by
// Options.Template; when that name is taken (by any profile, compared
// without regard to case), "-<account id>" and then "-2", "-3", … are
// appended and a warning says so. Roles are named in the order of account
// name, account ID and role name, so the same list always gives the same
// names. A role with a section gets its ssotray keys set back to what they
// should be, if a person changed them; other keys stay. A role that a
// section without the marker already configures for this sign-in (a profile
// the person wrote, or one whose marker they deleted) is theirs: it counts
// as unchanged and gets no second profile.
//
// NewPlan refuses, writing nothing, when the file cannot be read the way the
// AWS CLI reads it (a repeated section or key, a line that is no setting, a
// byte order mark, text that is not UTF-8) or when a section it would edit
// or remove has a problem; the error is a *ProblemError with file and line.
// For an sso-session sign-in it also refuses when the file has no usable
// [sso-session NAME] section of that name.
func NewPlan(config []byte, in storage.SignIn, list accounts.List, opts Options) (*Plan, error) {
	region, tmpl, err := checkInput(in, opts)
	if err != nil {
		return nil, err
	}
	wanted, err := wantedRoles(list)
	if err != nil {
		return nil, err
	}
	for i, w := range wanted {
		// Every name is checked, not only new ones, so a bad template
		// fails the same way whatever the file holds.
		if wanted[i].name, err = tmpl.name(nameFields(in, w, region)); err != nil {
			return nil, err
		}
	}
	cfg := storage.ParseConfig(in.File, config)
	if in.Kind == storage.KindSSOSession {
		if got, ok := cfg.Lookup(in.Name); !ok || got.Kind != storage.KindSSOSession || got.Name != in.Name {
			return nil, fmt.Errorf("profiles: %s has no usable [sso-session %s] section", fileName(in.File), in.Name)
		}
	}
	sc := scan(config)
	if len(sc.fatal) > 0 {
		return nil, problemsAt(cfg, in.File, sc.fatal, "the AWS CLI cannot read this line")
	}

	pl := &planner{in: in, sc: sc, e: newEditor(sc), p: &Plan{signIn: in.Name, old: config}}
	adds, err := pl.keep(wanted)
	if err != nil {
		return nil, err
	}
	pl.prune(wanted, list, opts.Prune)
	if err := problemsIn(cfg, sc, pl.touched, pl.e.replace); err != nil {
		return nil, err
	}
	pl.add(adds, region)
	pl.p.out = pl.e.bytes()
	return pl.p, nil
}

// planner holds NewPlan's work in progress.
type planner struct {
	in      storage.SignIn
	sc      *scanned
	e       *editor
	p       *Plan
	touched []*profileSection // updated or removed
}

// ours returns the sections whose marker names this sign-in, by role.
func (pl *planner) ours() map[roleKey][]*profileSection {
	m := map[roleKey][]*profileSection{}
	for _, s := range pl.sc.sections {
		if s.markerOK && s.marker.session == pl.in.Name {
			m[s.marker.key()] = append(m[s.marker.key()], s)
		}
	}
	return m
}

// keep updates (or counts as unchanged) every section of a wanted role and
// returns the wanted roles that have none, each with its template name.
func (pl *planner) keep(wanted []wantedRole) ([]wantedRole, error) {
	ours := pl.ours()
	var adds []wantedRole
	for _, w := range wanted {
		secs := ours[w.key]
		if len(secs) == 0 {
			if own := pl.personsOwn(w.key); own != nil {
				// The person configured this role already: theirs is
				// enough, and a second profile for it would be noise.
				pl.p.Unchanged = append(pl.p.Unchanged, Change{Profile: own.name, AccountID: w.key.accountID,
					AccountName: w.accountName, RoleName: w.key.role, Note: "your own profile"})
				continue
			}
			adds = append(adds, w)
			continue
		}
		for _, s := range secs {
			c := Change{Profile: s.name, AccountID: w.key.accountID, AccountName: w.accountName, RoleName: w.key.role}
			notes, err := pl.e.update(pl.in.File, s, ownedValues(pl.in, w.key))
			if err != nil {
				return nil, err
			}
			if len(notes) == 0 {
				pl.p.Unchanged = append(pl.p.Unchanged, c)
				continue
			}
			c.Note = strings.Join(notes, "; ")
			pl.p.Update = append(pl.p.Update, c)
			pl.touched = append(pl.touched, s)
		}
	}
	return adds, nil
}

// personsOwn returns a section without ssotray's marker that already
// configures role k of this sign-in (a profile the person wrote, or one
// whose marker they deleted), or nil.
func (pl *planner) personsOwn(k roleKey) *profileSection {
	for _, s := range pl.sc.sections {
		if !s.markerOK && configures(s, pl.in, k) {
			return s
		}
	}
	return nil
}

// prune removes this sign-in's sections for roles that are not wanted, or
// with prune false warns about them. The names of removed sections are free
// again.
func (pl *planner) prune(wanted []wantedRole, list accounts.List, prune bool) {
	want := make(map[roleKey]bool, len(wanted))
	for _, w := range wanted {
		want[w.key] = true
	}
	removed := false
	for _, s := range pl.sc.sections {
		if !s.markerOK || s.marker.session != pl.in.Name || want[s.marker.key()] {
			continue
		}
		c := Change{Profile: s.name, AccountID: s.marker.accountID, RoleName: s.marker.role}
		c.AccountName, c.Note = gone(list, s.marker.key())
		if !prune {
			pl.p.Warnings = append(pl.p.Warnings, fmt.Sprintf("profile %s is for account %s role %s: %s; pruning removes it",
				s.name, c.AccountID, c.RoleName, c.Note))
			continue
		}
		pl.e.remove(s)
		s.removed, removed = true, true
		pl.p.Remove = append(pl.p.Remove, c)
		pl.touched = append(pl.touched, s)
	}
	if removed {
		pl.sc.names = nameSet{}
		for _, s := range pl.sc.sections {
			if !s.removed {
				pl.sc.names.add(s.name)
			}
		}
	}
}

// add appends a section per role in adds, under its template name or, when
// that is taken, a unique one with a warning.
func (pl *planner) add(adds []wantedRole, region string) {
	for _, w := range adds {
		name, free := pl.sc.names.unique(w.name, w.key.accountID)
		pl.sc.names.add(name)
		c := Change{Profile: name, AccountID: w.key.accountID, AccountName: w.accountName, RoleName: w.key.role, Note: w.slugNote}
		if !free {
			c.Note = fmt.Sprintf("the name %s is taken", w.name)
			pl.p.Warnings = append(pl.p.Warnings, fmt.Sprintf("profile %s already exists, so account %s role %s gets %s",
				w.name, w.key.accountID, w.key.role, name))
		}
		pl.e.appendSection(newSection(pl.in, name, w.key, region))
		pl.p.Add = append(pl.p.Add, c)
	}
}

// Changed reports whether the plan changes the file.
func (p *Plan) Changed() bool { return len(p.Add)+len(p.Update)+len(p.Remove) > 0 }

// Bytes returns the new content of the config file: the old content when
// nothing changes.
func (p *Plan) Bytes() []byte { return slices.Clone(p.out) }

// Summary returns what the plan does, for people: a line of counts, then a
// line per profile added (+), updated (~) or removed (-), then the warnings.
// Unchanged profiles are only counted.
func (p *Plan) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "profiles for %s: %d to add, %d to update, %d to remove, %d unchanged\n",
		p.signIn, len(p.Add), len(p.Update), len(p.Remove), len(p.Unchanged))
	for _, g := range []struct {
		mark    string
		changes []Change
	}{{"+", p.Add}, {"~", p.Update}, {"-", p.Remove}} {
		for _, c := range g.changes {
			fmt.Fprintf(&b, "%s [profile %s] %s", g.mark, c.Profile, c.AccountID)
			if c.AccountName != "" {
				fmt.Fprintf(&b, " (%s)", c.AccountName)
			}
			fmt.Fprintf(&b, " %s", c.RoleName)
			if c.Note != "" {
				fmt.Fprintf(&b, ": %s", c.Note)
			}
			b.WriteByte('\n')
		}
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.String()
}

// checkInput checks the sign-in and options and returns the region for new
// profiles and the parsed template.
func checkInput(in storage.SignIn, opts Options) (string, *nameTemplate, error) {
	if in.Name == "" {
		return "", nil, errors.New("profiles: the sign-in has no name")
	}
	switch in.Kind {
	case storage.KindSSOSession:
	case storage.KindLegacyProfile:
		if in.StartURL == "" || in.Region == "" {
			return "", nil, fmt.Errorf("profiles: sign-in %s has no start URL or sso_region", in.Name)
		}
	default:
		return "", nil, fmt.Errorf("profiles: sign-in %s has unknown kind %q", in.Name, in.Kind)
	}
	region := opts.Region
	if region == "" {
		region = in.Region
	} else if err := storage.ValidateRegion(region); err != nil {
		return "", nil, fmt.Errorf("profiles: region: %w", err)
	}
	tmpl, err := parseNameTemplate(opts.Template)
	return region, tmpl, err
}

// wantedRoles returns every role in list, sorted by account name, account ID
// and role, with slugs made unique in that order: the later of two accounts
// whose slugs are equal (without regard to case) gets "-<account id>".
func wantedRoles(list accounts.List) ([]wantedRole, error) {
	accts := slices.Clone(list.Accounts)
	slices.SortStableFunc(accts, func(a, b accounts.Account) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	slugs := nameSet{}
	seen := map[string]bool{}
	var out []wantedRole
	for _, a := range accts {
		if !isAccountID(a.ID) {
			return nil, fmt.Errorf("profiles: account ID %q is not 12 digits", a.ID)
		}
		if seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		slug, note := Slug(a.Name, a.ID), ""
		if s, free := slugs.unique(slug, a.ID); !free {
			note = fmt.Sprintf("the account's name gives %s, as an earlier account's does", slug)
			slug = s
		}
		slugs.add(slug)
		roles := slices.Clone(a.Roles)
		slices.Sort(roles)
		for _, r := range slices.Compact(roles) {
			if !isRoleName(r) {
				return nil, fmt.Errorf("profiles: account %s has a role name %q that AWS does not allow", a.ID, r)
			}
			out = append(out, wantedRole{key: roleKey{a.ID, r}, accountName: a.Name, slug: slug, slugNote: note})
		}
	}
	return out, nil
}

// isAccountID reports whether s is a 12-digit AWS account ID.
func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isRoleName reports whether s is a permission set name as IAM Identity
// Center allows it: [\w+=,.@-]+, at most 32 characters in practice; the
// length is not checked. Its characters are safe in a profile name.
func isRoleName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_+=,.@-", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// nameFields are the template fields for w.
func nameFields(in storage.SignIn, w wantedRole, region string) NameFields {
	return NameFields{
		Session:     in.Name,
		AccountName: w.accountName,
		AccountSlug: w.slug,
		AccountID:   w.key.accountID,
		RoleName:    w.key.role,
		Region:      region,
	}
}

// keyValue is one setting.
type keyValue struct{ key, value string }

// ownedValues are the keys ssotray owns in a profile for k, with the values
// they must have, in the order they are written.
func ownedValues(in storage.SignIn, k roleKey) []keyValue {
	var kv []keyValue
	if in.Kind == storage.KindSSOSession {
		kv = append(kv, keyValue{"sso_session", in.Name})
	} else {
		kv = append(kv, keyValue{"sso_start_url", in.StartURL}, keyValue{"sso_region", in.Region})
	}
	return append(kv, keyValue{"sso_account_id", k.accountID}, keyValue{"sso_role_name", k.role})
}

// newSection returns the lines of a new profile section.
func newSection(in storage.SignIn, name string, k roleKey, region string) []string {
	lines := []string{"[profile " + name + "]"}
	for _, kv := range ownedValues(in, k) {
		lines = append(lines, kv.key+" = "+kv.value)
	}
	if region != "" {
		lines = append(lines, "region = "+region)
	}
	m := marker{in.Name, k.accountID, k.role}
	return append(lines, MarkerKey+" = "+m.String())
}

// gone returns the account's name, if it is still in the list, and why a
// generated section's role is not wanted any more.
func gone(list accounts.List, k roleKey) (accountName, why string) {
	for _, a := range list.Accounts {
		if a.ID == k.accountID {
			return a.Name, "the role is no longer assigned in this account"
		}
	}
	return "", "the account is no longer in the list"
}

// fileName is the file for messages.
func fileName(file string) string {
	if file == "" {
		return "the config file"
	}
	return file
}
