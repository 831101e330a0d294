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
	SummarySubject   SummaryParts = 1 << iota // Summary.Subject
	SummaryAddresses                          // Summary.From, To, Cc, Bcc
	SummaryThreading                          // Summary.MessageID, InReplyTo, References
	SummaryDate                               // Summary.Date: the sent date
	SummaryArrival                            // InternalDate
	SummarySize                               // Size

	// SummaryText is the parts read from the stored summary text.
	SummaryText = SummarySubject | SummaryAddresses | SummaryThreading
)

// SummaryLoader is implemented by a Mailbox that can load the few
// summary fields SORT and THREAD look at without decoding whole
// summaries: on a mailbox of 100 000 messages decoding every summary
// costs more than the sort itself.
type SummaryLoader interface {
	// SortSummaries returns the messages of uids in ascending UID order,
	// each with its UID and the parts asked for; everything else is
	// zero, and Summary is nil unless a Summary part was asked for.
	// SummaryDate sets Date to the sent date: the Date header, else the
	// internal date, as RFC 5256 §2.2 sorts by. Each part costs on every
	// message (SORT (REVERSE ARRIVAL) over 100 000 messages reads two
	// columns, not seven), so ask for no more than the order needs.
	SortSummaries(ctx context.Context, uids imap.UIDSet, parts SummaryParts) ([]Message, error)
}
