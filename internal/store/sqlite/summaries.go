package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// SortSummaries implements store.SummaryLoader: one query over the span
// of uids (or one per range of a sparse set, see forRanges) that reads
// only the columns asked for — each column of each row costs, and a
// SORT (REVERSE ARRIVAL) over 100 000 messages needs no contents row at
// all — and from the summary only the parts asked for (see
// decodeSummaryParts).
func (mb *mailbox) SortSummaries(ctx context.Context, uids imap.UIDSet, parts store.SummaryParts) ([]store.SortRow, error) {
	var out []store.SortRow
	err := mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		ranges, err := resolveUIDs(t, mb.id, uids)
		if err != nil || len(ranges) == 0 {
			return err
		}
		n := min(uidSpan(ranges), 1<<20)
		p := planSort(parts)
		sc := newSortScanner(p, n)
		out = make([]store.SortRow, 0, n)
		return forRanges(t, p.query(), nil, mb.id, ranges, func(rows rowScanner) error {
			r, err := sc.scan(rows)
			if err != nil {
				return err
			}
			if store.InRanges(ranges, r.UID) {
				out = append(out, r)
			}
			return nil
		})
	})
	return out, mb.wrap("sort summaries", err)
}

// sortPlan is how SortSummaries reads parts: the numbers from messages;
// the subject and the first From mailbox from sortkeys when nothing else
// of the summary is wanted (SORT (SUBJECT), SORT (FROM), THREAD
// ORDEREDSUBJECT); else the summary from contents.
type sortPlan struct {
	parts store.SummaryParts
	keys  bool // subject and first From mailbox from sortkeys
	text  bool // the summary from contents
}

func planSort(parts store.SummaryParts) sortPlan {
	keys := parts&(store.SummaryAddresses|store.SummaryThreading) == 0 &&
		parts&(store.SummarySubject|store.SummaryFirstFrom) != 0
	return sortPlan{parts: parts, keys: keys, text: !keys && parts&(store.SummaryText|store.SummaryFirstFrom) != 0}
}

// columns are the plan's columns after m.uid, in the order scan reads
// them.
func (p sortPlan) columns() []string {
	var cols []string
	add := func(part store.SummaryParts, sql string) {
		if p.parts&part != 0 {
			cols = append(cols, sql)
		}
	}
	add(store.SummaryArrival, "m.internaldate")
	add(store.SummarySize, "m.size")
	add(store.SummaryDate, "m.sentdate")
	if p.keys {
		add(store.SummarySubject, "k.subject")
		add(store.SummaryFirstFrom, "k.frommailbox")
	}
	if p.text {
		cols = append(cols, "c.summary")
	}
	return cols
}

// query is SortSummaries' query; its last parameters are those
// forRanges binds. sortkeys is LEFT JOINed: a message whose keys were
// somehow lost sorts as if it had no subject, rather than vanishing
// from the result.
func (p sortPlan) query() string {
	q := "SELECT m.uid"
	for _, c := range p.columns() {
		q += ", " + c
	}
	q += " FROM messages m"
	if p.keys {
		q += " LEFT JOIN sortkeys k ON k.content = m.content"
	}
	if p.text {
		q += " JOIN contents c ON c.id = m.content"
	}
	return q + " WHERE m.mailbox = ? AND m.uid BETWEEN ? AND ? ORDER BY m.uid"
}

// sortScanner reads the rows of a sortPlan's query. It scans into any:
// database/sql hands a driver value to *any as it is, where *int64 goes
// through reflection, and at 100 000 rows per SORT that is a tenth of
// the command. The summary text is read in place (sql.RawBytes: the
// decoder copies out the strings it keeps), where *any would copy 45 MB
// of summaries for a SORT (SUBJECT) over 100 000 messages. Summaries
// come from one slab, not an allocation each.
type sortScanner struct {
	plan sortPlan
	slab []store.Summary
	vals [6]any
	text sql.RawBytes
	dest []any // pointers to vals or text, one per column
}

// newSortScanner makes a scanner for p's query, sized for n rows.
func newSortScanner(p sortPlan, n int) *sortScanner {
	sc := &sortScanner{plan: p}
	cols := 1 + len(p.columns())
	for i := range cols {
		sc.dest = append(sc.dest, &sc.vals[i])
	}
	if p.text {
		sc.dest[cols-1] = &sc.text // the last column
	}
	if p.text {
		sc.slab = make([]store.Summary, 0, n)
	}
	return sc
}

// scan reads one row.
func (sc *sortScanner) scan(rows rowScanner) (store.SortRow, error) {
	var r store.SortRow
	if err := rows.Scan(sc.dest...); err != nil {
		return r, err
	}
	col := func(i int) int64 { v, _ := sc.vals[i].(int64); return v }
	r.UID = imap.UID(col(0))
	i := 1
	next := func(part store.SummaryParts, dst *int64) {
		if sc.plan.parts&part != 0 {
			*dst = col(i)
			i++
		}
	}
	next(store.SummaryArrival, &r.Arrival) // in columns' order
	next(store.SummarySize, &r.Size)
	next(store.SummaryDate, &r.Sent)
	switch {
	case sc.plan.keys:
		if sc.plan.parts&store.SummarySubject != 0 {
			r.Subject = textOf(sc.vals[i])
			i++
		}
		if sc.plan.parts&store.SummaryFirstFrom != 0 {
			r.FromMailbox = textOf(sc.vals[i])
		}
	case sc.plan.text:
		sc.slab = append(sc.slab, store.Summary{})
		r.Summary = &sc.slab[len(sc.slab)-1]
		if err := decodeSummaryParts(sc.text, sc.plan.parts, r.Summary); err != nil {
			return r, fmt.Errorf("summary of UID %d: %w", r.UID, err)
		}
		r.Subject = r.Summary.Subject
		if sc.plan.parts&store.SummaryFirstFrom != 0 && len(r.Summary.From) > 0 {
			r.FromMailbox = r.Summary.From[0].Mailbox
		}
	}
	return r, nil
}

// textOf is a TEXT column's value; NULL (no sortkeys row) is "".
func textOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}

// uidSpan is how many UIDs ranges cover, to size the result.
func uidSpan(ranges []imap.UIDRange) int {
	n := 0
	for _, r := range ranges {
		n += int(r.Stop-r.Start) + 1
	}
	return n
}
