package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/corvusmail/corvus/internal/store"
)

// serverDB opens the server-wide database on first use.
func (s *Store) serverDB(ctx context.Context) (*handle, error) {
	s.srvOnce.Do(func() {
		if s.opts.ConfigDir == "" {
			s.srvErr = errors.New("store: no configdirectory for server metadata")
			return
		}
		dir := filepath.Join(s.opts.ConfigDir, "corvus")
		path := filepath.Join(dir, "server.db")
		if err := precreate(dir, path); err != nil {
			s.srvErr = fmt.Errorf("server database: %w", err)
			return
		}
		h, err := openHandle(ctx, path, false, s.opts.BusyTimeout, s.opts.MaxReaders)
		if err == nil {
			err = h.write(ctx, func(t *tx) error { return migrate(t, serverSchema, serverSchemaVersion, nil) })
			if err != nil {
				h.close()
			}
		}
		s.srv, s.srvErr = h, err
	})
	return s.srv, s.srvErr
}

// ServerMetadata implements store.Store.
func (s *Store) ServerMetadata(ctx context.Context, user string) ([]store.MetadataEntry, error) {
	h, err := s.serverDB(ctx)
	if err != nil {
		return nil, err
	}
	var out []store.MetadataEntry
	err = h.read(ctx, func(t *tx) error {
		out, err = readEntries(t, "SELECT entry, value FROM annotations WHERE userid = '' OR userid = ? ORDER BY entry", user)
		return err
	})
	return out, err
}

// SetServerMetadata implements store.Store.
func (s *Store) SetServerMetadata(ctx context.Context, user string, entries []store.MetadataEntry) error {
	entries, err := canonicalEntries(entries)
	if err != nil {
		return err
	}
	h, err := s.serverDB(ctx)
	if err != nil {
		return err
	}
	return h.write(ctx, func(t *tx) error {
		for _, e := range entries {
			owner := metadataOwner(e.Name, user)
			if e.Value == nil {
				_, err = t.exec("DELETE FROM annotations WHERE entry = ? AND userid = ?", e.Name, owner)
			} else {
				_, err = t.exec(`INSERT INTO annotations (entry, userid, value) VALUES (?, ?, ?)
					ON CONFLICT (entry, userid) DO UPDATE SET value = excluded.value`, e.Name, owner, e.Value)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}
