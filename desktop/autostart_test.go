package desktop

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenAutostart has every awkward character the quoting must survive.
var goldenAutostart = Autostart{
	ID:      "io.github.ssotray",
	Name:    "ssotray",
	Exec:    "/opt/My Apps/100% ssotray/ssotray",
	Args:    []string{"--autostart", `--note=it's "quoted" & <tagged>`},
	Comment: "Sign in to AWS IAM Identity Center from the system tray",
}

func TestDesktopEntryGolden(t *testing.T) {
	checkGolden(t, "io.github.ssotray.desktop", desktopEntry(goldenAutostart))
}

func TestLaunchAgentPlistGolden(t *testing.T) {
	checkGolden(t, "io.github.ssotray.plist", launchAgentPlist(goldenAutostart))
}

func TestExecLine(t *testing.T) {
	tests := []struct {
		name string
		argv []string
		want string
	}{
		{"plain", []string{"/usr/bin/ssotray"}, `/usr/bin/ssotray`},
		{"space", []string{"/opt/My Apps/ssotray"}, `"/opt/My Apps/ssotray"`},
		{"percent alone is not reserved", []string{"/opt/100%/ssotray"}, `/opt/100%%/ssotray`},
		{"space and percent", []string{"/opt/100% sure/ssotray"}, `"/opt/100%% sure/ssotray"`},
		{"field code lookalike", []string{"/bin/a", "%f"}, `/bin/a %%f`},
		{"empty argument", []string{"/bin/a", ""}, `/bin/a ""`},
		{"quote, dollar and backtick", []string{"/bin/a", "x\"$`y"}, `/bin/a "x\\"\\$\\` + "`" + `y"`},
		// One literal backslash takes four, as the spec says.
		{"backslash", []string{`/bin/a\b`}, `"/bin/a\\\\b"`},
		{"newline and tab", []string{"/bin/a", "x\ny\tz"}, `/bin/a "x\ny\tz"`},
		{"reserved characters", []string{"/bin/a", "a'b", "a>b", "a~b", "a|b", "a;b", "a*b", "a#b", "a(b)"},
			`/bin/a "a'b" "a>b" "a~b" "a|b" "a;b" "a*b" "a#b" "a(b)"`},
		{"equals and unicode stay bare", []string{"/bin/a", "--x=ü"}, `/bin/a --x=ü`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := execLine(tt.argv)
			if got != tt.want {
				t.Errorf("execLine(%q)\n got %s\nwant %s", tt.argv, got, tt.want)
			}
			if strings.ContainsAny(got, "\n\r") {
				t.Errorf("execLine(%q) = %q spans lines", tt.argv, got)
			}
			if diff := cmp.Diff(tt.argv, parseExec(got)); diff != "" {
				t.Errorf("parseExec(execLine(%q)) mismatch (-want +got):\n%s", tt.argv, diff)
			}
		})
	}
}

func TestParseExecOthers(t *testing.T) {
	// Lines written by other tools, not by execLine.
	tests := []struct {
		value string
		want  []string
	}{
		{`ssotray %U`, []string{"ssotray", "%U"}},
		{`  /usr/bin/ssotray   --x  `, []string{"/usr/bin/ssotray", "--x"}},
		// String escapes come first, so \s separates like a space.
		{`/usr/bin/my\sapp`, []string{"/usr/bin/my", "app"}},
		{`"/opt/a b/c"d`, []string{"/opt/a b/cd"}},
		{``, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, parseExec(tt.value)); diff != "" {
			t.Errorf("parseExec(%q) mismatch (-want +got):\n%s", tt.value, diff)
		}
	}
}

func TestParseDesktopEntry(t *testing.T) {
	data := []byte("# comment\n[Desktop Entry]\nName=a\nName[de]=b\nExec = /bin/x \nHidden=true\nName=later\n" +
		"[Desktop Action new]\nExec=/bin/other\n")
	want := map[string]string{"Name": "a", "Exec": "/bin/x", "Hidden": "true"}
	if diff := cmp.Diff(want, parseDesktopEntry(data)); diff != "" {
		t.Errorf("parseDesktopEntry mismatch (-want +got):\n%s", diff)
	}
}

func TestParseLaunchAgent(t *testing.T) {
	args, disabled, err := parseLaunchAgent(launchAgentPlist(goldenAutostart))
	if err != nil {
		t.Fatal(err)
	}
	want := append([]string{goldenAutostart.Exec}, goldenAutostart.Args...)
	if diff := cmp.Diff(want, args); diff != "" {
		t.Errorf("ProgramArguments mismatch (-want +got):\n%s", diff)
	}
	if disabled {
		t.Error("disabled = true for a plist without Disabled")
	}

	disabledPlist := `<?xml version="1.0"?><plist version="1.0"><dict>
<key>Nested</key><dict><key>ProgramArguments</key><array><string>/not/this</string></array></dict>
<key>Disabled</key><true/>
<key>ProgramArguments</key><array><string>/bin/x</string><string>y</string></array>
</dict></plist>`
	args, disabled, err = parseLaunchAgent([]byte(disabledPlist))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/bin/x", "y"}, args); diff != "" || !disabled {
		t.Errorf("got %q, disabled %v; want [/bin/x y], disabled true", args, disabled)
	}

	for _, bad := range []string{"bplist00\x00\x01", "<plist></plist>", "<plist><dict><key>a</key>"} {
		if _, _, err := parseLaunchAgent([]byte(bad)); err == nil {
			t.Errorf("parseLaunchAgent(%q) succeeded", bad)
		}
	}
}

