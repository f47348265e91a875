package storage

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Kind says what a SignIn comes from.
type Kind string

const (
	// KindSSOSession is an [sso-session NAME] section; its tokens are
	// cached under the session name and can be refreshed.
	KindSSOSession Kind = "sso-session"
	// KindLegacyProfile is a start URL set directly in one or more
	// profiles; its tokens are cached under the start URL and are never
	// refreshed by the AWS tools.
	KindLegacyProfile Kind = "legacy-profile"
)

// SignIn is one thing a person signs in to: an [sso-session], or a legacy
// start URL shared by one or more profiles.
type SignIn struct {
	// Name is the sso-session name; for a legacy sign-in, the name of the
	// first profile (in file order) that uses the start URL.
	Name string
	// Kind says whether it is an sso-session or a legacy start URL.
	Kind Kind
	// StartURL is sso_start_url exactly as written, trimmed of surrounding
	// whitespace only.
	StartURL string
	// Region is sso_region.
	Region string
	// Scopes is sso_registration_scopes split on commas, each trimmed and
	// empties dropped; nil when the key is absent (and for legacy
	// sign-ins), empty but not nil when it is present with no scope.
	Scopes []string
	// Profiles are the profiles that use it, in file order ("default" for
	// [default]).
	Profiles []string
	// CacheKey is the token cache key: the sso-session name, or the legacy
	// start URL verbatim.
	CacheKey string
	// File is the config file.
	File string
	// Line is the line of the section header (for a legacy sign-in, of the
	// first profile's header).
	Line int
}

// Problem is one thing wrong in the config file, with where it is.
type Problem struct {
	// File is the config file.
	File string
	// Line is the 1-based line the problem is on, or 0 for a problem of
	// no line, whose Msg names what it is about.
	Line int
	// Msg says what is wrong, in plain words.
	Msg string
}

