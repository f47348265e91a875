package demo

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"

	"github.com/ssotray/ssotray/flow/idctest"
)

// Serve runs only the local Identity Center and its throw-away home, for
// trying other AWS tools on it (`ssotray demo --server-only [ADDR]`). It
// writes the shell lines that point a terminal at it to w, and stops when
// ctx ends.
func Serve(ctx context.Context, addr string, w io.Writer) error {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	d, err := Start(addr, AutoApproveFromEnv)
	if err != nil {
		return err
	}
	defer d.Close()
	fmt.Fprintf(w, "Local Identity Center at %s\nexport HOME=%s\n", d.Server.URL, d.Home)
	env := d.Env()
	for _, k := range slices.Sorted(maps.Keys(env)) {
		fmt.Fprintf(w, "export %s=%s\n", k, env[k])
	}
	<-ctx.Done()
	return nil
}

// AutoApproveFromEnv lets an unattended run (the GUI end-to-end test) have
// the demo's codes approved after SSOTRAY_DEMO_AUTO_APPROVE pending polls
// (which also makes the browser sign-in's page come back at once), and
// script the browser sign-in's page with SSOTRAY_DEMO_AUTHORIZE: ask (the
// default), deny, wrong-state or never.
func AutoApproveFromEnv(o *idctest.Options) {
	if n, err := strconv.Atoi(os.Getenv("SSOTRAY_DEMO_AUTO_APPROVE")); err == nil && n >= 0 {
		o.AutoApprove = n
	}
	if b, err := idctest.ParseAuthorizeBehaviour(os.Getenv("SSOTRAY_DEMO_AUTHORIZE")); err == nil {
		o.Authorize = b
	}
}
