package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// The grant index (store.GrantIndex) lives in the server database: one
// row per identifier and account whose ACLs name it, and a marker once
// the rows were built from every account's ACLs. The tables are created
// on first use rather than by the server schema's migration.
const grantsSchema = `
CREATE TABLE IF NOT EXISTS grants (
	identifier TEXT NOT NULL,
	owner      TEXT NOT NULL,
	PRIMARY KEY (identifier, owner)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grants_built (done INTEGER NOT NULL);
`

var _ store.GrantIndex = (*Store)(nil)

// NoteGrant implements store.GrantIndex.
func (s *Store) NoteGrant(ctx context.Context, owner string, id imap.RightsIdentifier) error {
	if strings.HasPrefix(string(id), "-") || string(id) == owner {
		return nil
	}
	h, err := s.serverDB(ctx)
	if err != nil {
		return err
	}
	return h.write(ctx, func(t *tx) error {
		if _, err := t.exec(grantsSchema); err != nil {
			return err
		}
		_, err := t.exec("INSERT OR IGNORE INTO grants (identifier, owner) VALUES (?, ?)", string(id), owner)
		return err
	})
}

// Grantors implements store.GrantIndex, building the index first if no
// process has yet.
func (s *Store) Grantors(ctx context.Context, ids []imap.RightsIdentifier) ([]string, error) {
	h, err := s.serverDB(ctx)
	if err != nil {
		return nil, err
	}
	built, err := grantsBuilt(ctx, h)
	if err != nil {
		return nil, err
	}
	if !built {
		if err := s.buildGrants(ctx, h); err != nil {
			return nil, fmt.Errorf("build grant index: %w", err)
		}
	}
	seen := map[string]bool{}
	err = h.read(ctx, func(t *tx) error {
		for _, id := range ids {
			rows, err := t.query("SELECT owner FROM grants WHERE identifier = ?", string(id))
			if err != nil {
				return err
			}
			for rows.Next() {
				var o string
				if err := rows.Scan(&o); err != nil {
					rows.Close()
					return err
				}
				seen[o] = true
			}
			if err := rows.Close(); err != nil {
				return err
			}
		}
		return nil
	})
	out := make([]string, 0, len(seen))
	for o := range seen {
		out = append(out, o)
	}
	sort.Strings(out)
	return out, err
}

// grantsBuilt reports whether the index holds every account's ACLs.
func grantsBuilt(ctx context.Context, h *handle) (bool, error) {
	var n int
	err := h.read(ctx, func(t *tx) error {
		return t.row("SELECT count(*) FROM sqlite_master WHERE name = 'grants_built'", nil, &n)
	})
	if err != nil || n == 0 {
		return false, err
	}
	err = h.read(ctx, func(t *tx) error {
		return t.row("SELECT count(*) FROM grants_built", nil, &n)
	})
	return n > 0, err
}

// buildGrants reads every account's ACLs and records them with the
// marker. Rows noted meanwhile stay: the index only ever grows.
func (s *Store) buildGrants(ctx context.Context, h *handle) error {
	users, err := s.Users(ctx)
	if err != nil {
		return err
	}
	var rows [][2]string
	for _, u := range users {
		found, err := s.accountGrants(ctx, u)
		if err != nil {
			return err
		}
		rows = append(rows, found...)
	}
	return h.write(ctx, func(t *tx) error {
		if _, err := t.exec(grantsSchema); err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := t.exec("INSERT OR IGNORE INTO grants (identifier, owner) VALUES (?, ?)", r[0], r[1]); err != nil {
				return err
			}
		}
		_, err := t.exec("INSERT INTO grants_built (done) VALUES (1)")
		return err
	})
}

// accountGrants lists the (identifier, user) pairs of user's ACLs.
func (s *Store) accountGrants(ctx context.Context, user string) ([][2]string, error) {
	a, err := s.Open(ctx, user)
	if errors.Is(err, store.ErrNoUser) {
		return nil, nil // deleted meanwhile
	}
	if err != nil {
		return nil, err
	}
	defer a.Close()
	infos, err := a.List(ctx)
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for _, info := range infos {
		for id := range info.ACL {
			if !strings.HasPrefix(string(id), "-") && string(id) != user {
				out = append(out, [2]string{string(id), user})
			}
		}
	}
	return out, nil
}
