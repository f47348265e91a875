package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/skip2/go-qrcode"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/signin"
)

func runLogin(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	noBrowser := fs.Bool("no-browser", false, "print the URL instead of opening a browser")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	name, err := oneName("login", positional)
	if err != nil {
		return err
	}
	attempt, in, err := env.Manager.StartSignIn(ctx, name)
	if err != nil {
		return err
	}
	defer attempt.Cancel()
	// A loopback verification page is trusted only when the sign-in itself
	// runs against a local Identity Center (the demo's, a test's).
	trust := func(o *flow.VerifyOptions) { o.AllowLoopback = flow.EndpointIsLoopback(os.Getenv) }
	fmt.Fprintf(env.Stdout, "Signing in to %s (%s, %s)\n", in.Name, in.StartURL, in.Region)
	var (
		shownCode    bool
		shownTrouble string
	)
	for st := range attempt.Subscribe() {
		switch st.Phase {
		case flow.AwaitingUser:
			// States coalesce for a slow reader (the latest wins), so the
			// first one seen may already count polls.
			if !shownCode {
				shownCode = true
				if flow.TrustedVerificationURL(st.VerificationURIComplete, trust) {
					showCode(env, st, *noBrowser)
				} else {
					warnUntrusted(env, st)
				}
			}
			if st.Trouble != nil && st.Trouble.Error() != shownTrouble {
				shownTrouble = st.Trouble.Error()
				fmt.Fprintf(env.Stderr, "Still waiting; %s\n", shownTrouble)
			}
		case flow.SignedIn:
			fmt.Fprintf(env.Stdout, "%s: signed in until %s\n", in.Name, signin.FormatClock(st.TokenExpiresAt, time.Now()))
		}
	}
	if _, err := attempt.Wait(); err != nil {
		if ctx.Err() != nil {
			return context.Canceled
		}
		return fmt.Errorf("sign-in to %s failed: %w", in.Name, err)
	}
	return nil
}

func showCode(env Env, st flow.State, noBrowser bool) {
	w := env.Stdout
	fmt.Fprintf(w, "\nOpen this page:\n    %s\nand check that it shows this code:\n\n    %s\n\n", st.VerificationURIComplete, st.UserCode)
	printQR(w, st.VerificationURIComplete)
	if !noBrowser && env.OpenBrowser != nil {
		if err := env.OpenBrowser(st.VerificationURIComplete); err != nil {
			fmt.Fprintf(env.Stderr, "Could not open a browser (%v); open the page above yourself.\n", err)
		} else {
			fmt.Fprintln(w, "Opened your browser.")
		}
	}
	fmt.Fprintf(w, "Waiting for approval; the code expires at %s.\n", signin.FormatClock(st.CodeExpiresAt, time.Now()))
}

// warnUntrusted shows the code of a sign-in whose verification page is not
// on a host IAM Identity Center uses (flow.TrustedVerificationURL): the page
// is printed, with a warning, and neither drawn as a QR code nor opened in
// the browser, whatever --no-browser says.
func warnUntrusted(env Env, st flow.State) {
	w := env.Stdout
	fmt.Fprintf(w, "\nWARNING: the sign-in endpoint sent this page for the code:\n    %s\n", st.VerificationURIComplete)
	fmt.Fprintln(w, "It is not an AWS sign-in page and may be phishing: do not approve the code there unless you are sure the page is genuine.")
	fmt.Fprintln(w, "ssotray has not opened it in your browser and shows no QR code.")
	fmt.Fprintf(w, "\nThe code is:\n\n    %s\n\n", st.UserCode)
	fmt.Fprintf(w, "Waiting for approval; the code expires at %s.\n", signin.FormatClock(st.CodeExpiresAt, time.Now()))
}

// printQR draws the URL as a QR code with half-block characters, light
// modules as blocks so it scans on a dark terminal.
func printQR(w io.Writer, url string) {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return
	}
	fmt.Fprintln(w, "Or scan it with your phone:")
	fmt.Fprint(w, q.ToSmallString(false))
}
