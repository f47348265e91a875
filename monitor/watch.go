package monitor

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce gathers the burst of events one write makes (a temporary file,
// a rename, a chmod) into a single re-read. It is wall-clock time on
// purpose: it paces the file system, not the sessions.
const debounce = 200 * time.Millisecond

// dirWatch watches the token cache directory, or while that does not exist
// its nearest existing parent, and pokes the monitor when files change.
type dirWatch struct {
	w        *fsnotify.Watcher
	dir      string // the directory wanted
	watching string // the directory watched: dir, a parent of it, or ""
	poke     func()
	logf     func(string, ...any)
}

// newDirWatch starts watching dir. The watch is in place when it returns.
func newDirWatch(dir string, poke func(), logf func(string, ...any)) (*dirWatch, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	d := &dirWatch{w: w, dir: dir, poke: poke, logf: logf}
	d.attach()
	return d, nil
}

// run passes changes on until ctx ends, then closes the watcher.
func (d *dirWatch) run(ctx context.Context) {
	defer d.w.Close()
	var timer *time.Timer
	var fire <-chan time.Time
	later := func() {
		if fire == nil {
			timer = time.NewTimer(debounce)
			fire = timer.C
		}
	}
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-d.w.Events:
			if !ok {
				return
			}
			if d.handle(ev) {
				later()
			}
		case err, ok := <-d.w.Errors:
			if !ok {
				return
			}
			// An overflow means events were lost: re-read to be sure.
			d.logf("monitor: watching %s: %v", d.dir, err)
			later()
		case <-fire:
			fire = nil
			d.poke()
		}
	}
}

// handle takes in one event and reports whether the cache may have changed.
func (d *dirWatch) handle(ev fsnotify.Event) bool {
	if d.watching != d.dir {
		// Waiting for the directory: something appeared on the way to it.
		return d.attach()
	}
	if ev.Name == d.dir && ev.Has(fsnotify.Remove|fsnotify.Rename) {
		// The directory itself went, and every token with it.
		d.attach()
		return true
	}
	return ev.Op != fsnotify.Chmod
}

// attach watches dir if it exists, else its nearest existing parent, and
// reports whether it now watches dir.
func (d *dirWatch) attach() bool {
	// Directories may appear while this runs (mkdir -p): go again while a
	// deeper one exists than the one just watched.
	for range 16 {
		target := d.deepestExisting()
		if target == "" {
			d.logf("monitor: nothing to watch on the way to %s", d.dir)
			return false
		}
		if err := d.w.Add(target); err != nil {
			d.logf("monitor: watching %s: %v", target, err)
			return false
		}
		if d.watching != "" && d.watching != target {
			_ = d.w.Remove(d.watching) // gone already if it was deleted
		}
		d.watching = target
		if target == d.dir {
			return true
		}
		if _, err := os.Stat(d.childToward(target)); err != nil {
			return false
		}
	}
	return false
}

// deepestExisting returns dir or its deepest parent that is a directory.
func (d *dirWatch) deepestExisting() string {
	p := d.dir
	for {
		fi, err := os.Stat(p)
		if err == nil && fi.IsDir() {
			return p
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return ""
		}
		parent := filepath.Dir(p)
		if parent == p {
			return ""
		}
		p = parent
	}
}

// childToward returns the entry of parent that leads to dir.
func (d *dirWatch) childToward(parent string) string {
	rest := strings.TrimPrefix(d.dir, parent)
	rest = strings.TrimPrefix(rest, string(filepath.Separator))
	first, _, _ := strings.Cut(rest, string(filepath.Separator))
	return filepath.Join(parent, first)
}
