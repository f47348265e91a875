//go:build unix

package e2e

import (
	"bufio"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkBrowserLogin times `ssotray login` as a browser sign-in (PKCE)
// against the local Identity Center, whose /authorize page redirects at
// once: from start to the browser being asked to open the page (a stand-in
// xdg-open writes the page to a named pipe), and from the browser's return
// (the callback request) to the page that says "Signed in", which ssotray
// sends once the token file is written. The device code's figures are
// BenchmarkLogin's.
func BenchmarkBrowserLogin(b *testing.B) {
	h := newHome(b, sessionConfig, autoApprove)
	bin := b.TempDir()
	fifo := filepath.Join(bin, "opened")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		b.Fatal(err)
	}
	xdgOpen := "#!/bin/sh\nprintf '%s\\n' \"$1\" >" + fifo + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(xdgOpen), 0o755); err != nil {
		b.Fatal(err)
	}
	pipe, err := os.OpenFile(fifo, os.O_RDWR, 0) // read-write: never sees EOF between writers
	if err != nil {
		b.Fatal(err)
	}
	defer pipe.Close()
	opened := bufio.NewReader(pipe)
	// The browser: it follows /authorize's redirect and notes when it
	// comes back to ssotray.
	var backAt time.Time
	browser := &http.Client{CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if r.URL.Hostname() == "127.0.0.1" && r.URL.Path == "/oauth/callback" {
			backAt = time.Now()
		}
		return nil
	}}
	var toBrowser, callbackToPage, callbackToExit time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		cmd := exec.Command(binary, "login", "dev")
		cmd.Env = h.env("PATH="+bin+":"+os.Getenv("PATH"), "DISPLAY=:bench")
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		page, err := opened.ReadString('\n')
		if err != nil {
			b.Fatal(err)
		}
		toBrowser += time.Since(start)
		resp, err := browser.Get(strings.TrimSpace(page))
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		pageAt := time.Now()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("the browser landed on HTTP %d", resp.StatusCode)
		}
		if err := cmd.Wait(); err != nil {
			b.Fatal(err)
		}
		callbackToPage += pageAt.Sub(backAt)
		callbackToExit += time.Since(backAt)
		if fi, err := os.Stat(h.cacheFile(sessionTokenFile)); err != nil || fi.ModTime().After(pageAt) {
			b.Fatalf("the token file was not written before the page: %v", err)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(toBrowser.Microseconds())/1000/n, "ms-to-browser")
	b.ReportMetric(float64(callbackToPage.Microseconds())/1000/n, "ms-callback-to-token-written")
	b.ReportMetric(float64(callbackToExit.Microseconds())/1000/n, "ms-callback-to-exit")
	b.ReportMetric(float64(h.registrations()), "registrations")
}
