package accounts

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/ssotray/ssotray/internal/atomicfile"
	"github.com/ssotray/ssotray/storage"
)

// maxRecent is how many roles Recent keeps per sign-in besides the pinned
// ones; the least recently used go first.
const maxRecent = 20

// Recent keeps, in the JSON file at Path, the roles a person used recently
// or pinned, per sign-in, for the tray's quick roles. It holds no secret.
// Writes are atomic; two programs writing at once may lose one update, never
// the file.
type Recent struct {
	Path string
}

// QuickRole is a role offered for quick access.
type QuickRole struct {
	Role
	Pinned bool
	// UsedAt is when the role was last used; zero if only pinned.
	UsedAt time.Time
}

// recentFile is the file's format.
type recentFile struct {
	Version int                     `json:"version"`
	SignIns map[string][]recentRole `json:"signIns"`
}

type recentRole struct {
	Role
	Pinned bool      `json:"pinned,omitempty"`
	UsedAt time.Time `json:"usedAt,omitzero"`
}

// Touch records that r was used at now under signIn.
func (rc Recent) Touch(signIn string, r Role, now time.Time) error {
	return rc.update(signIn, func(roles []recentRole) []recentRole {
		i := indexRole(roles, r)
		if i < 0 {
			roles = append(roles, recentRole{Role: r})
			i = len(roles) - 1
		}
		roles[i].AccountName = r.AccountName
		roles[i].UsedAt = now.UTC()
		return roles
	})
}

// SetPinned pins r under signIn, or unpins it. An unpinned role never used
// is forgotten.
func (rc Recent) SetPinned(signIn string, r Role, pinned bool) error {
	return rc.update(signIn, func(roles []recentRole) []recentRole {
		i := indexRole(roles, r)
		switch {
		case i < 0 && !pinned:
			return roles
		case i < 0:
			return append(roles, recentRole{Role: r, Pinned: true})
		case !pinned && roles[i].UsedAt.IsZero():
			return slices.Delete(roles, i, i+1)
		}
		roles[i].Pinned = pinned
		if r.AccountName != "" {
			roles[i].AccountName = r.AccountName
		}
		return roles
	})
}

// Quick returns at most n of signIn's roles: the pinned ones first, then the
// most recently used. A file that cannot be read gives an error naming it.
func (rc Recent) Quick(signIn string, n int) ([]QuickRole, error) {
	f, err := rc.load()
	if err != nil {
		return nil, err
	}
	roles := slices.Clone(f.SignIns[signIn])
	sortRecent(roles)
	out := make([]QuickRole, 0, min(n, len(roles)))
	for _, r := range roles[:min(max(n, 0), len(roles))] {
		out = append(out, QuickRole(r))
	}
	return out, nil
}

// update applies fn to signIn's roles and writes the file. A file that
// cannot be read as recent roles is kept as "<file>.bad" and started again.
func (rc Recent) update(signIn string, fn func([]recentRole) []recentRole) error {
	if rc.Path == "" {
		return errors.New("recent roles: no file")
	}
	if err := setAsideIfBad(rc.Path, func(b []byte) error { _, err := decodeRecent(b); return err }); err != nil {
		return err
	}
	f, err := rc.load()
	if err != nil {
		return err
	}
	roles := fn(f.SignIns[signIn])
	sortRecent(roles)
	var kept []recentRole
	unpinned := 0
	for _, r := range roles {
		if !r.Pinned {
			if unpinned == maxRecent {
				continue
			}
			unpinned++
		}
		kept = append(kept, r)
	}
	if len(kept) == 0 {
		delete(f.SignIns, signIn)
	} else {
		f.SignIns[signIn] = kept
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("encode recent roles: %w", err)
	}
	if err := atomicfile.Write(rc.Path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("write recent roles to %s: %w", rc.Path, err)
	}
	return nil
}

func (rc Recent) load() (recentFile, error) {
	data, err := storage.ReadFileLimited(rc.Path, maxRecentFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return recentFile{Version: 1, SignIns: map[string][]recentRole{}}, nil
	}
	if err != nil {
		return recentFile{}, fmt.Errorf("read recent roles: %w", err)
	}
	f, err := decodeRecent(data)
	if err != nil {
		return recentFile{}, fmt.Errorf("%s is not a list of recent roles (it will be kept as .bad on the next change): %w", rc.Path, err)
	}
	return f, nil
}

func decodeRecent(data []byte) (recentFile, error) {
	var f recentFile
	if err := json.Unmarshal(data, &f); err != nil {
		return recentFile{}, err
	}
	if f.Version != 1 {
		return recentFile{}, fmt.Errorf("version %d, want 1", f.Version)
	}
	if f.SignIns == nil {
		f.SignIns = map[string][]recentRole{}
	}
	return f, nil
}

// sortRecent orders pinned roles first, then by last use, newest first,
// then by account and role name so the order is stable.
func sortRecent(roles []recentRole) {
	slices.SortStableFunc(roles, func(a, b recentRole) int {
		if a.Pinned != b.Pinned {
			if a.Pinned {
				return -1
			}
			return 1
		}
		if c := b.UsedAt.Compare(a.UsedAt); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.AccountName, b.AccountName), cmp.Compare(a.RoleName, b.RoleName))
	})
}

func indexRole(roles []recentRole, r Role) int {
	return slices.IndexFunc(roles, func(x recentRole) bool {
		return x.AccountID == r.AccountID && x.RoleName == r.RoleName
	})
}

// maxRecentFileSize caps the recently used roles file, which holds at most
// 20 roles a sign-in.
const maxRecentFileSize = 1 << 20
