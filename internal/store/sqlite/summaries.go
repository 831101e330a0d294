package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// SortSummaries implements store.SummaryLoader: one query over the span
// of uids, the sent date from its column, and from the summary only the
// parts asked for (see decodeSummaryParts).
func (mb *mailbox) SortSummaries(ctx context.Context, uids imap.UIDSet, parts store.SummaryParts) ([]store.Message, error) {
	var out []store.Message
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		ranges, err := resolveUIDs(t, mb.id, uids)
		if err != nil || len(ranges) == 0 {
			return err
		}
		q := "SELECT m.uid, m.internaldate, m.internalzone, m.size, c.sentdate"
		if parts != 0 {
			q += ", c.summary"
		}
		q += " FROM messages m JOIN contents c ON c.id = m.content WHERE m.mailbox = ? AND m.uid BETWEEN ? AND ? ORDER BY m.uid"
		rows, err := t.query(q, mb.id, uint32(ranges[0].Start), uint32(ranges[len(ranges)-1].Stop))
		if err != nil {
			return err
		}
		defer rows.Close()
		zones := zoneCache{}
		out = make([]store.Message, 0, min(uidSpan(ranges), 1<<20))
		for rows.Next() {
			m, err := scanSortRow(rows, parts, zones)
			if err != nil {
				return err
			}
			if store.InRanges(ranges, m.UID) {
				out = append(out, m)
			}
		}
		return rows.Err()
	})
	return out, mb.wrap("sort summaries", err)
}

// scanSortRow reads one row of SortSummaries' query.
func scanSortRow(rows rowScanner, parts store.SummaryParts, zones zoneCache) (store.Message, error) {
	var m store.Message
	var uid uint32
	var internal, sent int64
	var zone int
	var summary []byte
	dest := []any{&uid, &internal, &zone, &m.Size, &sent}
	if parts != 0 {
		dest = append(dest, &summary)
	}
	if err := rows.Scan(dest...); err != nil {
		return m, err
	}
	m.UID, m.InternalDate = imap.UID(uid), zones.at(internal, zone)
	m.Summary = &store.Summary{}
	if parts != 0 {
		if err := decodeSummaryParts(summary, parts, m.Summary); err != nil {
			return m, fmt.Errorf("summary of UID %d: %w", uid, err)
		}
	}
	m.Summary.Date = time.Unix(sent, 0).UTC()
	return m, nil
}

// uidSpan is how many UIDs ranges cover, to size the result.
func uidSpan(ranges []imap.UIDRange) int {
	n := 0
	for _, r := range ranges {
		n += int(r.Stop-r.Start) + 1
	}
	return n
}
