package store

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// SummaryParts selects what SortSummaries loads of each message besides
// its UID: the fields a SORT or THREAD orders by.
type SummaryParts uint8

// The parts SortSummaries can load.
const (
	SummarySubject   SummaryParts = 1 << iota // SortRow.Subject
	SummaryAddresses                          // SortRow.Summary: From, To, Cc, Bcc
	SummaryThreading                          // SortRow.Thread
	SummaryDate                               // SortRow.Sent
	SummaryArrival                            // SortRow.Arrival
	SummarySize                               // SortRow.Size
	// SummaryFirstFrom is SortRow.FromMailbox: SORT (FROM)'s key (RFC
	// 5256 §3), which a store can keep apart from the rest of the
	// summary.
	SummaryFirstFrom

	// SummaryText is the parts read from the stored summary text.
	SummaryText = SummarySubject | SummaryAddresses | SummaryThreading
)

// SortRow is one message as SortSummaries loads it. The dates and the
// size are plain numbers, the subject and the first From mailbox plain
// strings, and Summary and Thread are nil unless the addresses or the
// threading parts were asked for, so that the rows of a SORT (DATE) over 100 000
// messages are a few megabytes the garbage collector need not look
// into, where whole Messages with summaries were forty.
type SortRow struct {
	UID         imap.UID
	Arrival     int64      // SummaryArrival: the internal date, Unix seconds
	Sent        int64      // SummaryDate: the Date header, else the internal date (RFC 5256 §2.2), Unix seconds
	Size        int64      // SummarySize
	Subject     string     // SummarySubject
	FromMailbox string     // SummaryFirstFrom: the first From address's mailbox, "" without one
	Summary     *Summary   // SummaryAddresses; nil when not asked for
	Thread      *ThreadIDs // SummaryThreading; nil when not asked for
}

// ThreadIDs are the message ids THREAD REFERENCES links messages by (RFC
// 5256 §2.2). They come apart from the rest of the summary so that a
// THREAD over 100 000 messages does not allocate and zero 100 000 whole
// Summaries, four times the size.
type ThreadIDs struct {
	MessageID  string   // without angle brackets
	InReplyTo  []string // message ids, without angle brackets
	References []string // message ids, oldest first
}

// SortRowOf is m as a SortRow with every part, for callers that have
// whole messages (a store without a SummaryLoader).
func SortRowOf(m *Message) SortRow {
	r := SortRow{UID: m.UID, Arrival: m.InternalDate.Unix(), Sent: m.InternalDate.Unix(), Size: m.Size, Summary: m.Summary}
	if m.Summary == nil {
		return r
	}
	if !m.Summary.Date.IsZero() {
		r.Sent = m.Summary.Date.Unix()
	}
	r.Subject = m.Summary.Subject
	r.Thread = &ThreadIDs{MessageID: m.Summary.MessageID, InReplyTo: m.Summary.InReplyTo, References: m.Summary.References}
	if len(m.Summary.From) > 0 {
		r.FromMailbox = m.Summary.From[0].Mailbox
	}
	return r
}

// SummaryLoader is implemented by a Mailbox that can load the few
// summary fields SORT and THREAD look at without decoding whole
// summaries: on a mailbox of 100 000 messages decoding every summary
// costs more than the sort itself.
type SummaryLoader interface {
	// SortSummaries returns the messages of uids in ascending UID order,
	// each with its UID and the parts asked for; everything else is
	// zero. Each part costs on every message (SORT (REVERSE ARRIVAL)
	// over 100 000 messages reads two columns, not seven), so ask for no
	// more than the order needs.
	SortSummaries(ctx context.Context, uids imap.UIDSet, parts SummaryParts) ([]SortRow, error)
}

// SortNumber is one message's value of a numeric sort key.
type SortNumber struct {
	UID   imap.UID
	Value int64
}

// NumberLoader is implemented by a Mailbox that can load one numeric sort
// key (SummaryArrival, SummaryDate or SummarySize) as bare pairs: SORT
// (DATE) or (REVERSE ARRIVAL) over 100 000 messages then holds 1.6 MB the
// garbage collector need not scan, where SortRows were 8 MB with
// pointers in them.
type NumberLoader interface {
	// SortNumbers returns the messages of uids in ascending UID order,
	// each with its value of part (one of the three numeric parts).
	SortNumbers(ctx context.Context, uids imap.UIDSet, part SummaryParts) ([]SortNumber, error)
}
