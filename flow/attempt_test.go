package flow_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
)

func TestAttemptPublishesToSubscribers(t *testing.T) {
	release := make(chan struct{})
	api := pendingOnce(func(_ context.Context, n int) {
		if n == 1 {
			<-release
		}
	})
	f := flow.New(api, flowtest.NewStore(), func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	a := f.Start(context.Background(), corp, flow.DeviceCode)
	states := a.Subscribe()
	// Wait until the code is shown, as a window would.
	for s := range states {
		if s.Phase == flow.AwaitingUser {
			if s.UserCode != "ABCD-EFGH" {
				t.Errorf("user code %q", s.UserCode)
			}
			break
		}
	}
	close(release)
	var last flow.State
	for s := range states { // closed after the final state
		last = s
	}
	if last.Phase != flow.SignedIn {
		t.Errorf("last state %v, want signed-in", last.Phase)
	}
	if _, err := a.Wait(); err != nil {
		t.Fatal(err)
	}
	// A late subscriber gets the final state and a closed channel.
	late := a.Subscribe()
	if s := <-late; s.Phase != flow.SignedIn {
		t.Errorf("late subscriber got %v", s.Phase)
	}
	if _, open := <-late; open {
		t.Error("late subscriber's channel not closed")
	}
}

func TestAttemptCancel(t *testing.T) {
	started := make(chan struct{})
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		BeforeToken: func(ctx context.Context, n int) {
			close(started)
			<-ctx.Done() // a request in flight when the person closes the window
		},
	}
	f := flow.New(api, flowtest.NewStore(), func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	a := f.Start(context.Background(), corp, flow.DeviceCode)
	<-started
	a.Cancel()
	if _, err := a.Wait(); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if s := a.State(); s.Phase != flow.Cancelled {
		t.Errorf("phase %v, want cancelled", s.Phase)
	}
}

func TestPhaseNames(t *testing.T) {
	for p, want := range map[flow.Phase]string{flow.Idle: "idle", flow.AwaitingUser: "awaiting-user", flow.Cancelled: "cancelled", flow.Phase(42): "unknown"} {
		if got := p.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(p), got, want)
		}
	}
}
