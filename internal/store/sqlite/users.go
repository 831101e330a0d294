package sqlite

import (
	"os"
	"path/filepath"
	"sort"
)

// listUsers finds every account in the partition tree: <h>/user/<name>
// and domain/<h>/<domain>/<h>/user/<name>, each with a database file.
func listUsers(partition string) ([]string, error) {
	var users []string
	collect := func(base, suffix string) error {
		hs, err := os.ReadDir(base)
		if err != nil {
			return nil
		}
		for _, h := range hs {
			if !h.IsDir() || len(h.Name()) != 1 {
				continue
			}
			dir := filepath.Join(base, h.Name(), "user")
			names, err := os.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, n := range names {
				if _, err := os.Stat(filepath.Join(dir, n.Name(), dbName)); err == nil {
					users = append(users, n.Name()+suffix)
				}
			}
		}
		return nil
	}
	if err := collect(partition, ""); err != nil {
		return nil, err
	}
	hs, _ := os.ReadDir(filepath.Join(partition, "domain"))
	for _, h := range hs {
		doms, _ := os.ReadDir(filepath.Join(partition, "domain", h.Name()))
		for _, d := range doms {
			if err := collect(filepath.Join(partition, "domain", h.Name(), d.Name()), "@"+d.Name()); err != nil {
				return nil, err
			}
		}
	}
	sort.Strings(users)
	return users, nil
}
