package storage_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/storage"
)

func TestMemSecrets(t *testing.T) {
	var s storage.MemSecrets
	if _, err := s.Get("refresh/corp"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Get on empty: %v, want ErrNotFound", err)
	}
	if err := s.Delete("refresh/corp"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Delete on empty: %v, want ErrNotFound", err)
	}
	value := []byte("v1")
	if err := s.Set("refresh/corp", value); err != nil {
		t.Fatal(err)
	}
	value[0] = 'X' // the store keeps its own copy
	got, err := s.Get("refresh/corp")
	if err != nil || string(got) != "v1" {
		t.Errorf("Get = %q, %v", got, err)
	}
	got[0] = 'Y'
	if again, _ := s.Get("refresh/corp"); string(again) != "v1" {
		t.Errorf("Get handed out the stored slice: %q", again)
	}
	if diff := cmp.Diff([]string{"refresh/corp"}, s.Keys()); diff != "" {
		t.Errorf("Keys (-want +got):\n%s", diff)
	}
	if strings.Contains(s.String(), "v1") {
		t.Errorf("String shows a value: %s", s.String())
	}
	locked := &storage.KeyringUnavailableError{Err: errors.New("locked")}
	s.Fail(locked)
	for _, err := range []error{s.Set("k", nil), s.Delete("refresh/corp"), func() error { _, err := s.Get("refresh/corp"); return err }()} {
		if !errors.Is(err, storage.ErrKeyringUnavailable) {
			t.Errorf("with a failure injected: %v", err)
		}
	}
	s.Fail(nil)
	if err := s.Delete("refresh/corp"); err != nil {
		t.Errorf("Delete: %v", err)
	}
	if len(s.Contents()) != 0 || s.Calls() != 9 {
		t.Errorf("contents %v, calls %d", s.Contents(), s.Calls())
	}
}

func TestMemSecretsConcurrent(t *testing.T) {
	var s storage.MemSecrets
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := fmt.Sprintf("k%d", i)
			for range 100 {
				_ = s.Set(k, []byte(k))
				_, _ = s.Get(k)
				_ = s.Delete(k)
			}
		}()
	}
	wg.Wait()
	if len(s.Keys()) != 0 {
		t.Errorf("left %v", s.Keys())
	}
}

