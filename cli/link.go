package cli

import (
	"flag"
	"fmt"

	"github.com/skip2/go-qrcode"

	"github.com/ssotray/ssotray/addlink"
	"github.com/ssotray/ssotray/storage"
)

// runLink prints the ssotray://add link for a sign-in, and a QR code of
// it, for a helpdesk's page or chat. It checks the values as the wizard
// will, so a mistake shows here rather than on the person's screen.
func runLink(env Env, args []string) error {
	var r addlink.Request
	fs := flag.NewFlagSet("link", flag.ContinueOnError)
	fs.StringVar(&r.Name, "name", "", "the name the wizard suggests, e.g. corp")
	fs.StringVar(&r.StartURL, "start-url", "", "the AWS access portal URL")
	fs.StringVar(&r.Region, "region", "", "the IAM Identity Center Region")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usageError{fmt.Sprintf("link takes only flags; unexpected %q", positional[0])}
	}
	if r.Name == "" || r.StartURL == "" {
		return usageError{"link needs --name and --start-url (and --region unless the URL names one)"}
	}
	link, err := addlink.Build(r)
	if err != nil {
		return err
	}
	if su, _ := storage.ValidateStartURL(r.StartURL); r.Region == "" && su.Region == "" {
		// A link may leave the Region out, but then the person has to
		// know it: the helpdesk's link should carry it.
		return usageError{"this start URL does not say its Region; add --region (for example --region us-east-1)"}
	}
	fmt.Fprintln(env.Stdout, link)
	printLinkQR(env, link)
	return nil
}

// runOpenLink answers an ssotray:// link given to the command line where
// no window can open: what it would have shown, and the command that does
// the same in a terminal.
func runOpenLink(link string) error {
	r, err := addlink.Parse(link)
	if err != nil {
		return fmt.Errorf("this link cannot be used: %w", err)
	}
	cmd := "ssotray add --name NAME --start-url " + r.StartURL
	if r.Name != "" {
		cmd = "ssotray add --name " + r.Name + " --start-url " + r.StartURL
	}
	if r.Region != "" {
		cmd += " --region " + r.Region
	}
	return fmt.Errorf("an ssotray:// link opens the add-a-sign-in window, which needs a display; to add this sign-in from a terminal: %s --headless", cmd)
}

// printLinkQR prints a QR code of link, for a person to scan from the
// helpdesk's screen.
func printLinkQR(env Env, link string) {
	q, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		return
	}
	fmt.Fprintln(env.Stdout, "As a QR code (light modules drawn, for a dark terminal):")
	fmt.Fprint(env.Stdout, q.ToSmallString(false))
}
