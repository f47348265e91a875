package profiles

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ssotray/ssotray/internal/atomicfile"
	"github.com/ssotray/ssotray/storage"
)

// ErrChanged is wrapped by Write's error when the config file is no longer
// what the plan was made from.
var ErrChanged = errors.New("the file changed since the plan was made")

// Write replaces the config file at path with p.Bytes(), when the plan
// changes anything.
//
// It first reads the file again and refuses, writing nothing, with an
// error wrapping ErrChanged if the content is not exactly what Plan was
// given (another program or the person edited it meanwhile; plan again).
// The previous content is kept in "<file>.bak" beside it (0600), replaced
// on each write. The write is atomic; an existing file keeps its mode, a
// new one is created 0600 in a directory created 0700, and a symbolic link
// is followed rather than replaced, as storage.AddSSOSession does. There is
// no lock: an edit made between the check and the rename is lost, as with
// the AWS CLI's own writes.
func Write(path string, p *Plan) error {
	if p == nil {
		return errors.New("write profiles: no plan")
	}
	target, err := storage.ResolveConfigLink(path)
	if err != nil {
		return fmt.Errorf("write profiles: %w", err)
	}
	cur, err := storage.ReadConfigFile(target)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read config: %w", err)
	}
	if !bytes.Equal(cur, p.old) {
		return fmt.Errorf("write profiles to %s: %w; nothing was written, so make the plan again", path, ErrChanged)
	}
	if !p.Changed() {
		return nil
	}
	perm := os.FileMode(0o600)
	if exists {
		fi, err := os.Stat(target)
		if err != nil {
			return fmt.Errorf("read config: %w", err)
		}
		perm = fi.Mode().Perm()
		if err := atomicfile.Write(target+".bak", cur, 0o600); err != nil {
			return fmt.Errorf("write backup %s.bak: %w", target, err)
		}
	}
	if err := atomicfile.Write(target, p.out, perm); err != nil {
		return fmt.Errorf("write config %s: %w", target, err)
	}
	return nil
}
