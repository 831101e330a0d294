package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// searchSQL accumulates the WHERE clause of a search.
type searchSQL struct {
	where  []string
	args   []any
	join   bool               // needs contents (the summary)
	header []store.HeaderTest // tested in Go on the decoded summary
	parts  store.SummaryParts // what of the summary header reads

	// What scan reads into, set once per query (see sortScanner for why
	// any and sql.RawBytes).
	vals [2]any
	text sql.RawBytes
	dest []any
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

// days adds [since, before) conditions on the calendar day of the
// internal date in its own zone (store.Criteria.Since): the local time
// as Unix seconds is internaldate + internalzone, and its day is at or
// after a midnight exactly when those seconds are.
func (s *searchSQL) days(since, before time.Time) {
	midnight := func(t time.Time) int64 {
		y, m, d := t.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	}
	if !since.IsZero() {
		s.add("m.internaldate + m.internalzone >= ?", midnight(since))
	}
	if !before.IsZero() {
		s.add("m.internaldate + m.internalzone < ?", midnight(before))
	}
}

// headers adds the envelope tests: each is checked in Go on the decoded
// summary, and where its value allows, SQL first keeps only rows whose
// summary text contains it (likePattern), so a search for a sender
// decodes the few summaries that can match rather than every one.
func (s *searchSQL) headers(tests []store.HeaderTest) {
	for _, h := range tests {
		s.join = true
		s.header = append(s.header, h)
		s.parts |= h.Parts()
		if p, ok := likePattern(h.Value); ok {
			s.add(`CAST(c.summary AS TEXT) LIKE ? ESCAPE '\'`, p)
		}
	}
}

// likePattern is a LIKE pattern that holds for every summary whose
// field contains v, when there is one. The summary is JSON
// (encoding/json): a printable ASCII value appears in it as it is,
// unless it has a character JSON escapes (" \ < > &), and SQLite's LIKE
// folds ASCII case as ContainsFold does. An address is matched in its
// written form "Name <mailbox@host>", whose parts the JSON holds apart,
// so a value with @ or ending in a space (which could reach across
// " <") gets no pattern. Nor does a value longer than any summary field
// is likely to be: SQLite refuses LIKE patterns over 50 000 bytes, and a
// client's long search string must get an answer, not an error.
func likePattern(v string) (string, bool) {
	if v == "" || strings.HasSuffix(v, " ") || len(v) > 1000 {
		return "", false
	}
	var b strings.Builder
	b.WriteByte('%')
	for i := range len(v) {
		c := v[i]
		switch {
		case c < 0x20 || c > 0x7e || strings.IndexByte(`"\<>&@`, c) >= 0:
			return "", false
		case c == '%' || c == '_':
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteByte('%')
	return b.String(), true
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
	s.days(c.Since, c.Before)
	s.times("m.savedate", c.SavedSince, c.SavedBefore)
	s.times("m.sentdate", c.SentSince, c.SentBefore)
	if c.ModSeq > 0 {
		s.add("m.modseq >= ?", c.ModSeq)
	}
	s.headers(c.Header)
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
		if len(s.header) == 0 && len(ranges) <= 1 {
			res, err = s.uidList(t, mb.id)
			return err
		}
		rows, err := t.c.c.QueryContext(t.ctx, s.query(), append([]any{mb.id}, s.args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			uid, modseq, ok, err := s.scan(rows)
			if err != nil {
				return err
			}
			if !ok || (ranges != nil && !store.InRanges(ranges, uid)) {
				continue
			}
			res.UIDs = append(res.UIDs, uid)
			res.HighestModSeq = max(res.HighestModSeq, modseq)
		}
		return rows.Err()
	})
	return res, mb.wrap("search", err)
}

// query is the SELECT; its first parameter is the mailbox, then s.args.
func (s *searchSQL) query() string {
	q := "SELECT m.uid, m.modseq"
	if len(s.header) > 0 {
		q += ", c.summary"
	}
	q += " FROM messages m "
	if s.join {
		q += "JOIN contents c ON c.id = m.content "
	}
	q += "WHERE m.mailbox = ?"
	for _, w := range s.where {
		q += " AND " + w
	}
	return q + " ORDER BY m.uid"
}

// scan reads a row of query and reports whether it passes the header
// tests.
func (s *searchSQL) scan(rows rowScanner) (imap.UID, uint64, bool, error) {
	if s.dest == nil {
		s.dest = []any{&s.vals[0], &s.vals[1]}
		if len(s.header) > 0 {
			s.dest = append(s.dest, &s.text)
		}
	}
	if err := rows.Scan(s.dest...); err != nil {
		return 0, 0, false, err
	}
	n, _ := s.vals[0].(int64)
	m, _ := s.vals[1].(int64)
	uid, modseq := imap.UID(n), uint64(m)
	if len(s.header) == 0 {
		return uid, modseq, true, nil
	}
	var sum store.Summary
	if err := decodeSummaryParts(s.text, s.parts, &sum); err != nil {
		return 0, 0, false, fmt.Errorf("summary of UID %d: %w", uid, err)
	}
	for _, h := range s.header {
		if !h.Matches(&sum) {
			return uid, modseq, false, nil
		}
	}
	return uid, modseq, true, nil
}

// uidList runs a search without header tests as one aggregate row: the
// matching UIDs as a comma-separated list, and their highest modseq.
// Handing SQLite's answer over a row at a time costs more in the driver
// than the scan does in SQLite (half of SEARCH SINCE's time on 100 000
// messages went to database/sql and modernc's per-row calls), and the
// list is quick to parse. Only the UID range is in the conditions then,
// so every row counted is a match and the modseq is theirs.
func (s *searchSQL) uidList(t *tx, mailbox int64) (store.SearchResult, error) {
	q := "SELECT group_concat(m.uid), max(m.modseq) FROM messages m WHERE m.mailbox = ?"
	for _, w := range s.where {
		q += " AND " + w
	}
	rows, err := t.c.c.QueryContext(t.ctx, q, append([]any{mailbox}, s.args...)...)
	if err != nil {
		return store.SearchResult{}, err
	}
	defer rows.Close()
	var res store.SearchResult
	if !rows.Next() {
		return res, rows.Err()
	}
	var list sql.RawBytes
	var top sql.NullInt64
	if err := rows.Scan(&list, &top); err != nil {
		return res, err
	}
	if res.UIDs, err = parseUIDList(list); err != nil {
		return res, err
	}
	res.HighestModSeq = uint64(top.Int64)
	return res, rows.Err()
}

// parseUIDList reads group_concat's list of UIDs, ascending. SQLite
// gives no order for an aggregate's input; a scan of the primary key
// yields it ascending, and a plan that does not is sorted here.
func parseUIDList(list []byte) ([]imap.UID, error) {
	if len(list) == 0 {
		return nil, nil
	}
	uids := make([]imap.UID, 0, bytes.Count(list, []byte{','})+1)
	for f := range bytes.SplitSeq(list, []byte{','}) {
		n, err := strconv.ParseUint(string(f), 10, 32)
		if err != nil || n == 0 {
			return nil, fmt.Errorf("UID list: bad UID %q", f)
		}
		uids = append(uids, imap.UID(n))
	}
	if !slices.IsSorted(uids) {
		slices.Sort(uids)
	}
	return uids, nil
}