func TestLaunchAgentFiles(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	a := Autostart{ID: DefaultID, Name: DefaultName, Exec: fakeExecutable(t, "ssotray")}
	path := filepath.Join(home, "Library", "LaunchAgents", "io.github.ssotray.plist")
	if got, _ := a.launchAgentLocation(); got != path {
		t.Errorf("location = %s, want %s", got, path)
	}
	assertEnabled(t, a.launchAgentEnabled, false)
	if err := a.launchAgentEnable(); err != nil {
		t.Fatal(err)
	}
	assertEnabled(t, a.launchAgentEnabled, true)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(launchAgentPlist(a)), string(data)); diff != "" {
		t.Errorf("file mismatch (-want +got):\n%s", diff)
	}

	other := a
	other.Exec = fakeExecutable(t, "other")
	assertEnabled(t, other.launchAgentEnabled, false)

	if err := os.WriteFile(path, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := a.launchAgentEnabled(); err == nil {
		t.Error("Enabled on a garbled plist: no error")
	}
	for range 2 {
		if err := a.launchAgentDisable(); err != nil {
			t.Fatal(err)
		}
	}
	assertEnabled(t, a.launchAgentEnabled, false)
}

func TestRunCommand(t *testing.T) {
	tests := []struct {
		name string
		a    Autostart
		want string
	}{
		{"plain", Autostart{Exec: `C:\ssotray.exe`}, `"C:\ssotray.exe"`},
		{"spaces", Autostart{Exec: `C:\Program Files\ssotray\ssotray.exe`, Args: []string{"--autostart"}},
			`"C:\Program Files\ssotray\ssotray.exe" --autostart`},
		{"awkward args", Autostart{Exec: `C:\s.exe`, Args: []string{"", "a b", `a"b`, `a\b`, `a b\`, `a\"b c`}},
			`"C:\s.exe" "" "a b" a\"b a\b "a b\\" "a\\\"b c"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCommand(tt.a)
			if got != tt.want {
				t.Errorf("runCommand\n got %s\nwant %s", got, tt.want)
			}
			if prog := runCommandProgram(got); prog != tt.a.Exec {
				t.Errorf("runCommandProgram(%s) = %s, want %s", got, prog, tt.a.Exec)
			}
		})
	}
	// Values written by hand or by other installers.
	for _, tt := range []struct{ cmd, want string }{
		{`C:\x.exe --y`, `C:\x.exe`},
		{"C:\\x.exe\t--y", `C:\x.exe`},
		{` "C:\a b.exe"`, `C:\a b.exe`},
		{`"C:\unclosed`, `C:\unclosed`},
	} {
		if got := runCommandProgram(tt.cmd); got != tt.want {
			t.Errorf("runCommandProgram(%q) = %q, want %q", tt.cmd, got, tt.want)
		}
	}
}

func TestStartupApprovedDisabled(t *testing.T) {
	tests := []struct {
		data []byte
		want bool
	}{
		{nil, false},
		{[]byte{2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, false},
		{[]byte{6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, false},
		{[]byte{3, 0, 0, 0, 0xd2, 0x1b, 0x71, 0x3a, 0x51, 0x9e, 0xda, 0x01}, true},
		{[]byte{7}, true},
	}
	for _, tt := range tests {
		if got := startupApprovedDisabled(tt.data); got != tt.want {
			t.Errorf("startupApprovedDisabled(% x) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	a, err := Autostart{}.resolve(true)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		t.Fatal(err)
	}
	want := Autostart{ID: DefaultID, Name: DefaultName, Exec: exe}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("resolve mismatch (-want +got):\n%s", diff)
	}

	for _, bad := range []Autostart{{ID: "../evil"}, {ID: ".hidden"}, {ID: "a/b"}, {ID: `a\b`}, {Exec: "relative/ssotray"}} {
		if _, err := bad.resolve(true); err == nil {
			t.Errorf("resolve(%+v) succeeded", bad)
		}
		if err := bad.Enable(); err == nil {
			t.Errorf("Enable(%+v) succeeded", bad)
		}
	}
	if loc := (Autostart{ID: "../evil"}).Location(); loc != "" {
		t.Errorf("Location with a bad ID = %q, want empty", loc)
	}
}

// checkGolden compares got with testdata/name, rewriting it under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// fakeExecutable creates an empty file standing in for a program.
func fakeExecutable(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func assertEnabled(t *testing.T, enabled func() (bool, error), want bool) {
	t.Helper()
	got, err := enabled()
	if err != nil {
		t.Fatalf("Enabled: %v", err)
	}
	if got != want {
		t.Fatalf("Enabled = %v, want %v", got, want)
	}
}
