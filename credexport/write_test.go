package credexport_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/credexport"
)

// helperEnv makes the test binary print testCreds in the process format and
// exit, so real readers can run it as a credential_process.
const helperEnv = "SSOTRAY_CREDEXPORT_TEST_PROCESS"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		if err := credexport.Write(os.Stdout, testCreds, "process"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// testCreds look like real role credentials: base64 secrets with "/", "+"
// and "=", and an expiry with milliseconds, as GetRoleCredentials gives.
var testCreds = accounts.Credentials{
	AccessKeyID:     "ASIAQ3EGZ7EXAMPLE2TQ",
	SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
	SessionToken:    "IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQD/abc+def==",
	Expiration:      time.Date(2099, 1, 2, 3, 4, 5, 678e6, time.UTC),
}

func TestWriteFormats(t *testing.T) {
	const (
		id  = "ASIAQ3EGZ7EXAMPLE2TQ"
		sk  = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
		tok = "IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQD/abc+def=="
		exp = "2099-01-02T03:04:05+00:00"
	)
	tests := []struct {
		format string
		want   string
	}{
		{"", "export AWS_ACCESS_KEY_ID=" + id + "\nexport AWS_SECRET_ACCESS_KEY=" + sk + "\nexport AWS_SESSION_TOKEN=" + tok + "\nexport AWS_CREDENTIAL_EXPIRATION=" + exp + "\n"},
		{"env", "export AWS_ACCESS_KEY_ID=" + id + "\nexport AWS_SECRET_ACCESS_KEY=" + sk + "\nexport AWS_SESSION_TOKEN=" + tok + "\nexport AWS_CREDENTIAL_EXPIRATION=" + exp + "\n"},
		{"env-no-export", "AWS_ACCESS_KEY_ID=" + id + "\nAWS_SECRET_ACCESS_KEY=" + sk + "\nAWS_SESSION_TOKEN=" + tok + "\nAWS_CREDENTIAL_EXPIRATION=" + exp + "\n"},
		{"powershell", `$Env:AWS_ACCESS_KEY_ID="` + id + "\"\n" + `$Env:AWS_SECRET_ACCESS_KEY="` + sk + "\"\n" + `$Env:AWS_SESSION_TOKEN="` + tok + "\"\n" + `$Env:AWS_CREDENTIAL_EXPIRATION="` + exp + "\"\n"},
		{"windows-cmd", "set AWS_ACCESS_KEY_ID=" + id + "\nset AWS_SECRET_ACCESS_KEY=" + sk + "\nset AWS_SESSION_TOKEN=" + tok + "\nset AWS_CREDENTIAL_EXPIRATION=" + exp + "\n"},
		// The CLI's FishShellFormatter template, 'set -gx {var_name} "{var_value}"'.
		{"fish", `set -gx AWS_ACCESS_KEY_ID "` + id + "\"\n" + `set -gx AWS_SECRET_ACCESS_KEY "` + sk + "\"\n" + `set -gx AWS_SESSION_TOKEN "` + tok + "\"\n" + `set -gx AWS_CREDENTIAL_EXPIRATION "` + exp + "\"\n"},
		{"process", "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"" + id + "\",\n  \"SecretAccessKey\": \"" + sk + "\",\n  \"SessionToken\": \"" + tok + "\",\n  \"Expiration\": \"" + exp + "\"\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := credexport.Write(&b, testCreds, tt.format); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("Write(%q) =\n%q\nwant\n%q", tt.format, b.String(), tt.want)
			}
		})
	}
}

// TestWriteMatchesCLI compares with bytes that AWS CLI 2.9.19 printed for
// `aws configure export-credentials --format F` with static credentials in
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (so no
// expiry). That CLI predates the fish format.
func TestWriteMatchesCLI(t *testing.T) {
	c := accounts.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret/with+slash=", SessionToken: "tok"}
	observed := map[string]string{
		"env":           "export AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=secret/with+slash=\nexport AWS_SESSION_TOKEN=tok\n",
		"env-no-export": "AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nAWS_SECRET_ACCESS_KEY=secret/with+slash=\nAWS_SESSION_TOKEN=tok\n",
		"powershell":    "$Env:AWS_ACCESS_KEY_ID=\"AKIDEXAMPLE\"\n$Env:AWS_SECRET_ACCESS_KEY=\"secret/with+slash=\"\n$Env:AWS_SESSION_TOKEN=\"tok\"\n",
		"windows-cmd":   "set AWS_ACCESS_KEY_ID=AKIDEXAMPLE\nset AWS_SECRET_ACCESS_KEY=secret/with+slash=\nset AWS_SESSION_TOKEN=tok\n",
		"process":       "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"AKIDEXAMPLE\",\n  \"SecretAccessKey\": \"secret/with+slash=\",\n  \"SessionToken\": \"tok\"\n}\n",
	}
	for _, f := range []string{"env", "env-no-export", "powershell", "windows-cmd", "process"} {
		var b bytes.Buffer
		if err := credexport.Write(&b, c, f); err != nil {
			t.Fatal(err)
		}
		if b.String() != observed[f] {
			t.Errorf("%s =\n%q\nthe CLI printed\n%q", f, b.String(), observed[f])
		}
	}
}

func TestWriteOmitsAbsentFields(t *testing.T) {
	long := accounts.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "sk"}
	var b bytes.Buffer
	if err := credexport.Write(&b, long, "process"); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"AKIDEXAMPLE\",\n  \"SecretAccessKey\": \"sk\"\n}\n"; b.String() != want {
		t.Errorf("process = %q, want %q", b.String(), want)
	}
	b.Reset()
	if err := credexport.Write(&b, long, "fish"); err != nil {
		t.Fatal(err)
	}
	if want := "set -gx AWS_ACCESS_KEY_ID \"AKIDEXAMPLE\"\nset -gx AWS_SECRET_ACCESS_KEY \"sk\"\n"; b.String() != want {
		t.Errorf("fish = %q, want %q", b.String(), want)
	}
}

func TestWriteExpirationInUTC(t *testing.T) {
	zone := time.FixedZone("UTC+2", 2*3600)
	c := testCreds
	c.Expiration = time.Date(2030, 6, 1, 14, 0, 0, 999e6, zone)
	var b bytes.Buffer
	if err := credexport.Write(&b, c, "env-no-export"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\nAWS_CREDENTIAL_EXPIRATION=2030-06-01T12:00:00+00:00\n") {
		t.Errorf("expiry line in %q, want 2030-06-01T12:00:00+00:00", b.String())
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	var b bytes.Buffer
	err := credexport.Write(&b, testCreds, "yaml")
	if err == nil {
		t.Fatal("Write(yaml) succeeded")
	}
	want := `unknown credentials format "yaml": use one of env, env-no-export, powershell, windows-cmd, fish, process`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q for an unknown format", b.String())
	}
	if strings.Contains(err.Error(), testCreds.SecretAccessKey) {
		t.Error("the error holds the secret")
	}
}
