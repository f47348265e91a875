package storage

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// cacheTimeLayout is how the AWS CLI writes times: %Y-%m-%dT%H:%M:%SZ in UTC.
const cacheTimeLayout = "2006-01-02T15:04:05Z"

// formatCacheTime formats t as the AWS CLI does, in UTC and whole seconds.
func formatCacheTime(t time.Time) string {
	return t.UTC().Format(cacheTimeLayout)
}

// checkCacheTime reports whether t can be written as a four-digit-year time
// that Python's datetime and Go's RFC 3339 parser both read back.
func checkCacheTime(key string, t time.Time) error {
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return fmt.Errorf("%s is out of range", key)
	}
	return nil
}

// errNoZone is returned for a timestamp without a time zone. botocore fails on
// such a value (it compares a naive with an aware datetime), so it is not
// guessed to be UTC.
var errNoZone = errors.New("has no time zone")

// parseCacheTime reads the timestamps other tools write: RFC 3339 with Z or an
// offset (Go, the CLI), optional fractional seconds, and botocore's UTC suffix
// (for example 2026-11-27T18:42:28UTC). A space may stand for the T.
func parseCacheTime(s string) (time.Time, error) {
	main, offset, zoneErr := splitZone(s)
	if len(main) > 10 && main[10] == ' ' {
		main = main[:10] + "T" + main[11:]
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", main)
	if err != nil {
		return time.Time{}, errors.New("is not a valid time")
	}
	if zoneErr != nil {
		return time.Time{}, zoneErr
	}
	t = t.Add(-offset).UTC()
	// The zero time is how Token says "absent", and Go's SDK rejects it.
	if y := t.Year(); y < 1 || y > 9999 || t.IsZero() {
		return time.Time{}, errors.New("is out of range")
	}
	return t, nil
}

// splitZone splits a timestamp into the part before its zone and the zone's
// offset from UTC.
func splitZone(s string) (string, time.Duration, error) {
	switch {
	case strings.HasSuffix(s, "Z"), strings.HasSuffix(s, "z"):
		return s[:len(s)-1], 0, nil
	case strings.HasSuffix(s, "UTC"):
		return strings.TrimSuffix(strings.TrimSuffix(s, "UTC"), " "), 0, nil
	}
	// A numeric offset starts at the last + or - that follows the time of day
	// (the date's own dashes come before index 10).
	i := strings.LastIndexAny(s, "+-")
	if i <= 10 {
		return s, 0, errNoZone
	}
	sign, zone := s[i], strings.ReplaceAll(s[i+1:], ":", "")
	if len(zone) == 2 {
		zone += "00"
	}
	if len(zone) != 4 || !allDigits(zone) {
		return s, 0, errors.New("is not a valid time")
	}
	h := int(zone[0]-'0')*10 + int(zone[1]-'0')
	m := int(zone[2]-'0')*10 + int(zone[3]-'0')
	if h > 23 || m > 59 {
		return s, 0, errors.New("is not a valid time")
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if sign == '-' {
		d = -d
	}
	return s[:i], d, nil
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
