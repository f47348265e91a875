package cli

import (
	"context"
	"errors"
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
	useDeviceCode := fs.Bool("use-device-code", false, "sign in with a code to confirm, on this machine or another, instead of in a browser here")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	name, err := oneName("login", positional)
	if err != nil {
		return err
	}
	how := loginMethod(*useDeviceCode, *noBrowser)
	attempt, in, err := env.Manager.StartSignIn(ctx, name, how)
	if err != nil {
		return err
	}
	defer attempt.Cancel()
	// A loopback verification page is trusted only when the sign-in itself
	// runs against a local Identity Center (the demo's, a test's).
	trust := func(o *flow.VerifyOptions) { o.AllowLoopback = flow.EndpointIsLoopback(os.Getenv) }
	fmt.Fprintf(env.Stdout, "Signing in to %s (%s, %s)\n", in.Name, in.StartURL, in.Region)
	if how == flow.DeviceCode && !*useDeviceCode && flow.DefaultMethod(signin.Target(in)) == flow.AuthCode {
		fmt.Fprintln(env.Stderr, textNoDisplay)
	}
	var (
		shownCode    bool
		shownTrouble string
	)
	for st := range attempt.Subscribe() {
		switch st.Phase {
		case flow.AwaitingUser:
			// States coalesce for a slow reader (the latest wins), so the
			// first one seen may already count polls.
			switch {
			case shownCode:
			case st.Method == flow.AuthCode:
				showAuthorize(env, st, *noBrowser)
			case flow.TrustedVerificationURL(st.VerificationURIComplete, trust):
				showCode(env, st, *noBrowser)
			default:
				warnUntrusted(env, st)
			}
			shownCode = true
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
		if errors.Is(err, signin.ErrTokenUnsaved) {
			// Signed in, but another program holds the token file (Windows).
			return awaitSave(ctx, env, in.Name, err)
		}
		if errors.Is(err, flow.ErrCallbackTimeout) {
			return fmt.Errorf("sign-in to %s failed: %w; if your browser is on another device, use: ssotray login %s --use-device-code", in.Name, err, in.Name)
		}
		return fmt.Errorf("sign-in to %s failed: %w", in.Name, err)
	}
	return nil
}

// loginMethod picks how `login` signs in: the device code when asked for,
// else the AWS CLI's choice (a browser on this machine for [sso-session]
// sign-ins), except where no browser can open here and none was promised
// (--no-browser): then the device code is the only way, which login says
// (textNoDisplay) when the browser would have been the CLI's choice.
func loginMethod(useDeviceCode, noBrowser bool) flow.Method {
	if useDeviceCode || !noBrowser && !HasDisplay() {
		return flow.DeviceCode
	}
	return flow.Auto
}

// textNoDisplay says why an sso-session signs in with a code.
const textNoDisplay = "No display here, so no browser can open on this machine: signing in with a code you can confirm on any device. (Over SSH with a browser on this machine, use --no-browser to sign in there instead.)"

// showAuthorize prints or opens the page of a browser sign-in. The page
// comes back to a listener on this machine's 127.0.0.1, so it must be
// opened in a browser here.
func showAuthorize(env Env, st flow.State, noBrowser bool) {
	w := env.Stdout
	opened := false
	if !noBrowser && env.OpenBrowser != nil {
		if err := env.OpenBrowser(st.AuthorizeURL); err != nil {
			fmt.Fprintf(env.Stderr, "Could not open a browser (%v).\n", err)
		} else {
			opened = true
			fmt.Fprintln(w, "Continue in your browser. If no page opened, open this one:")
		}
	}
	if !opened {
		fmt.Fprintln(w, "Open this page in a browser on this machine:")
	}
	fmt.Fprintf(w, "\n    %s\n\n", st.AuthorizeURL)
	if os.Getenv("SSH_CONNECTION") != "" {
		fmt.Fprintln(w, "This is an SSH session: the page returns to 127.0.0.1 on this machine, so a browser elsewhere cannot finish it. Use --use-device-code for a code you can confirm anywhere.")
	}
	fmt.Fprintf(w, "Waiting for the browser until %s.\n", signin.FormatClock(st.CodeExpiresAt, time.Now()))
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
