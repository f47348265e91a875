package desktop_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/ssotray/ssotray/desktop"
)

// A launch either becomes the one ssotray of this user or hands its
// request over and exits.
func ExampleClaim() {
	inst, ok, err := desktop.Claim(desktop.DefaultID, desktop.Message{Cmd: desktop.CmdShow})
	if err != nil {
		// No single-instance guard; carry on as the only one.
		log.Print(err)
	}
	if err == nil && !ok {
		os.Exit(0) // the running ssotray shows its window
	}
	defer inst.Close()
	go func() {
		for m := range inst.Messages() {
			fmt.Println("asked to", m.Cmd) // in the app: fyne.Do(…)
		}
	}()
}

// The "Start at login" checkbox.
func ExampleAutostart() {
	var a desktop.Autostart // this binary, ID io.github.ssotray
	on, err := a.Enabled()
	if err != nil {
		log.Print(err)
	}
	fmt.Printf("start at login: %v (%s)\n", on, a.Location())
	if !on {
		if err := a.Enable(); err != nil {
			log.Print(err)
		}
	}
}

// Without a tray host the main window opens instead.
func ExampleTrayHostAvailable() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if !desktop.TrayHostAvailable(ctx) {
		fmt.Println("no tray: showing the main window")
	}
}
