package desktop

import "testing"

// Register writes what Windows needs to start the handler, once, and
// Unregister leaves nothing; under a scheme no one else uses.
func TestURLSchemeRegistry(t *testing.T) {
	s := URLScheme{Scheme: "ssotray-test-" + t.Name(), Exec: `C:\ssotray\ssotray-app.exe`}
	t.Cleanup(func() { _ = s.Unregister() })
	if s.Registered() {
		t.Fatal("registered before Register")
	}
	if err := s.Register(); err != nil {
		t.Fatal(err)
	}
	if !s.Registered() {
		t.Fatal("not registered after Register")
	}
	moved := URLScheme{Scheme: s.Scheme, Exec: `D:\elsewhere\ssotray-app.exe`}
	if moved.Registered() {
		t.Error("a moved program counts as registered")
	}
	if err := moved.Register(); err != nil || !moved.Registered() || s.Registered() {
		t.Errorf("re-register after a move: %v", err)
	}
	if err := s.Unregister(); err != nil {
		t.Fatal(err)
	}
	if moved.Registered() {
		t.Error("still registered after Unregister")
	}
}
