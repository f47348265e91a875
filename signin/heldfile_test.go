package signin_test

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/internal/atomicfile"
	"github.com/ssotray/ssotray/internal/filetest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// Another program (here a second process that opens the token file as
// Python's open() and Go's os.Open do) holds the token file during a
// refresh and during a sign-out. On Windows that forbids replacing or
// removing the file; on Unix it changes nothing. Either way the refreshed
// token, which Identity Center has already rotated, is never lost, and a
// signed-out session never shows as signed in.
func TestRefreshAndSignOutWhileAnotherProgramHoldsTheTokenFile(t *testing.T) {
	srv := idctest.NewServer()
	defer srv.Close()
	paths, cacheFile, _ := sdkHome(t, srv)
	m := signin.New(paths, func(o *signin.Options) { o.Settings = settingsFile(paths) })
	ctx := context.Background()

	release := filetest.Hold(t, cacheFile)
	tok, err := m.Refresh(ctx, "corp")
	if runtime.GOOS == "windows" {
		if !errors.Is(err, signin.ErrTokenUnsaved) || !strings.Contains(err.Error(), cacheFile) {
			t.Fatalf("refresh while held = %v; want ErrTokenUnsaved naming the file", err)
		}
		if !m.HasUnsaved("corp") || !srv.RefreshTokenValid(tok.RefreshToken) {
			t.Fatal("the rotated refresh token was not kept")
		}
		// The next refresh uses the kept token, not the file's rotated-away one.
		again, err := m.Refresh(ctx, "corp")
		if !errors.Is(err, signin.ErrTokenUnsaved) || !srv.RefreshTokenValid(again.RefreshToken) {
			t.Fatalf("second refresh while held = %v", err)
		}
		tok = again
	} else if err != nil {
		t.Fatalf("refresh while a reader has the file open: %v", err)
	}
	release()
	if err := m.SaveUnsaved("corp"); err != nil {
		t.Fatalf("save once released: %v", err)
	}
	if m.HasUnsaved("corp") {
		t.Error("a token is still kept after it was written")
	}
	onDisk, err := storage.NewTokenCache(paths.CacheDir()).Load("corp")
	if err != nil || onDisk.RefreshToken != tok.RefreshToken || !srv.RefreshTokenValid(onDisk.RefreshToken) {
		t.Fatalf("file after release: %v; want the live refresh token", err)
	}

	filetest.Hold(t, cacheFile)
	removed, warning, err := m.SignOut(ctx, "corp")
	if err != nil || warning != nil || !removed {
		t.Fatalf("sign-out while held = %v, %v, %v", removed, warning, err)
	}
	if srv.AccessTokenValid(tok.AccessToken) {
		t.Error("the session was not ended at Identity Center")
	}
	st, err := m.Status("corp")
	if err != nil || st.State != signin.SignedOut {
		t.Errorf("status after sign-out while held = %v, %v; want signed out", st.State, err)
	}
	if data, err := os.ReadFile(cacheFile); err == nil && len(data) != 0 {
		t.Errorf("the token file still holds %d bytes", len(data))
	}
	if _, err := m.Refresh(ctx, "corp"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("refresh after sign-out = %v, want ErrNotFound", err)
	}
}

// A holder that forbids writing too (Windows): the token file can be
// neither removed nor emptied, so SignOut fails and changes nothing, not
// even at Identity Center: the session shown as signed in still is. On
// Unix nothing holds a file, and the sign-out happens.
func TestSignOutWhenTheTokenFileCannotBeTouched(t *testing.T) {
	srv := idctest.NewServer()
	defer srv.Close()
	paths, cacheFile, issued := sdkHome(t, srv)
	m := signin.New(paths, func(o *signin.Options) { o.Settings = settingsFile(paths) })

	filetest.HoldDenyingWrites(t, cacheFile)
	_, _, err := m.SignOut(context.Background(), "corp")
	st, _ := m.Status("corp")
	if runtime.GOOS != "windows" {
		if err != nil || st.State != signin.SignedOut || srv.AccessTokenValid(issued.AccessToken) {
			t.Errorf("sign-out = %v, state %v", err, st.State)
		}
		return
	}
	if !errors.Is(err, atomicfile.ErrHeld) {
		t.Fatalf("sign-out of an untouchable file = %v, want ErrHeld", err)
	}
	t.Logf("sign-out: %v", err)
	if st.State != signin.SignedIn || !srv.AccessTokenValid(issued.AccessToken) {
		t.Errorf("state %v, session valid at Identity Center %t; want both still signed in", st.State, srv.AccessTokenValid(issued.AccessToken))
	}
}
