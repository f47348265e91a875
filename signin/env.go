package signin

import (
	"fmt"
	"os"
	"time"
)

// OptionsFromEnv takes settings for a real run from the environment:
// SSOTRAY_DEBUG sends the flow's debug lines (which never hold secrets) to
// stderr, and SSOTRAY_CALL_TIMEOUT (a Go duration such as 10s) sets the
// per-call deadline. Pass it to New.
func OptionsFromEnv(o *Options) {
	if d, err := time.ParseDuration(os.Getenv("SSOTRAY_CALL_TIMEOUT")); err == nil && d > 0 {
		o.CallTimeout = d
	}
	if os.Getenv("SSOTRAY_DEBUG") == "" {
		return
	}
	o.Logf = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "debug: "+format+"\n", args...) }
}
