//go:build linux || freebsd || netbsd || openbsd || dragonfly

package desktop

import (
	"context"
	"os"
	"strings"

	"github.com/godbus/dbus/v5"
)

// watcherName is the bus name of the StatusNotifier watcher, the registry
// that tray hosts run and tray icons register with.
const watcherName = "org.kde.StatusNotifierWatcher"

func trayHostAvailable(ctx context.Context) bool {
	// An empty address would make godbus look for a bus elsewhere and then
	// run dbus-launch, which starts a bus no panel is on.
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" || strings.HasPrefix(addr, "autolaunch:") {
		return false
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // closes the connection if the query is still running
	answer := make(chan bool, 1)
	go func() { answer <- nameHasOwner(ctx, watcherName) }()
	select {
	case ok := <-answer:
		return ok
	case <-ctx.Done():
		return false
	}
}

// nameHasOwner asks the session bus whether name has an owner. The
// connection is tied to ctx, so ending ctx interrupts authentication and the
// call as well.
func nameHasOwner(ctx context.Context, name string) bool {
	conn, err := dbus.ConnectSessionBus(dbus.WithContext(ctx))
	if err != nil {
		return false
	}
	defer conn.Close()
	var has bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has)
	return err == nil && has
}
