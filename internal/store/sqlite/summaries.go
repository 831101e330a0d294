package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

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
	err := mb.readRanges(ctx, uids, func(t *tx, ranges []imap.UIDRange) error {
		n := min(uidSpan(ranges), 1<<20)
		p := planSort(parts)
		if p.numeric() {
			var err error
			out, err = numericRows(t, p, mb.id, ranges, n)
			return err
		}
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

// numeric reports that the plan reads only integer columns, so that
// numericRows can read them as one aggregate (SORT (ARRIVAL), (DATE),
// (SIZE) and their reverses).
func (p sortPlan) numeric() bool { return !p.keys && !p.text }

// numericRows reads a numeric plan's rows with numericLists.
func numericRows(t *tx, p sortPlan, mailbox int64, ranges []imap.UIDRange, n int) ([]store.SortRow, error) {
	out := make([]store.SortRow, 0, n)
	err := numericLists(t, p.columns(), mailbox, ranges, func(vals []int64) {
		out = append(out, p.numericRow(vals))
	})
	byUID(out, func(r store.SortRow) imap.UID { return r.UID })
	return out, err
}

// SortNumbers implements store.NumberLoader with numericLists.
func (mb *mailbox) SortNumbers(ctx context.Context, uids imap.UIDSet, part store.SummaryParts) ([]store.SortNumber, error) {
	switch part {
	case store.SummaryArrival, store.SummaryDate, store.SummarySize:
	default:
		return nil, fmt.Errorf("sort numbers: parts %#x are not one numeric part", part)
	}
	cols := sortPlan{parts: part}.columns()
	var out []store.SortNumber
	err := mb.readRanges(ctx, uids, func(t *tx, ranges []imap.UIDRange) error {
		out = make([]store.SortNumber, 0, min(uidSpan(ranges), 1<<20))
		return numericLists(t, cols, mb.id, ranges, func(vals []int64) {
			out = append(out, store.SortNumber{UID: imap.UID(vals[0]), Value: vals[1]})
		})
	})
	byUID(out, func(n store.SortNumber) imap.UID { return n.UID })
	return out, mb.wrap("sort numbers", err)
}

// byUID puts rows read by numericLists in ascending UID order, as the
// row-by-row queries' ORDER BY m.uid gives. SQLite promises no order for
// an aggregate's input; the scan of the primary key it runs yields them
// in order already, which is checked first.
func byUID[T any](rows []T, uid func(T) imap.UID) {
	byUID := func(a, b T) int { return cmp.Compare(uid(a), uid(b)) }
	if !slices.IsSortedFunc(rows, byUID) {
		slices.SortFunc(rows, byUID)
	}
}

// readRanges runs fn in a read transaction with uids resolved to the
// mailbox's ranges, when there are any.
func (mb *mailbox) readRanges(ctx context.Context, uids imap.UIDSet, fn func(t *tx, ranges []imap.UIDRange) error) error {
	return mb.u.read(ctx, func(t *tx) error {
		if _, err := loadMailbox(t, mb.id); err != nil {
			return err
		}
		ranges, err := resolveUIDs(t, mb.id, uids)
		if err != nil || len(ranges) == 0 {
			return err
		}
		return fn(t, ranges)
	})
}

// numericLists reads the UID and the integer columns cols of the
// messages in ranges as one aggregate row per range (see forRanges):
// each column of every message as a comma-separated list of integers,
// the lists in the same row order, and calls row with each message's
// values (UID first) that lies in ranges. As with searchSQL.uidList, a
// row per message cost more in the driver than the scan did in SQLite:
// most of SORT (DATE)'s time on 100 000 messages. One list per column,
// rather than one of the columns joined with ||, spares SQLite a string
// per row.
func numericLists(t *tx, cols []string, mailbox int64, ranges []imap.UIDRange, row func(vals []int64)) error {
	cols = append([]string{"m.uid"}, cols...)
	q := "SELECT group_concat(" + strings.Join(cols, "), group_concat(") + ") FROM messages m" +
		" WHERE m.mailbox = ? AND m.uid BETWEEN ? AND ?"
	lists := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range lists {
		dest[i] = &lists[i]
	}
	vals := make([]int64, len(cols))
	return forRanges(t, q, nil, mailbox, ranges, func(rows rowScanner) error {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for len(lists[0]) > 0 {
			for i := range lists {
				var err error
				if vals[i], lists[i], err = nextInt(lists[i]); err != nil {
					return fmt.Errorf("sort column %s: %w", cols[i], err)
				}
			}
			if store.InRanges(ranges, imap.UID(vals[0])) {
				row(vals)
			}
		}
		for i := range lists {
			if len(lists[i]) > 0 {
				return fmt.Errorf("sort column %s: more values than UIDs", cols[i])
			}
		}
		return nil
	})
}

// numericRow is the row of a numeric plan's values: the UID, then the
// columns in columns' order.
func (p sortPlan) numericRow(vals []int64) store.SortRow {
	r := store.SortRow{UID: imap.UID(vals[0])}
	i := 1
	for _, f := range [...]struct {
		part store.SummaryParts
		dst  *int64
	}{{store.SummaryArrival, &r.Arrival}, {store.SummarySize, &r.Size}, {store.SummaryDate, &r.Sent}} {
		if p.parts&f.part != 0 {
			*f.dst = vals[i]
			i++
		}
	}
	return r
}

// nextInt reads the integer at the start of a comma-separated list, as
// SQLite writes integers (an optional minus sign and decimal digits), and
// returns the rest after its comma. Up to 18 digits are taken, which
// cannot overflow: the columns are dates in seconds, sizes and UIDs.
func nextInt(list []byte) (int64, []byte, error) {
	f, rest, _ := bytes.Cut(list, []byte{','})
	digits, neg := f, false
	if len(digits) > 0 && digits[0] == '-' {
		digits, neg = digits[1:], true
	}
	if len(digits) == 0 || len(digits) > 18 {
		return 0, nil, fmt.Errorf("bad integer %q", f)
	}
	var v int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, nil, fmt.Errorf("bad integer %q", f)
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, rest, nil
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
// and thread ids come from slabs, not an allocation each; without the
// addresses, the summary is decoded into scratch and only what the row
// keeps is copied out.
type sortScanner struct {
	plan    sortPlan
	slab    []store.Summary
	threads []store.ThreadIDs
	scratch store.Summary
	vals    [6]any
	text    sql.RawBytes
	dest    []any // pointers to vals or text, one per column
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
	if p.parts&store.SummaryAddresses != 0 {
		sc.slab = make([]store.Summary, 0, n)
	}
	if p.parts&store.SummaryThreading != 0 {
		sc.threads = make([]store.ThreadIDs, 0, n)
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
		return r, sc.decode(&r)
	}
	return r, nil
}

// decode fills r's parts from the summary text.
func (sc *sortScanner) decode(r *store.SortRow) error {
	sum := &sc.scratch
	if sc.plan.parts&store.SummaryAddresses != 0 {
		sc.slab = append(sc.slab, store.Summary{})
		sum = &sc.slab[len(sc.slab)-1]
		r.Summary = sum
	} else {
		*sum = store.Summary{}
	}
	if err := decodeSummaryParts(sc.text, sc.plan.parts, sum); err != nil {
		return fmt.Errorf("summary of UID %d: %w", r.UID, err)
	}
	r.Subject = sum.Subject
	if sc.plan.parts&store.SummaryFirstFrom != 0 && len(sum.From) > 0 {
		r.FromMailbox = sum.From[0].Mailbox
	}
	if sc.plan.parts&store.SummaryThreading != 0 {
		sc.threads = append(sc.threads, store.ThreadIDs{MessageID: sum.MessageID, InReplyTo: sum.InReplyTo, References: sum.References})
		r.Thread = &sc.threads[len(sc.threads)-1]
	}
	return nil
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
