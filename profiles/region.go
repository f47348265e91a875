package profiles

import (
	"github.com/ssotray/ssotray/storage"
)

// RegionFor returns the region key of the profile in config that works as
// role in accountID through the sign-in in (one ssotray generated, or one
// the person wrote), or "" when no such profile sets one. The console opens
// in that Region, as the profile's own tools would.
func RegionFor(config []byte, in storage.SignIn, accountID, role string) string {
	sc := scan(config)
	k := roleKey{accountID, role}
	for _, s := range sc.sections {
		if s.markerOK && (s.marker.session != in.Name || s.marker.key() != k) {
			continue
		}
		if !s.markerOK && !configures(s, in, k) {
			continue
		}
		if v, ok := s.keys["region"]; ok && v.value != "" {
			return v.value
		}
	}
	return ""
}

// configures reports whether s holds the keys that make it role k of in.
func configures(s *profileSection, in storage.SignIn, k roleKey) bool {
	for _, kv := range ownedValues(in, k) {
		if v, ok := s.keys[kv.key]; !ok || v.value != kv.value {
			return false
		}
	}
	return true
}
