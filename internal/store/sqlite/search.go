package sqlite

import (
	"context"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// searchSQL accumulates the WHERE clause of a search.
type searchSQL struct {
	where []string
	args  []any
	join  bool // needs contents (sent date)
}

func (s *searchSQL) add(cond string, args ...any) {
	s.where = append(s.where, cond)
	s.args = append(s.args, args...)
}

// flag adds a condition that f is set (or, with not, unset).
func (s *searchSQL) flag(f imap.Flag, not bool) error {
	f, err := store.CanonicalFlag(f)
	if err != nil {
		return err
	}
	if b := systemBit(f); b != 0 {
		s.add(map[bool]string{false: "m.flags & ? != 0", true: "m.flags & ? = 0"}[not], b)
		return nil
	}
	// Keywords are atoms (no spaces), stored space-separated.
	s.add("instr(' ' || lower(m.keywords) || ' ', ?) "+map[bool]string{false: "> 0", true: "= 0"}[not],
		" "+store.KeywordKey(f)+" ")
	return nil
}

// times adds [since, before) conditions on a Unix-seconds column.
func (s *searchSQL) times(col string, since, before time.Time) {
	if !since.IsZero() {
		s.add(col+" >= ?", since.Unix())
	}
	if !before.IsZero() {
		s.add(col+" < ?", before.Unix())
	}
}

func buildSearch(c store.Criteria) (*searchSQL, error) {
	s := &searchSQL{}
	for _, f := range c.Flags {
		if err := s.flag(f, false); err != nil {
			return nil, err
		}
	}
	for _, f := range c.NotFlags {
		if err := s.flag(f, true); err != nil {
			return nil, err
		}
	}
	if c.Larger > 0 {
		s.add("m.size > ?", c.Larger)
	}
	if c.Smaller > 0 {
		s.add("m.size < ?", c.Smaller)
	}
	s.times("m.internaldate", c.Since, c.Before)
	s.times("m.savedate", c.SavedSince, c.SavedBefore)
	if !c.SentSince.IsZero() || !c.SentBefore.IsZero() {
		s.join = true
		s.times("c.sentdate", c.SentSince, c.SentBefore)
	}
	if c.ModSeq > 0 {
		s.add("m.modseq >= ?", c.ModSeq)
	}
	return s, nil
}

// Search implements store.Mailbox with one query; the criteria become SQL
// conditions on the indexed messages table.
func (mb *mailbox) Search(ctx context.Context, c store.Criteria) (store.SearchResult, error) {
	s, err := buildSearch(c)
	if err != nil {
		return store.SearchResult{}, err
	}
	var res store.SearchResult
	err = mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		var ranges []imap.UIDRange
		if c.UIDs != nil {
			if ranges, err = resolveUIDs(t, mb.id, c.UIDs); err != nil || len(ranges) == 0 {
				return err
			}
			s.add("m.uid BETWEEN ? AND ?", uint32(ranges[0].Start), uint32(ranges[len(ranges)-1].Stop))
		}
		q := "SELECT m.uid, m.modseq FROM messages m "
		if s.join {
			q += "JOIN contents c ON c.id = m.content "
		}
		q += "WHERE m.mailbox = ?"
		for _, w := range s.where {
			q += " AND " + w
		}
		rows, err := t.c.c.QueryContext(t.ctx, q+" ORDER BY m.uid", append([]any{mb.id}, s.args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var uid imap.UID
			var modseq uint64
			if err := rows.Scan(&uid, &modseq); err != nil {
				return err
			}
			if ranges != nil && !store.InRanges(ranges, uid) {
				continue
			}
			res.UIDs = append(res.UIDs, uid)
			res.HighestModSeq = max(res.HighestModSeq, modseq)
		}
		return rows.Err()
	})
	return res, mb.wrap("search", err)
}