// Error returns "FILE:LINE: MSG", or only MSG for a problem of no line
// (Line 0), such as one of the token cache directory that Msg names.
func (p Problem) Error() string {
	if p.Line == 0 {
		return p.Msg
	}
	if p.File == "" {
		return "line " + strconv.Itoa(p.Line) + ": " + p.Msg
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Msg
}

// String returns the same as Error.
func (p Problem) String() string { return p.Error() }

// Config is what ssotray needs from ~/.aws/config: the sign-ins it defines
// and what is wrong with it.
type Config struct {
	// File is the config file.
	File string
	// SignIns are the sso-sessions in file order, then the legacy sign-ins
	// in file order. Sign-ins with problems that make them unusable are
	// left out (and their problems listed).
	SignIns []SignIn
	// Problems are sorted by line.
	Problems []Problem

	sessions map[string]int      // listed sso-session name -> SignIns index
	profiles map[string]int      // profile name -> SignIns index
	names    map[string]struct{} // every sso-session and profile name defined
}

// LoadConfig reads and parses the config file at path. A missing file gives
// an empty Config and no error; a file that exists but cannot be read (no
// permission, a directory, a named pipe, over maxConfigFileSize) gives an
// error naming the file.
func LoadConfig(path string) (*Config, error) {
	data, err := readRegular(path, maxConfigFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return ParseConfig(path, nil), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return ParseConfig(path, data), nil
}

// ParseConfig parses the contents of a config file; file is used in problems
// and sign-ins. It never fails: anything botocore or aws-sdk-go-v2 would
// reject or read differently becomes a Problem, and the rest of the file
// still loads.
func ParseConfig(file string, data []byte) *Config {
	ini := parseINI(file, data)
	n := len(ini.sections)
	c := &Config{
		File:     file,
		Problems: ini.problems,
		sessions: map[string]int{},
		profiles: make(map[string]int, n),
		names:    make(map[string]struct{}, n),
	}
	b := configBuilder{c: c, sessions: map[string]*iniSection{}, legacy: map[string]int{}}
	for _, s := range ini.sections {
		switch s.kind {
		case kindSSOSession:
			c.names[s.name] = struct{}{}
			b.sessions[s.name] = s
			b.addSession(s)
		case kindProfile:
			c.names[s.name] = struct{}{}
		}
	}
	for _, s := range ini.sections {
		if s.kind == kindProfile {
			b.addProfile(s)
		}
	}
	slices.SortStableFunc(c.Problems, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	return c
}

// Lookup finds a sign-in by sso-session name first, then by the name of a
// profile that uses it (legacy profiles included). The result is a copy.
func (c *Config) Lookup(name string) (SignIn, bool) {
	i, ok := c.sessions[name]
	if !ok {
		i, ok = c.profiles[name]
	}
	if !ok {
		return SignIn{}, false
	}
	s := c.SignIns[i]
	s.Scopes, s.Profiles = slices.Clone(s.Scopes), slices.Clone(s.Profiles)
	return s, true
}

// NameInUse reports whether an sso-session or a profile called name exists in
// the file, usable or not; AddSSOSession refuses such a name.
func (c *Config) NameInUse(name string) bool {
	_, ok := c.names[name]
	return ok
}

// configBuilder turns sections into sign-ins.
type configBuilder struct {
	c        *Config
	sessions map[string]*iniSection // every sso-session section by name
	legacy   map[string]int         // legacy start URL -> SignIns index
}

// problem records a Problem.
func (b *configBuilder) problem(line int, format string, args ...any) {
	b.c.Problems = append(b.c.Problems, Problem{File: b.c.File, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// addSession lists an sso-session if it has what a sign-in needs.
func (b *configBuilder) addSession(s *iniSection) {
	url, _ := s.values.get("sso_start_url")
	region, _ := s.values.get("sso_region")
	ok := true
	if url.s == "" {
		b.problem(s.line, "sso-session %q has no sso_start_url", s.name)
		ok = false
	}
	if region.s == "" {
		b.problem(s.line, "sso-session %q has no sso_region", s.name)
		ok = false
	}
	scopes, hasScopes := s.values.get("sso_registration_scopes")
	if !ok || url.bad || region.bad || scopes.bad {
		return
	}
	b.c.sessions[s.name] = len(b.c.SignIns)
	b.c.SignIns = append(b.c.SignIns, SignIn{
		Name:     s.name,
		Kind:     KindSSOSession,
		StartURL: url.s,
		Region:   region.s,
		Scopes:   parseScopes(scopes.s, hasScopes),
		CacheKey: s.name,
		File:     b.c.File,
		Line:     s.line,
	})
}

// parseScopes splits sso_registration_scopes as the AWS CLI does.
func parseScopes(value string, present bool) []string {
	if !present {
		return nil
	}
	scopes := []string{}
	for s := range strings.SplitSeq(value, ",") {
		if s = strings.TrimSpace(s); s != "" {
			scopes = append(scopes, s)
		}
	}
	return scopes
}

// addProfile attaches an SSO profile to its sign-in.
func (b *configBuilder) addProfile(s *iniSection) {
	session, _ := s.values.get("sso_session")
	url, _ := s.values.get("sso_start_url")
	region, _ := s.values.get("sso_region")
	switch {
	case session.bad:
		return
	case session.s != "":
		b.addSessionProfile(s, session)
	case url.s != "" || url.bad:
		b.addLegacyProfile(s, url, region)
	}
}

// addSessionProfile attaches a profile with sso_session to its session.
func (b *configBuilder) addSessionProfile(s *iniSection, session iniValue) {
	sec, defined := b.sessions[session.s]
	if !defined {
		b.problem(session.line, "profile %q uses sso-session %q, which is not defined in this file", s.name, session.s)
		return
	}
	i, listed := b.c.sessions[session.s]
	if !listed {
		return // the session's own problems say why
	}
	// botocore and aws-sdk-go-v2 both refuse a profile whose copy of a
	// session key disagrees with the session.
	for _, k := range []string{"sso_start_url", "sso_region"} {
		v, ok := s.values.get(k)
		want, _ := sec.values.get(k)
		if ok && !v.bad && v.s != want.s {
			b.problem(v.line, "profile %q has %s %q, but its sso-session %q has %q; remove it from the profile or make them match", s.name, k, v.s, session.s, want.s)
		}
	}
	b.attach(i, s.name)
}

// addLegacyProfile groups a profile with sso_start_url and no sso_session
// under its start URL.
func (b *configBuilder) addLegacyProfile(s *iniSection, url, region iniValue) {
	if region.s == "" && !region.bad {
		b.problem(s.line, "profile %q has sso_start_url but no sso_region", s.name)
		return
	}
	if url.bad || region.bad {
		return
	}
	if i, ok := b.legacy[url.s]; ok {
		if first := b.c.SignIns[i]; first.Region != region.s {
			b.problem(region.line, "profile %q has sso_region %q, but profile %q uses %q with the same start URL; %q is used", s.name, region.s, first.Name, first.Region, first.Region)
		}
		b.attach(i, s.name)
		return
	}
	b.legacy[url.s] = len(b.c.SignIns)
	b.c.SignIns = append(b.c.SignIns, SignIn{
		Name:     s.name,
		Kind:     KindLegacyProfile,
		StartURL: url.s,
		Region:   region.s,
		CacheKey: url.s,
		File:     b.c.File,
		Line:     s.line,
	})
	b.attach(len(b.c.SignIns)-1, s.name)
}

// attach lists profile under sign-in i.
func (b *configBuilder) attach(i int, profile string) {
	b.c.SignIns[i].Profiles = append(b.c.SignIns[i].Profiles, profile)
	b.c.profiles[profile] = i
}

// ForStartURL returns the first sign-in whose start URL is startURL, as a
// person would compare them: the scheme and host in any case, and a
// trailing slash or none. Two sign-ins of one portal are rarely meant.
func (c *Config) ForStartURL(startURL string) (SignIn, bool) {
	want := comparableStartURL(startURL)
	for _, in := range c.SignIns {
		if comparableStartURL(in.StartURL) == want {
			in.Scopes, in.Profiles = slices.Clone(in.Scopes), slices.Clone(in.Profiles)
			return in, true
		}
	}
	return SignIn{}, false
}

// comparableStartURL lower-cases the scheme and host of a start URL and
// drops a trailing slash.
func comparableStartURL(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "/")
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	host, path, _ := strings.Cut(rest, "/")
	if path != "" {
		path = "/" + path
	}
	return strings.ToLower(scheme) + "://" + strings.ToLower(host) + path
}
