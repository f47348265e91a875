package signin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const corpStartURL = "https://d-1234567890.awsapps.com/start"

// The secret values the tests hand out; none may appear where they should
// not. The client ID is a secret only in the sense that keyring mode keeps
// it out of the files.
var secretValues = []string{"REFRESH-SECRET", "CLIENT-SECRET", "CLIENT-ID-VALUE", "DEVICE-SECRET"}

// corpRegFile is the CLI's registration file name for the corp session.
var corpRegFile = storage.RegistrationFileName(corpStartURL, "eu-west-1", []string{"sso:account:access"}, "corp")

// keyringEnv is a manager over a throw-away home with an in-memory keyring
// and a scripted Identity Center.
type keyringEnv struct {
	m       *signin.Manager
	paths   storage.Paths
	clock   *flowtest.Clock
	api     *flowtest.OIDC
	portal  *fakePortal
	secrets storage.Secrets
	mem     *storage.MemSecrets // nil when secrets is a real keyring
}

func newKeyringEnv(t *testing.T, secrets storage.Secrets) *keyringEnv {
	t.Helper()
	e := &keyringEnv{api: &flowtest.OIDC{}, portal: &fakePortal{}, secrets: secrets}
	if secrets == nil {
		e.mem = &storage.MemSecrets{}
		e.secrets = e.mem
	}
	e.paths = storage.PathsFromHome(t.TempDir())
	if err := os.MkdirAll(filepath.Dir(e.paths.ConfigFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.paths.ConfigFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	e.clock = flowtest.NewClock(t0)
	e.m = signin.New(e.paths, func(o *signin.Options) {
		o.Clock = e.clock
		o.Clients = fakeClients{oidc: e.api, portal: e.portal}
		o.Settings = settingsFile(e.paths)
		o.Secrets = e.secrets
	})
	return e
}

func (e *keyringEnv) tokenFile() string {
	return filepath.Join(e.paths.CacheDir(), storage.CacheFileName("corp"))
}
func (e *keyringEnv) regFile() string { return filepath.Join(e.paths.CacheDir(), corpRegFile) }

// scriptSignIn queues a whole device sign-in.
func (e *keyringEnv) scriptSignIn() {
	e.api.RegisterReplies = append(e.api.RegisterReplies, flowtest.Reply[ssooidc.RegisterClientOutput]{Out: &ssooidc.RegisterClientOutput{
		ClientId: aws.String("CLIENT-ID-VALUE"), ClientSecret: aws.String("CLIENT-SECRET"), ClientSecretExpiresAt: t0.Add(90 * 24 * time.Hour).Unix(),
	}})
	e.api.StartReplies = append(e.api.StartReplies, flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{Out: &ssooidc.StartDeviceAuthorizationOutput{
		DeviceCode: aws.String("DEVICE-SECRET"), UserCode: aws.String("ABCD-EFGH"), ExpiresIn: 600, Interval: 1,
		VerificationUri: aws.String("https://device.sso.eu-west-1.amazonaws.com/"),
	}})
	e.scriptToken("ACCESS-1", "REFRESH-SECRET-1")
}

// scriptToken queues one CreateToken answer.
func (e *keyringEnv) scriptToken(access, refresh string) {
	e.api.TokenReplies = append(e.api.TokenReplies, flowtest.Reply[ssooidc.CreateTokenOutput]{Out: &ssooidc.CreateTokenOutput{
		AccessToken: aws.String(access), RefreshToken: aws.String(refresh), ExpiresIn: 3600,
	}})
}

func (e *keyringEnv) signIn(t *testing.T) {
	t.Helper()
	e.scriptSignIn()
	a, _, err := e.m.StartSignIn(context.Background(), "corp", flow.DeviceCode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Wait(); err != nil {
		t.Fatal(err)
	}
}

// writeCLIFiles writes a token file and a registration file as the AWS CLI
// does in compatible mode, plus a key another tool added.
func (e *keyringEnv) writeCLIFiles(t *testing.T) (token, reg []byte) {
	t.Helper()
	cache := e.paths.TokenCache()
	if err := cache.Save("corp", storage.Token{
		StartURL: corpStartURL, Region: "eu-west-1", AccessToken: "ACCESS-0", ExpiresAt: t0.Add(time.Hour),
		ClientID: "CLIENT-ID-VALUE", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: t0.Add(48 * time.Hour), RefreshToken: "REFRESH-SECRET-0",
	}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(e.tokenFile())
	data = append(data[:len(data)-1], []byte(`, "ssoSessionName": "corp"}`)...)
	if err := os.WriteFile(e.tokenFile(), data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := cache.SaveRegistration(corpRegFile, storage.Registration{
		ClientID: "CLIENT-ID-VALUE", ClientSecret: "CLIENT-SECRET", ExpiresAt: t0.Add(48 * time.Hour), Scopes: []string{"sso:account:access"},
	}); err != nil {
		t.Fatal(err)
	}
	reg, _ = os.ReadFile(e.regFile())
	return data, reg
}

// cacheDirHasNoSecrets fails if any file under the cache directory holds a
// secret's key name or value.
func cacheDirHasNoSecrets(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ent := range entries {
		data, err := os.ReadFile(filepath.Join(dir, ent.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range append([]string{"refreshToken", "clientSecret", "clientId", "registrationExpiresAt"}, secretValues...) {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s holds %q: %s", ent.Name(), s, data)
			}
		}
	}
}

// tokenFileKeys returns the keys of the token file, in order.
func tokenFileKeys(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var keys []string
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var v json.RawMessage
		dec.Decode(&v)
	}
	return keys
}

// keyringTokenSecrets reads and decodes the refresh entry.
func keyringTokenSecrets(t *testing.T, s storage.Secrets, key string) storage.TokenSecrets {
	t.Helper()
	data, err := s.Get(storage.RefreshSecretKey(key))
	if err != nil {
		t.Fatalf("keyring entry: %v", err)
	}
	sec, err := storage.DecodeTokenSecrets(data)
	if err != nil {
		t.Fatal(err)
	}
	return sec
}

var unavailable = &storage.KeyringUnavailableError{Err: errors.New("dial unix /run/user/1000/bus: connect: no such file or directory")}

func TestKeyringModeSignInKeepsSecretsOutOfTheFiles(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp-dev", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.signIn(t)

	data, err := os.ReadFile(e.tokenFile())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1", "accessToken": "ACCESS-1", "expiresAt": "2026-11-27T13:00:01Z"}`
	if string(data) != want {
		t.Errorf("token file:\n got %s\nwant %s", data, want)
	}
	cacheDirHasNoSecrets(t, e.paths.CacheDir())
	if _, err := os.Stat(e.regFile()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("keyring mode wrote the CLI's registration file: %v", err)
	}
	if diff := cmp.Diff([]string{storage.ClientSecretKey(corpRegFile), "refresh/corp"}, e.mem.Keys()); diff != "" {
		t.Errorf("keyring keys (-want +got):\n%s", diff)
	}
	wantSec := storage.TokenSecrets{RefreshToken: "REFRESH-SECRET-1", ClientID: "CLIENT-ID-VALUE", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: t0.Add(90 * 24 * time.Hour)}
	if diff := cmp.Diff(wantSec, keyringTokenSecrets(t, e.mem, "corp")); diff != "" {
		t.Errorf("keyring refresh entry (-want +got):\n%s", diff)
	}
	s, err := e.m.Status("corp")
	if err != nil || s.State != signin.SignedIn || !s.Refreshable || s.SecretMode != storage.SecretsKeyring || s.SecretsProblem != nil {
		t.Errorf("status: %v %v refreshable %v mode %q problem %v", err, s.State, s.Refreshable, s.SecretMode, s.SecretsProblem)
	}

	// A second sign-in reuses the registration kept in the keyring.
	e.scriptToken("ACCESS-2", "REFRESH-SECRET-2")
	e.api.StartReplies = append(e.api.StartReplies, flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{Out: &ssooidc.StartDeviceAuthorizationOutput{
		DeviceCode: aws.String("DEVICE-SECRET"), UserCode: aws.String("ABCD-EFGH"), ExpiresIn: 600, Interval: 1,
		VerificationUri: aws.String("https://device.sso.eu-west-1.amazonaws.com/"),
	}})
	a, _, err := e.m.StartSignIn(context.Background(), "corp", flow.DeviceCode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Wait(); err != nil {
		t.Fatal(err)
	}
	if len(e.api.Registers) != 1 {
		t.Errorf("registered %d times; the keyring's registration was not reused", len(e.api.Registers))
	}
}

func TestKeyringModeRefreshRotatesInTheKeyring(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.signIn(t)
	// A key another tool added to the file survives the refresh.
	data, _ := os.ReadFile(e.tokenFile())
	os.WriteFile(e.tokenFile(), append(data[:len(data)-1], []byte(`, "ssoSessionName": "corp"}`)...), 0o600)

	e.clock.Advance(50 * time.Minute)
	e.scriptToken("ACCESS-2", "REFRESH-SECRET-2")
	tok, err := e.m.Refresh(context.Background(), "corp")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "ACCESS-2" {
		t.Errorf("refreshed to %v", tok)
	}
	sent := e.api.Tokens[len(e.api.Tokens)-1]
	if aws.ToString(sent.RefreshToken) != "REFRESH-SECRET-1" || aws.ToString(sent.ClientSecret) != "CLIENT-SECRET" || aws.ToString(sent.ClientId) != "CLIENT-ID-VALUE" {
		t.Error("the refresh did not send the keyring's refresh token and client")
	}
	if got := keyringTokenSecrets(t, e.mem, "corp").RefreshToken; got != "REFRESH-SECRET-2" {
		t.Error("the rotated refresh token is not in the keyring")
	}
	if diff := cmp.Diff([]string{"startUrl", "region", "accessToken", "expiresAt", "ssoSessionName"}, tokenFileKeys(t, e.tokenFile())); diff != "" {
		t.Errorf("token file keys (-want +got):\n%s", diff)
	}
	cacheDirHasNoSecrets(t, e.paths.CacheDir())
	data, _ = os.ReadFile(e.tokenFile())
	if !bytes.Contains(data, []byte(`"accessToken": "ACCESS-2"`)) {
		t.Errorf("the file lacks the new access token: %s", data)
	}
}

// aws sso login rewrites the file with every secret while ssotray keeps the
// sign-in in keyring mode: ssotray uses the newer secrets from the file and
// moves them into the keyring at its next refresh.
func TestKeyringModeTakesNewerSecretsFromTheFile(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.signIn(t)
	e.paths.TokenCache().Save("corp", storage.Token{
		StartURL: corpStartURL, Region: "eu-west-1", AccessToken: "ACCESS-CLI", ExpiresAt: t0.Add(time.Hour),
		ClientID: "CLI-CLIENT", ClientSecret: "CLIENT-SECRET-CLI", RefreshToken: "REFRESH-SECRET-CLI",
	})
	if s, _ := e.m.Status("corp"); !s.Refreshable || s.SecretsProblem != nil {
		t.Errorf("status: refreshable %v problem %v", s.Refreshable, s.SecretsProblem)
	}
	e.scriptToken("ACCESS-2", "REFRESH-SECRET-2")
	if _, err := e.m.Refresh(context.Background(), "corp"); err != nil {
		t.Fatal(err)
	}
	if sent := e.api.Tokens[len(e.api.Tokens)-1]; aws.ToString(sent.RefreshToken) != "REFRESH-SECRET-CLI" || aws.ToString(sent.ClientId) != "CLI-CLIENT" {
		t.Error("the refresh did not use the file's newer secrets")
	}
	if got := keyringTokenSecrets(t, e.mem, "corp"); got.RefreshToken != "REFRESH-SECRET-2" || got.ClientID != "CLI-CLIENT" {
		t.Errorf("keyring holds %v", got)
	}
	cacheDirHasNoSecrets(t, e.paths.CacheDir())
}

func TestSwitchingMovesSecretsAndLeavesNoCopy(t *testing.T) {
	e := newKeyringEnv(t, nil)
	origToken, origReg := e.writeCLIFiles(t)

	mv, err := e.m.MoveSecrets("corp-dev", storage.SecretsKeyring)
	if err != nil {
		t.Fatal(err)
	}
	wantMove := signin.SecretsMove{
		Name: "corp", From: storage.SecretsCLI, To: storage.SecretsKeyring,
		TokenFile: e.tokenFile(), RegistrationFile: e.regFile(),
		RefreshKey: "refresh/corp", ClientKey: storage.ClientSecretKey(corpRegFile),
		TokenSecrets: true, Registration: true,
	}
	if diff := cmp.Diff(wantMove, mv); diff != "" {
		t.Errorf("move to keyring (-want +got):\n%s", diff)
	}
	cacheDirHasNoSecrets(t, e.paths.CacheDir())
	if _, err := os.Stat(e.regFile()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the CLI's registration file is still there: %v", err)
	}
	if diff := cmp.Diff([]string{"startUrl", "region", "accessToken", "expiresAt", "ssoSessionName"}, tokenFileKeys(t, e.tokenFile())); diff != "" {
		t.Errorf("token file keys (-want +got):\n%s", diff)
	}
	if mode, _ := e.m.SecretMode("corp"); mode != storage.SecretsKeyring {
		t.Errorf("mode %q", mode)
	}
	if s, _ := e.m.Status("corp"); !s.Refreshable || s.SecretsProblem != nil || s.State != signin.SignedIn {
		t.Errorf("status after the move: %v refreshable %v problem %v", s.State, s.Refreshable, s.SecretsProblem)
	}
	settings, _ := os.ReadFile(settingsFile(e.paths))
	if !bytes.Contains(settings, []byte(`"secrets": "keyring"`)) {
		t.Errorf("settings file: %s", settings)
	}

	// Running it again moves nothing and loses nothing.
	mv, err = e.m.MoveSecrets("corp", storage.SecretsKeyring)
	if err != nil || mv.TokenSecrets || mv.Registration {
		t.Errorf("second move: %+v, %v", mv, err)
	}
	if len(e.mem.Keys()) != 2 {
		t.Errorf("keyring: %v", e.mem.Keys())
	}

	mv, err = e.m.MoveSecrets("corp", storage.SecretsCLI)
	if err != nil {
		t.Fatal(err)
	}
	if !mv.TokenSecrets || !mv.Registration || mv.Stranded != nil || mv.From != storage.SecretsKeyring {
		t.Errorf("move back: %+v", mv)
	}
	if keys := e.mem.Keys(); len(keys) != 0 {
		t.Errorf("the keyring kept a copy: %v", keys)
	}
	for file, want := range map[string][]byte{e.tokenFile(): origToken, e.regFile(): origReg} {
		if got, _ := os.ReadFile(file); !bytes.Equal(got, want) {
			t.Errorf("%s after the round trip:\n got %s\nwant %s", filepath.Base(file), got, want)
		}
	}
	if s, _ := e.m.Status("corp"); s.SecretMode != storage.SecretsCLI || !s.Refreshable {
		t.Errorf("status after moving back: %q refreshable %v", s.SecretMode, s.Refreshable)
	}
}

func TestSwitchingToKeyringWhileUnavailableChangesNothing(t *testing.T) {
	e := newKeyringEnv(t, nil)
	origToken, origReg := e.writeCLIFiles(t)
	e.mem.Fail(unavailable)
	err := e.m.SetSecretMode("corp", storage.SecretsKeyring)
	if !errors.Is(err, storage.ErrKeyringUnavailable) || !errors.Is(err, signin.ErrKeyringUnavailable) {
		t.Fatalf("SetSecretMode = %v; want ErrKeyringUnavailable", err)
	}
	if !strings.Contains(err.Error(), "the system keyring is not available") {
		t.Errorf("message %q", err)
	}
	for file, want := range map[string][]byte{e.tokenFile(): origToken, e.regFile(): origReg} {
		if got, _ := os.ReadFile(file); !bytes.Equal(got, want) {
			t.Errorf("%s changed", filepath.Base(file))
		}
	}
	if _, err := os.Stat(settingsFile(e.paths)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("settings file written: %v", err)
	}
	e.mem.Fail(nil)
	if len(e.mem.Keys()) != 0 {
		t.Errorf("keyring: %v", e.mem.Keys())
	}
}

// A keyring that stops working in keyring mode never costs the session:
// the access token in the file still works, status and refresh say why the
// token cannot be refreshed, and the fallback needs an explicit switch.
func TestKeyringUnavailableInKeyringMode(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.signIn(t)
	before, _ := os.ReadFile(e.tokenFile())
	e.mem.Fail(unavailable)

	s, err := e.m.Status("corp")
	if err != nil || s.State != signin.SignedIn || s.Remaining(t0) <= 0 || s.Refreshable {
		t.Errorf("status: %v %v left %v refreshable %v", err, s.State, s.Remaining(t0), s.Refreshable)
	}
	if s.SecretMode != storage.SecretsKeyring || !errors.Is(s.SecretsProblem, signin.ErrKeyringUnavailable) {
		t.Errorf("status: mode %q problem %v", s.SecretMode, s.SecretsProblem)
	}
	calls := e.api.TokenCalls()
	_, err = e.m.Refresh(context.Background(), "corp")
	if !errors.Is(err, signin.ErrKeyringUnavailable) || !strings.Contains(err.Error(), "the system keyring is not available") {
		t.Errorf("Refresh = %v", err)
	}
	if e.api.TokenCalls() != calls {
		t.Error("Refresh called Identity Center without the refresh token")
	}
	if after, _ := os.ReadFile(e.tokenFile()); !bytes.Equal(after, before) {
		t.Error("the token file changed")
	}
	if _, _, err := e.m.StartSignIn(context.Background(), "corp", flow.DeviceCode); !errors.Is(err, signin.ErrKeyringUnavailable) {
		t.Errorf("StartSignIn = %v; want ErrKeyringUnavailable before any code is shown", err)
	}

	// The explicit fallback, with the person's consent: the mode changes,
	// the access token stays, the refresh token is stranded and said to be.
	mv, err := e.m.MoveSecrets("corp", storage.SecretsCLI)
	if err != nil || !errors.Is(mv.Stranded, signin.ErrKeyringUnavailable) || mv.TokenSecrets {
		t.Fatalf("fallback: %+v, %v", mv, err)
	}
	s, _ = e.m.Status("corp")
	if s.SecretMode != storage.SecretsCLI || s.SecretsProblem != nil || s.State != signin.SignedIn || s.Refreshable {
		t.Errorf("after fallback: mode %q problem %v state %v refreshable %v", s.SecretMode, s.SecretsProblem, s.State, s.Refreshable)
	}
	if _, err := e.m.Refresh(context.Background(), "corp"); !errors.Is(err, flow.ErrNotRefreshable) {
		t.Errorf("Refresh after fallback = %v; want ErrNotRefreshable (sign in again)", err)
	}

	// The keyring comes back: running the switch again fetches the token.
	e.mem.Fail(nil)
	mv, err = e.m.MoveSecrets("corp", storage.SecretsCLI)
	if err != nil || !mv.TokenSecrets || mv.Stranded != nil {
		t.Fatalf("second fallback: %+v, %v", mv, err)
	}
	if len(e.mem.Keys()) != 0 {
		t.Errorf("keyring kept %v", e.mem.Keys())
	}
	if s, _ := e.m.Status("corp"); !s.Refreshable {
		t.Error("the refresh token did not come back")
	}
}

func TestKeyringEntryMissing(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	if s, _ := e.m.Status("corp"); s.State != signin.SignedOut || s.SecretsProblem != nil {
		t.Errorf("signed out with no entry: %v %v", s.State, s.SecretsProblem)
	}
	e.signIn(t)
	e.mem.Delete("refresh/corp")
	s, _ := e.m.Status("corp")
	if s.State != signin.SignedIn || !errors.Is(s.SecretsProblem, signin.ErrSecretsMissing) || s.Refreshable {
		t.Errorf("status: %v problem %v refreshable %v", s.State, s.SecretsProblem, s.Refreshable)
	}
	if _, err := e.m.Refresh(context.Background(), "corp"); !errors.Is(err, signin.ErrSecretsMissing) {
		t.Errorf("Refresh = %v", err)
	}
}

func TestSignOutInKeyringModeDeletesTheEntries(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.signIn(t)
	removed, warning, err := e.m.SignOut(context.Background(), "corp")
	if err != nil || warning != nil || !removed {
		t.Fatalf("SignOut: removed %v warning %v err %v", removed, warning, err)
	}
	if keys := e.mem.Keys(); len(keys) != 0 {
		t.Errorf("the keyring still holds %v", keys)
	}
	if _, err := os.Stat(e.tokenFile()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("token file: %v", err)
	}
	if len(e.portal.tokens) != 1 || e.portal.tokens[0] != "ACCESS-1" {
		t.Errorf("Logout calls %v", e.portal.tokens)
	}
}

func TestSignOutWithTheKeyringUnavailable(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.signIn(t)
	e.mem.Fail(unavailable)
	removed, warning, err := e.m.SignOut(context.Background(), "corp")
	if err != nil || !removed || !errors.Is(warning, signin.ErrKeyringUnavailable) {
		t.Errorf("SignOut: removed %v warning %v err %v", removed, warning, err)
	}
	if _, err := os.Stat(e.tokenFile()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("token file: %v", err)
	}
}

func TestMalformedSettings(t *testing.T) {
	e := newKeyringEnv(t, nil)
	origToken, _ := e.writeCLIFiles(t)
	path := settingsFile(e.paths)
	os.MkdirAll(filepath.Dir(path), 0o700)
	const garbage = `{"signIns": {"corp": {"secrets": "keyring"}`
	os.WriteFile(path, []byte(garbage), 0o600)

	s, err := e.m.Status("corp")
	if err != nil || s.SecretMode != "" || !errors.Is(s.SecretsProblem, storage.ErrUnreadable) || !strings.Contains(s.SecretsProblem.Error(), path) {
		t.Errorf("status: %v mode %q problem %v", err, s.SecretMode, s.SecretsProblem)
	}
	if s.State != signin.SignedIn {
		t.Errorf("state %v", s.State)
	}
	err = e.m.SetSecretMode("corp", storage.SecretsKeyring)
	if !errors.Is(err, storage.ErrUnreadable) || !strings.Contains(err.Error(), path) {
		t.Errorf("SetSecretMode = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != garbage {
		t.Error("the malformed settings file was overwritten")
	}
	if got, _ := os.ReadFile(e.tokenFile()); !bytes.Equal(got, origToken) {
		t.Error("the token file changed")
	}
	if len(e.mem.Keys()) != 0 {
		t.Errorf("keyring: %v", e.mem.Keys())
	}
}

func TestSetSecretModeRefusesUnknownModes(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", "vault"); err == nil {
		t.Error("accepted an unknown mode")
	}
	if err := e.m.SetSecretMode("nope", storage.SecretsKeyring); !errors.Is(err, signin.ErrUnknown) {
		t.Errorf("unknown name: %v", err)
	}
}

// Everything this feature prints or returns — statuses, moves, errors —
// holds no secret value, in every failure mode.
func TestSecretsNeverInStatusesOrErrors(t *testing.T) {
	e := newKeyringEnv(t, nil)
	e.writeCLIFiles(t)
	var out []string
	note := func(vs ...any) {
		for _, v := range vs {
			out = append(out, fmt.Sprintf("%v|%+v|%#v", v, v, v))
		}
	}
	mv, err := e.m.MoveSecrets("corp", storage.SecretsKeyring)
	note(mv, err)
	statuses, _, err := e.m.Statuses()
	note(statuses, err)
	e.mem.Fail(unavailable)
	statuses, _, err = e.m.Statuses()
	note(statuses, err)
	_, err = e.m.Refresh(context.Background(), "corp")
	note(err)
	_, _, err = e.m.StartSignIn(context.Background(), "corp", flow.DeviceCode)
	note(err)
	mv, err = e.m.MoveSecrets("corp", storage.SecretsCLI)
	note(mv, err, mv.Stranded)
	e.mem.Fail(nil)
	e.mem.Delete("refresh/corp")
	statuses, _, err = e.m.Statuses()
	note(statuses, err)
	_, err = e.m.Refresh(context.Background(), "corp")
	note(err)
	_, warning, err := e.m.SignOut(context.Background(), "corp")
	note(warning, err)
	for _, s := range out {
		for _, secret := range append(secretValues, "ACCESS-0") {
			if strings.Contains(s, secret) {
				t.Errorf("%q shows up in: %s", secret, s)
			}
		}
	}
	if !slices.ContainsFunc(out, func(s string) bool { return strings.Contains(s, "the system keyring is not available") }) {
		t.Error("the unavailable keyring was never reported")
	}
}

// The keyring fails between the check and the save of a sign-in: the file
// still gets the access token (usable until it expires), never the
// secrets, and the sign-in reports the keyring.
func TestKeyringFailsWhileSaving(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.scriptSignIn()
	e.api.BeforeToken = func(context.Context, int) { e.mem.Fail(unavailable) }
	a, _, err := e.m.StartSignIn(context.Background(), "corp", flow.DeviceCode)
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.Wait()
	var storeErr *flow.StoreError
	if !errors.As(err, &storeErr) || !errors.Is(err, signin.ErrKeyringUnavailable) {
		t.Fatalf("sign-in = %v; want a StoreError wrapping ErrKeyringUnavailable", err)
	}
	if diff := cmp.Diff([]string{"startUrl", "region", "accessToken", "expiresAt"}, tokenFileKeys(t, e.tokenFile())); diff != "" {
		t.Errorf("token file keys (-want +got):\n%s", diff)
	}
	cacheDirHasNoSecrets(t, e.paths.CacheDir())
}

// A file that another tool filled with secrets keeps the rotated refresh
// token when the keyring fails during ssotray's refresh, so the session
// survives; the refresh still reports the keyring.
func TestKeyringFailsWhileSavingSecretsTheFileHeld(t *testing.T) {
	e := newKeyringEnv(t, nil)
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.writeCLIFiles(t)
	e.mem.Fail(unavailable)
	e.scriptToken("ACCESS-2", "REFRESH-SECRET-2")
	_, err := e.m.Refresh(context.Background(), "corp")
	if !errors.Is(err, signin.ErrKeyringUnavailable) {
		t.Errorf("Refresh = %v", err)
	}
	tok, err := e.paths.TokenCache().Load("corp")
	if err != nil || tok.AccessToken != "ACCESS-2" || tok.RefreshToken != "REFRESH-SECRET-2" {
		t.Errorf("the rotated token was lost: %v %v", tok, err)
	}
}

// A settings file that does not load does not stop a sign-in whose secrets
// are in its token file (the AWS CLI compatible mode) from refreshing; one
// whose secrets are elsewhere is told how to repair the file; a switch to
// the AWS CLI compatible mode repairs it.
func TestMalformedSettingsRefreshAndRepair(t *testing.T) {
	e := newKeyringEnv(t, nil)
	e.writeCLIFiles(t)
	path := settingsFile(e.paths)
	os.MkdirAll(filepath.Dir(path), 0o700)
	const garbage = `{"signIns": {"corp": {"secrets": "cli"}`
	os.WriteFile(path, []byte(garbage), 0o600)

	e.scriptToken("ACCESS-2", "REFRESH-SECRET-2")
	tok, err := e.m.Refresh(context.Background(), "corp")
	if err != nil || tok.AccessToken != "ACCESS-2" {
		t.Fatalf("Refresh with secrets in the token file: %v", err)
	}
	if got, _ := e.paths.TokenCache().Load("corp"); got.RefreshToken != "REFRESH-SECRET-2" || got.AccessToken != "ACCESS-2" {
		t.Error("the refreshed token was not saved to the token file")
	}

	// Without secrets in the file, the error says what to do.
	stripped, _ := e.paths.TokenCache().Load("corp")
	if err := e.paths.TokenCache().Save("corp", stripped.WithoutSecrets()); err != nil {
		t.Fatal(err)
	}
	_, err = e.m.Refresh(context.Background(), "corp")
	for _, want := range []string{path, "not valid JSON", "ssotray secrets corp cli", "settings.json.bad", "delete it"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Refresh = %v; want it to say %q", err, want)
		}
	}
	if s, _ := e.m.Status("corp"); s.SecretsProblem == nil || !strings.Contains(s.SecretsProblem.Error(), "ssotray secrets corp cli") {
		t.Errorf("status problem %v", s.SecretsProblem)
	}

	mv, err := e.m.MoveSecrets("corp", storage.SecretsCLI)
	if err != nil || mv.SettingsSetAside != path+".bad" || !errors.Is(mv.SettingsProblem, storage.ErrUnreadable) {
		t.Fatalf("repair: %+v, %v", mv, err)
	}
	if got, _ := os.ReadFile(path + ".bad"); string(got) != garbage {
		t.Errorf("set aside: %q", got)
	}
	if _, err := storage.LoadSettings(path); err != nil {
		t.Errorf("after repair: %v", err)
	}
	if mode, err := e.m.SecretMode("corp"); err != nil || mode != storage.SecretsCLI {
		t.Errorf("mode %q, %v", mode, err)
	}
}
