package accounts

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ssotray/ssotray/internal/atomicfile"
	"github.com/ssotray/ssotray/storage"
)

// ErrNotCached: no list has been kept on disk for this sign-in yet.
var ErrNotCached = errors.New("no list of accounts kept yet")

// Cache keeps each sign-in's List on disk, one JSON file per sign-in in
// Dir, written atomically with mode 0600 in a 0700 directory. It holds no
// secret.
type Cache struct {
	Dir string
}

// Path is the file that keeps the list for key (a Session's Key): the
// lower-hex SHA-1 of key with ".json", in Dir, as the token cache names its
// files.
func (c Cache) Path(key string) string {
	sum := sha1.Sum([]byte(key))
	return filepath.Join(c.Dir, hex.EncodeToString(sum[:])+".json")
}

// Load reads the list kept for key. With none kept, the error wraps
// ErrNotCached; a file that cannot be read as a list gives an error naming
// it, and the file is left as it is.
func (c Cache) Load(key string) (List, error) {
	path := c.Path(key)
	data, err := storage.ReadFileLimited(path, maxListFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return List{}, fmt.Errorf("accounts of %s: %w", key, ErrNotCached)
	}
	if err != nil {
		return List{}, fmt.Errorf("read the kept list of accounts: %w", err)
	}
	l, err := decodeList(data)
	if err != nil {
		return List{}, fmt.Errorf("%s is not a list of accounts (it will be kept as %s.bad on the next refresh): %w", path, filepath.Base(path), err)
	}
	return l, nil
}

// Save keeps l as the list for key, replacing the file atomically. A file
// there that is not a readable list is first renamed to "<file>.bad", so
// nothing is lost unseen.
func (c Cache) Save(key string, l List) error {
	if c.Dir == "" {
		return errors.New("keep the list of accounts: no cache directory")
	}
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the list of accounts: %w", err)
	}
	path := c.Path(key)
	if err := setAsideIfBad(path, func(b []byte) error { _, err := decodeList(b); return err }); err != nil {
		return err
	}
	if err := atomicfile.Write(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("keep the list of accounts in %s: %w", path, err)
	}
	return nil
}

// decodeList reads a List and checks that it holds what a list must.
func decodeList(data []byte) (List, error) {
	var l List
	if err := json.Unmarshal(data, &l); err != nil {
		return List{}, err
	}
	if l.FetchedAt.IsZero() {
		return List{}, errors.New(`no "fetchedAt"`)
	}
	for i, a := range l.Accounts {
		if a.ID == "" {
			return List{}, fmt.Errorf(`account %d has no "accountId"`, i)
		}
	}
	return l, nil
}

// setAsideIfBad renames path to path+".bad" when it exists and check
// refuses its contents. A missing file is fine.
func setAsideIfBad(path string, check func([]byte) error) error {
	data, err := storage.ReadFileLimited(path, maxListFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if check(data) == nil {
		return nil
	}
	if err := os.Rename(path, path+".bad"); err != nil {
		return fmt.Errorf("keep the unreadable %s aside: %w", path, err)
	}
	return nil
}

// maxListFileSize caps a list of accounts on disk: 1,000 accounts and their
// roles take about 250 KB, so 64 MiB is far above any organisation.
const maxListFileSize = 64 << 20
