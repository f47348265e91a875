package monitor

import (
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// Snapshot is what the monitor last read. Subscribers share it: treat it,
// its slices and its map as read-only.
type Snapshot struct {
	// Statuses are every sign-in in the config, in config order.
	Statuses []signin.Status
	// Problems are the config's problems, to report.
	Problems []storage.Problem
	// Err is set when the config could not be read at all; Statuses and
	// Problems are then empty.
	Err error
	// Refreshed is when the monitor last refreshed each sign-in in the
	// background, by name.
	Refreshed map[string]time.Time
	// At is when the cache was read.
	At time.Time
}

// sameView reports whether a person would see any difference between a and
// b: the read time is not compared.
func sameView(a, b *Snapshot) bool {
	if errText(a.Err) != errText(b.Err) || !slices.Equal(a.Problems, b.Problems) {
		return false
	}
	if !maps.EqualFunc(a.Refreshed, b.Refreshed, time.Time.Equal) {
		return false
	}
	return slices.EqualFunc(a.Statuses, b.Statuses, sameStatus)
}

// sameStatus compares every exported field, so a field signin adds later
// counts without a change here. Errors compare by text, since each read
// makes new error values, and times with Equal.
func sameStatus(a, b signin.Status) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		f := va.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		fa, fb := va.Field(i).Interface(), vb.Field(i).Interface()
		switch f.Type {
		case errorType:
			ea, _ := fa.(error)
			eb, _ := fb.(error)
			if errText(ea) != errText(eb) {
				return false
			}
		case timeType:
			if !fa.(time.Time).Equal(fb.(time.Time)) {
				return false
			}
		default:
			if !reflect.DeepEqual(fa, fb) {
				return false
			}
		}
	}
	return true
}

var (
	errorType = reflect.TypeFor[error]()
	timeType  = reflect.TypeFor[time.Time]()
)

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
