package flow

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// A proxy or gateway that cannot reach AWS answers with its own HTML page.
// Through the real SDK client, the message says so, with the status,
// instead of calling it an answer that could not be understood.
func TestDescribeProxyErrorPage(t *testing.T) {
	for _, status := range []int{http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusProxyAuthRequired} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(status)
				w.Write([]byte("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n"))
			}))
			defer srv.Close()
			api := ssooidc.New(ssooidc.Options{
				Region: "eu-west-1", BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{},
				RetryMaxAttempts: 1,
			})
			_, err := api.RegisterClient(context.Background(), &ssooidc.RegisterClientInput{ClientName: aws.String("ssotray"), ClientType: aws.String("public")})
			if err == nil {
				t.Fatal("no error")
			}
			got := apiError("register client", err).Error()
			want := "register client: HTTP " + strconv.Itoa(status) + " from something between you and AWS (a proxy or gateway), not from AWS"
			if got != want {
				t.Errorf("message:\n got %q\nwant %q", got, want)
			}
			if strings.Contains(got, "understood") || strings.Contains(got, "<") {
				t.Errorf("message %q", got)
			}
		})
	}
}
