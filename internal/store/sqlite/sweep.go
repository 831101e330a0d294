package sqlite

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/corvusmail/corvus/internal/store"
)

// eventRetention is how long change events are kept; a poller asking for
// older changes gets ErrChangesPruned and resynchronises.
const eventRetention = 7 * 24 * time.Hour

// Sweep implements store.Account.
func (a *account) Sweep(ctx context.Context, opts store.SweepOptions) (store.SweepReport, error) {
	if opts.Grace <= 0 {
		opts.Grace = store.DefaultSweepGrace
	}
	var rep store.SweepReport
	refs, err := a.referencedFiles(ctx)
	if err != nil {
		return rep, fmt.Errorf("sweep %q: %w", a.u.user, err)
	}
	candidates, err := a.unreferenced(refs, a.s.now().Add(-opts.Grace))
	if err != nil {
		return rep, fmt.Errorf("sweep %q: %w", a.u.user, err)
	}
	if rep.Orphans, err = a.removeOrphans(ctx, candidates); err != nil {
		return rep, fmt.Errorf("sweep %q: %w", a.u.user, err)
	}
	for id := range refs {
		path := a.u.path(id)
		if _, err := os.Stat(path); err != nil {
			rep.Missing = append(rep.Missing, path)
		} else if opts.Verify && !fileMatches(path, refs[id]) {
			rep.Corrupt = append(rep.Corrupt, path)
		}
	}
	if rep.Recounted, err = a.recount(ctx); err != nil {
		return rep, fmt.Errorf("sweep %q: %w", a.u.user, err)
	}
	return rep, nil
}

// referencedFiles maps every file id a contents row refers to to its GUID.
func (a *account) referencedFiles(ctx context.Context) (map[string]string, error) {
	refs := make(map[string]string)
	err := a.u.read(ctx, func(t *tx) error {
		rows, err := t.query("SELECT file, guid FROM contents")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f, g string
			if err := rows.Scan(&f, &g); err != nil {
				return err
			}
			refs[f] = g
		}
		return rows.Err()
	})
	return refs, err
}

// unreferenced lists the message files older than cutoff that no row
// referred to in the snapshot.
func (a *account) unreferenced(refs map[string]string, cutoff time.Time) ([]string, error) {
	buckets, err := os.ReadDir(filepath.Join(a.u.dir, msgDir))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, b := range buckets {
		files, err := os.ReadDir(filepath.Join(a.u.dir, msgDir, b.Name()))
		if err != nil {
			continue
		}
		for _, f := range files {
			if _, ok := refs[f.Name()]; ok {
				continue
			}
			if fi, err := f.Info(); err == nil && fi.ModTime().Before(cutoff) {
				out = append(out, f.Name())
			}
		}
	}
	return out, nil
}

// removeOrphans removes candidates still unreferenced, holding the write
// lock: an append re-checks its file under the same lock before
// committing (addContentRaw), so no row can end up pointing at a file
// removed here.
func (a *account) removeOrphans(ctx context.Context, candidates []string) (int, error) {
	n := 0
	err := a.u.h.write(ctx, func(t *tx) error {
		n = 0
		for _, id := range candidates {
			var one int
			err := t.row("SELECT 1 FROM contents WHERE file = ?", []any{id}, &one)
			if err == nil {
				continue
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if err := os.Remove(a.u.path(id)); err == nil {
				n++
			}
		}
		return nil
	})
	return n, err
}

// fileMatches re-hashes a message file against its GUID.
func fileMatches(path, guid string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha1.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == guid
}
