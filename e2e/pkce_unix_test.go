//go:build unix

package e2e

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
)

func TestBrowserLoginFailuresKeepTheEarlierToken(t *testing.T) {
	tests := []struct {
		name      string
		authorize idctest.AuthorizeBehaviour
		// browse plays the browser; it may end the command.
		browse   func(t *testing.T, page string, cmd *exec.Cmd)
		wantCode int
		wantErr  string
	}{
		{
			name: "denied in the browser", authorize: idctest.AuthorizeDeny,
			browse: func(t *testing.T, page string, _ *exec.Cmd) {
				if _, body := follow(t, page); !strings.Contains(body, "Sign-in did not finish") {
					t.Errorf("the browser's page after Deny:\n%s", body)
				}
			},
			wantCode: 1, wantErr: "ssotray: sign-in to my-sso failed: sign-in was denied in the browser\n",
		},
		{
			name: "a wrong state is refused and the wait goes on", authorize: idctest.AuthorizeWrongState,
			browse: func(t *testing.T, page string, cmd *exec.Cmd) {
				status, body := follow(t, page)
				if status != http.StatusBadRequest || !strings.Contains(body, "not the sign-in ssotray is waiting for") {
					t.Errorf("the browser's page with a wrong state: HTTP %d\n%s", status, body)
				}
				// Still waiting: the person presses Ctrl-C.
				if err := cmd.Process.Signal(syscall.Signal(0)); err != nil {
					t.Errorf("login ended on a return with the wrong state: %v", err)
				}
				cmd.Process.Signal(syscall.SIGINT)
			},
			wantCode: 130,
		},
		{
			name: "cancelled while the page never comes back", authorize: idctest.AuthorizeNever,
			browse: func(t *testing.T, page string, cmd *exec.Cmd) {
				follow(t, page)
				cmd.Process.Signal(syscall.SIGINT)
			},
			wantCode: 130,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHome(t, sessionConfig, autoApprove)
			if res := h.browserLogin(t, "dev", func(page string, _ *exec.Cmd) { follow(t, page) }); res.code != 0 {
				t.Fatalf("first login: %s", res.stderr)
			}
			before, err := os.ReadFile(h.cacheFile(sessionTokenFile))
			if err != nil {
				t.Fatal(err)
			}
			h.srv.ScriptAuthorize(tt.authorize)
			res := h.browserLogin(t, "dev", func(page string, cmd *exec.Cmd) { tt.browse(t, page, cmd) })
			if res.code != tt.wantCode || tt.wantErr != "" && res.stderr != tt.wantErr {
				t.Errorf("exit %d, stderr %q; want %d, %q", res.code, res.stderr, tt.wantCode, tt.wantErr)
			}
			if after, _ := os.ReadFile(h.cacheFile(sessionTokenFile)); !bytes.Equal(after, before) {
				t.Error("a failed browser sign-in changed the earlier token")
			}
		})
	}
}
