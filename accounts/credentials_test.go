package accounts_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/flow/idctest"
)

func TestGetCredentials(t *testing.T) {
	_, s := newPortal(t)
	before := time.Now()
	c, err := accounts.GetCredentials(context.Background(), s, idctest.DefaultAccountID, "ReadOnly")
	if err != nil {
		t.Fatalf("GetCredentials: %v", err)
	}
	if !strings.HasPrefix(c.AccessKeyID, "ASIA") || c.SecretAccessKey == "" || c.SessionToken == "" {
		t.Errorf("credentials incomplete: key %q, secret %d bytes, token %d bytes", c.AccessKeyID, len(c.SecretAccessKey), len(c.SessionToken))
	}
	if c.Expiration.Location() != time.UTC {
		t.Errorf("expiration in %v, want UTC", c.Expiration.Location())
	}
	if d := c.Expiration.Sub(before); d < 59*time.Minute || d > 61*time.Minute {
		t.Errorf("expiration %v ahead, want an hour", d)
	}
}

func TestGetCredentialsErrors(t *testing.T) {
	virtual := func() *flowtest.Clock { return flowtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)) }
	half := func() float64 { return 0.5 }

	t.Run("no access", func(t *testing.T) {
		_, s := newPortal(t)
		_, err := accounts.GetCredentials(context.Background(), s, idctest.DefaultAccountID, "Billing")
		if err == nil || err.Error() != "no access to role Billing in account "+idctest.DefaultAccountID {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("signed out", func(t *testing.T) {
		srv, s := newPortal(t)
		logout(t, srv, s.Token)
		_, err := accounts.GetCredentials(context.Background(), s, idctest.DefaultAccountID, "ReadOnly")
		if !errors.Is(err, accounts.ErrSignInAgain) || strings.Contains(err.Error(), s.Token) {
			t.Errorf("err = %v, want ErrSignInAgain without the token", err)
		}
		if n := len(srv.Requests()); n != 2 { // the logout and one try
			t.Errorf("%d requests, want no retry", n-1)
		}
	})
	t.Run("throttled, then served", func(t *testing.T) {
		srv, s := newPortal(t)
		srv.InjectFault(idctest.OpGetRoleCredentials, idctest.Fault{Status: http.StatusTooManyRequests, Count: 2})
		clock := virtual()
		if _, err := accounts.GetCredentialsWithClock(context.Background(), s, idctest.DefaultAccountID, "ReadOnly", clock, half); err != nil {
			t.Fatalf("GetCredentials: %v", err)
		}
		if got := clock.Waits(); len(got) != 2 || got[0] != 250*time.Millisecond || got[1] != 500*time.Millisecond {
			t.Errorf("waits %v, want 250ms then 500ms (jittered backoff)", got)
		}
	})
	t.Run("throttled throughout", func(t *testing.T) {
		srv, s := newPortal(t)
		srv.InjectFault(idctest.OpGetRoleCredentials, idctest.Fault{Status: http.StatusTooManyRequests, Count: 100})
		_, err := accounts.GetCredentialsWithClock(context.Background(), s, idctest.DefaultAccountID, "ReadOnly", virtual(), half)
		if err == nil || !strings.Contains(err.Error(), "5 attempts") {
			t.Errorf("err = %v, want it to give up after 5 attempts", err)
		}
	})
	t.Run("reply without secrets in the error", func(t *testing.T) {
		srv, s := newPortal(t)
		srv.InjectFault(idctest.OpGetRoleCredentials, idctest.Fault{Body: `{"roleCredentials":{"accessKeyId":"ASIAEXAMPLEEXAMPLE12","secretAccessKey":"TOPSECRETVALUE"}}`})
		_, err := accounts.GetCredentials(context.Background(), s, idctest.DefaultAccountID, "ReadOnly")
		if err == nil || !strings.Contains(err.Error(), "sessionToken") || strings.Contains(err.Error(), "TOPSECRET") {
			t.Errorf("err = %v, want it to name what is missing and no value", err)
		}
	})
	t.Run("garbage", func(t *testing.T) {
		srv, s := newPortal(t)
		srv.InjectFault(idctest.OpGetRoleCredentials, idctest.Fault{Body: "<html>"})
		_, err := accounts.GetCredentials(context.Background(), s, idctest.DefaultAccountID, "ReadOnly")
		if err == nil || !strings.Contains(err.Error(), "not its API") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a proxy's error page", func(t *testing.T) {
		proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			w.Write([]byte("<html>\n<body><h1>502 Bad Gateway</h1></body>\n</html>\n"))
		}))
		defer proxy.Close()
		_, s := newPortal(t)
		s.API = sso.New(sso.Options{Region: testRegion, BaseEndpoint: aws.String(proxy.URL), Credentials: aws.AnonymousCredentials{}})
		_, err := accounts.GetCredentialsWithClock(context.Background(), s, idctest.DefaultAccountID, "ReadOnly", virtual(), half)
		const want = "HTTP 502 from something between you and AWS (a proxy or gateway), not from AWS"
		if err == nil || !strings.HasSuffix(err.Error(), want) || strings.Contains(err.Error(), "<") {
			t.Errorf("err = %v, want it to end %q", err, want)
		}
	})
}
