package desktop

import "testing"

// The command splits back into the program and the link, even for a
// program under a folder with spaces.
func TestURLSchemeCommand(t *testing.T) {
	got := urlSchemeCommand(`C:\Program Files\ssotray\ssotray-app.exe`)
	if want := `"C:\Program Files\ssotray\ssotray-app.exe" "%1"`; got != want {
		t.Fatalf("command = %s, want %s", got, want)
	}
	if prog := runCommandProgram(got); prog != `C:\Program Files\ssotray\ssotray-app.exe` {
		t.Errorf("program = %q", prog)
	}
}
