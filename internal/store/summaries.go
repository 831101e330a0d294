package store

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// SummaryParts selects the parts of a Summary a SORT or THREAD needs.
type SummaryParts uint8

// The parts SortSummaries can load besides the sent date.
const (
	SummarySubject   SummaryParts = 1 << iota // Subject
	SummaryAddresses                          // From, To, Cc, Bcc
	SummaryThreading                          // MessageID, InReplyTo, References
)

// SummaryLoader is implemented by a Mailbox that can load the few
// summary fields SORT and THREAD look at without decoding whole
// summaries: on a mailbox of 100 000 messages decoding every summary
// costs more than the sort itself.
type SummaryLoader interface {
	// SortSummaries returns the messages of uids in ascending UID order,
	// each with UID, InternalDate, Size and a Summary holding Date (the
	// sent date: the Date header, else the internal date, as RFC 5256
	// §2.2 sorts by) and the parts asked for; everything else is zero.
	SortSummaries(ctx context.Context, uids imap.UIDSet, parts SummaryParts) ([]Message, error)
}