func TestCheckSecrets(t *testing.T) {
	var s storage.MemSecrets
	if err := storage.CheckSecrets(&s); err != nil {
		t.Fatalf("CheckSecrets on a working store: %v", err)
	}
	if len(s.Keys()) != 0 {
		t.Errorf("the probe was left behind: %v", s.Keys())
	}
	tests := []struct {
		name string
		err  error
	}{
		{"keyring unavailable", &storage.KeyringUnavailableError{Err: errors.New("dial unix /run/bus: connect: no such file or directory")}},
		{"any other failure", errors.New("surprise")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s storage.MemSecrets
			s.Fail(tc.err)
			err := storage.CheckSecrets(&s)
			if !errors.Is(err, storage.ErrKeyringUnavailable) || !errors.Is(err, tc.err) {
				t.Errorf("CheckSecrets = %v; want it to wrap ErrKeyringUnavailable and the cause", err)
			}
			if !strings.HasPrefix(err.Error(), "the system keyring is not available: ") {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestKeyringUnavailableError(t *testing.T) {
	cause := errors.New("dial unix /x: connect: no such file or directory")
	var err error = &storage.KeyringUnavailableError{Err: cause}
	if !errors.Is(err, storage.ErrKeyringUnavailable) || !errors.Is(err, cause) || errors.Is(err, storage.ErrNotFound) {
		t.Errorf("errors.Is does not match as documented: %v", err)
	}
	var kerr *storage.KeyringUnavailableError
	if !errors.As(fmt.Errorf("load: %w", err), &kerr) || kerr.Err != cause {
		t.Error("errors.As")
	}
	if got := err.Error(); got != "the system keyring is not available: dial unix /x: connect: no such file or directory" {
		t.Errorf("Error() = %q", got)
	}
}

func TestSecretKeys(t *testing.T) {
	if got := storage.RefreshSecretKey("corp"); got != "refresh/corp" {
		t.Error(got)
	}
	if got := storage.ClientSecretKey("a8343d65418848d0bc13a5f25cbb32508ceec5d1.json"); got != "client/a8343d65418848d0bc13a5f25cbb32508ceec5d1.json" {
		t.Error(got)
	}
}

func TestTokenSecretsRoundTrip(t *testing.T) {
	exp := time.Date(2027, 2, 25, 10, 42, 22, 0, time.UTC)
	tests := []struct {
		name string
		in   storage.TokenSecrets
		want string
	}{
		{"all", storage.TokenSecrets{RefreshToken: "REFRESH-SECRET", ClientID: "cid", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: exp},
			`{"clientId": "cid", "clientSecret": "CLIENT-SECRET", "registrationExpiresAt": "2027-02-25T10:42:22Z", "refreshToken": "REFRESH-SECRET"}`},
		{"no refresh token", storage.TokenSecrets{ClientID: "cid", ClientSecret: "CLIENT-SECRET"},
			`{"clientId": "cid", "clientSecret": "CLIENT-SECRET"}`},
		{"empty", storage.TokenSecrets{}, `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := storage.EncodeTokenSecrets(tc.in)
			if err != nil || string(data) != tc.want {
				t.Fatalf("EncodeTokenSecrets = %s, %v; want %s", data, err, tc.want)
			}
			back, err := storage.DecodeTokenSecrets(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.in, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			if tc.in.IsZero() != (tc.name == "empty") {
				t.Errorf("IsZero = %v", tc.in.IsZero())
			}
		})
	}
}

func TestDecodeSecretsErrorsNeverQuoteTheValue(t *testing.T) {
	for _, data := range []string{
		`{"refreshToken": "REFRESH-SECRET"`,
		`{"refreshToken": 7, "clientSecret": "CLIENT-SECRET"}`,
		`["REFRESH-SECRET"]`,
		`{"clientSecret": "CLIENT-SECRET", "registrationExpiresAt": "REFRESH-SECRET"}`,
	} {
		_, err := storage.DecodeTokenSecrets([]byte(data))
		if !errors.Is(err, storage.ErrUnreadable) {
			t.Errorf("DecodeTokenSecrets(%s) = %v, want ErrUnreadable", data, err)
			continue
		}
		if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("error quotes the value: %v", err)
		}
		_, err = storage.DecodeRegistration([]byte(data))
		if !errors.Is(err, storage.ErrUnreadable) || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("DecodeRegistration(%s) = %v", data, err)
		}
	}
}

func TestRegistrationSecretRoundTrip(t *testing.T) {
	r := storage.Registration{ClientID: "cid", ClientSecret: "CLIENT-SECRET", ExpiresAt: time.Date(2027, 2, 25, 10, 42, 22, 0, time.UTC), Scopes: []string{"sso:account:access"}}
	data, err := storage.EncodeRegistration(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"clientId": "cid", "clientSecret": "CLIENT-SECRET", "expiresAt": "2027-02-25T10:42:22Z", "scopes": ["sso:account:access"]}`; string(data) != want {
		t.Errorf("EncodeRegistration = %s\nwant %s", data, want)
	}
	back, err := storage.DecodeRegistration(data)
	if err != nil || !back.Equal(r) {
		t.Errorf("round trip: %v, %v", back, err)
	}
}

func TestTokenSplitAndJoin(t *testing.T) {
	exp := time.Date(2026, 11, 27, 18, 42, 28, 0, time.UTC)
	tok := storage.Token{StartURL: "https://d-1234567890.awsapps.com/start", Region: "us-east-1", AccessToken: "ACCESS-SECRET", ExpiresAt: exp,
		ClientID: "cid", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: exp.Add(time.Hour), RefreshToken: "REFRESH-SECRET"}
	bare := tok.WithoutSecrets()
	if !bare.Secrets().IsZero() || bare.AccessToken != "ACCESS-SECRET" || bare.StartURL != tok.StartURL || bare.Region != tok.Region || !bare.ExpiresAt.Equal(exp) {
		t.Errorf("WithoutSecrets = %v", bare)
	}
	if back := bare.WithSecrets(tok.Secrets()); !back.Equal(tok) {
		t.Errorf("WithSecrets(Secrets()) = %v, want %v", back, tok)
	}
}

// No form of printing shows a secret of the types this file adds.
func TestSecretValuesNeverPrint(t *testing.T) {
	sec := storage.TokenSecrets{RefreshToken: "REFRESH-SECRET", ClientID: "cid", ClientSecret: "CLIENT-SECRET"}
	var mem storage.MemSecrets
	_ = mem.Set("refresh/corp", []byte("REFRESH-SECRET"))
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for _, v := range []any{sec, &sec, &mem} {
			if out := fmt.Sprintf(verb, v); strings.Contains(out, "SECRET") {
				t.Errorf("%s of %T prints a secret: %s", verb, v, out)
			}
		}
	}
	if !strings.Contains(sec.String(), "[redacted]") || !strings.Contains(sec.String(), `"cid"`) {
		t.Errorf("String() = %s", sec)
	}
}
