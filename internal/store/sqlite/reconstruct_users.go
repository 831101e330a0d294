package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"sort"

	"github.com/corvusmail/corvus/internal/store"
)

// UsersOnDisk implements store.Reconstructor: the partition tree walked as
// Users walks it, taking every user directory that holds a database or a
// message tree (reconstruct -f, as Cyrus's scans the file system for
// mailboxes its list lacks). A directory is taken only where its name
// maps back to it.
func (s *Store) UsersOnDisk(ctx context.Context) ([]string, error) {
	var users []string
	collect := func(base, suffix string) {
		hs, _ := os.ReadDir(base)
		for _, h := range hs {
			if !h.IsDir() || len(h.Name()) != 1 {
				continue
			}
			names, _ := os.ReadDir(filepath.Join(base, h.Name(), "user"))
			for _, n := range names {
				user := n.Name() + suffix
				dir := filepath.Join(base, h.Name(), "user", n.Name())
				if n.IsDir() && store.CheckUser(user) == nil && userDir(s.opts.Partition, user) == dir && holdsAccount(dir) {
					users = append(users, user)
				}
			}
		}
	}
	collect(s.opts.Partition, "")
	hs, _ := os.ReadDir(filepath.Join(s.opts.Partition, "domain"))
	for _, h := range hs {
		doms, _ := os.ReadDir(filepath.Join(s.opts.Partition, "domain", h.Name()))
		for _, d := range doms {
			collect(filepath.Join(s.opts.Partition, "domain", h.Name(), d.Name()), "@"+d.Name())
		}
	}
	sort.Strings(users)
	return users, nil
}

// holdsAccount reports whether a user directory has a database or a
// message tree.
func holdsAccount(dir string) bool {
	for _, name := range []string{dbName, msgDir} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}
