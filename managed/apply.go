package managed

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/ssotray/ssotray/storage"
)

// Added is what AddMissing did and found.
type Added struct {
	// New are the sign-ins it added to the config, in file order.
	New []SignIn
	// Present maps a managed sign-in's name to the name the config already
	// has it under (often the same).
	Present map[string]string
	// Conflicts are managed sign-ins it could not add because the config
	// has a section of that name for another portal, which it never
	// changes; each error names the sign-in and what to do.
	Conflicts []error
}

// AddMissing adds to the config file the file's sign-ins that it lacks,
// in one atomic write that keeps every byte already there. A portal the
// config already signs in to counts as present under any name. Run again,
// it writes nothing. A config it cannot read is an error and nothing is
// written.
func (f *File) AddMissing(configFile string) (Added, error) {
	res := Added{Present: map[string]string{}}
	if f == nil || len(f.SignIns) == 0 {
		return res, nil
	}
	data, err := storage.ReadConfigFile(configFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("read config: %w", err)
	}
	cfg := storage.ParseConfig(configFile, data)
	var add []storage.NewSSOSession
	for _, s := range f.SignIns {
		if in, ok := cfg.ForStartURL(s.StartURL); ok {
			res.Present[s.Name] = in.Name
			continue
		}
		if cfg.NameInUse(s.Name) {
			res.Conflicts = append(res.Conflicts, fmt.Errorf(
				"your organisation's sign-in %s (%s) was not added: your AWS config already has a sign-in or profile named %s for something else; rename yours to let ssotray add it",
				s.Name, s.StartURL, s.Name))
			continue
		}
		add = append(add, storage.NewSSOSession{Name: s.Name, StartURL: s.StartURL, Region: s.Region, Scopes: s.Scopes})
		res.New = append(res.New, s)
	}
	if err := storage.AddSSOSessions(configFile, add); err != nil {
		return Added{Present: res.Present}, err
	}
	return res, nil
}
