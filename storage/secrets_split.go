package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxSplitEntries bounds how many entries one value may take: 8 entries of
// 2,000 to 2,560 bytes, far more than a refresh token and a client secret
// need (about 3 KB together at most, see README's keyring section).
const maxSplitEntries = 8

// splitMarker starts the value of an entry whose value is split: then
// "<n>:<sha256 of the whole value, 16 hex digits>". The values ssotray
// stores are JSON objects, which never start so.
const splitMarker = "ssotray-split/v1:"

// splitSecrets stores values longer than max bytes across several entries
// of entries: the parts under "<key>#1" … "<key>#n", written first, then a
// marker under key naming n and a checksum of the whole, so that a reader
// finds either the old value or the new one whole, and a crash between the
// two leaves a value whose checksum fails rather than a wrong one. max 0
// means no limit (the Secret Service).
type splitSecrets struct {
	entries Secrets
	max     int
}

// ErrSecretTooBig is wrapped by Set's error for a value too big for the
// keyring even when split.
var ErrSecretTooBig = errors.New("the value is too big for the system keyring")

func (s splitSecrets) Get(key string) ([]byte, error) {
	v, err := s.entries.Get(key)
	if err != nil {
		return nil, err
	}
	rest, ok := strings.CutPrefix(string(v), splitMarker)
	if !ok {
		return v, nil
	}
	n, sum, err := parseSplitMarker(rest)
	if err != nil {
		return nil, fmt.Errorf("keyring entry %q: %w", key, err)
	}
	var whole []byte
	for i := 1; i <= n; i++ {
		part, err := s.entries.Get(partKey(key, i))
		if err != nil {
			return nil, fmt.Errorf("keyring entry %q is split, and part %d of %d: %w", key, i, n, err)
		}
		whole = append(whole, part...)
	}
	if checksum(whole) != sum {
		return nil, fmt.Errorf("keyring entry %q: its %d parts do not make the value they were written as (it was being written when ssotray stopped?): %w", key, n, ErrNotFound)
	}
	return whole, nil
}

func (s splitSecrets) Set(key string, value []byte) error {
	oldParts := s.parts(key)
	if s.max <= 0 || len(value) <= s.max {
		if err := s.entries.Set(key, value); err != nil {
			return err
		}
		s.deleteParts(key, 1, oldParts)
		return nil
	}
	n := (len(value) + s.max - 1) / s.max
	if n > maxSplitEntries {
		return fmt.Errorf("keyring entry %q: %d bytes, and the keyring holds at most %d (%d entries of %d): %w",
			key, len(value), maxSplitEntries*s.max, maxSplitEntries, s.max, ErrSecretTooBig)
	}
	for i := 1; i <= n; i++ {
		part := value[(i-1)*s.max : min(i*s.max, len(value))]
		if err := s.entries.Set(partKey(key, i), part); err != nil {
			return err
		}
	}
	if err := s.entries.Set(key, []byte(splitMarker+strconv.Itoa(n)+":"+checksum(value))); err != nil {
		return err
	}
	s.deleteParts(key, n+1, oldParts)
	return nil
}

func (s splitSecrets) Delete(key string) error {
	n := s.parts(key)
	err := s.entries.Delete(key)
	s.deleteParts(key, 1, n)
	return err
}

// parts returns how many parts the value under key has now: 0 when it is
// not split, missing or unreadable.
func (s splitSecrets) parts(key string) int {
	v, err := s.entries.Get(key)
	if err != nil {
		return 0
	}
	rest, ok := strings.CutPrefix(string(v), splitMarker)
	if !ok {
		return 0
	}
	n, _, err := parseSplitMarker(rest)
	if err != nil {
		return 0
	}
	return n
}

// deleteParts deletes the parts from to to of key's value; they are
// leftovers, so a failure only leaves an unused entry behind.
func (s splitSecrets) deleteParts(key string, from, to int) {
	for i := from; i <= to; i++ {
		_ = s.entries.Delete(partKey(key, i))
	}
}

// partKey is the key of the i-th part of key's value.
func partKey(key string, i int) string { return key + "#" + strconv.Itoa(i) }

// checksum is the first 16 hex digits of value's SHA-256.
func checksum(value []byte) string {
	h := sha256.Sum256(value)
	return hex.EncodeToString(h[:8])
}

// parseSplitMarker reads "<n>:<checksum>".
func parseSplitMarker(s string) (n int, sum string, err error) {
	count, sum, ok := strings.Cut(s, ":")
	n, err = strconv.Atoi(count)
	if !ok || err != nil || n < 1 || n > maxSplitEntries || len(sum) != 16 {
		return 0, "", errors.New("its value is split, but the marker is malformed")
	}
	return n, sum, nil
}
