package store

import (
	"time"

	"github.com/emersion/go-imap/v2"
)

// Criteria is a conjunction of the search keys the store can evaluate from
// its metadata; the zero value matches every message. The IMAP layer
// composes OR and NOT from UID sets and does body and other header
// searches itself (from the message bytes).
type Criteria struct {
	UIDs     imap.UIDSet // nil means all; 0 ("*") is the highest UID present
	Flags    []imap.Flag // all set
	NotFlags []imap.Flag // none set
	Larger   int64       // size > Larger, if > 0
	Smaller  int64       // size < Smaller, if > 0

	// Since and Before bound the internal date's calendar day in its own
	// zone, [Since, Before), each taken as the date it falls on in UTC:
	// RFC 9051 §6.4.4's SINCE and BEFORE disregard time and timezone.
	Since, Before           time.Time
	SentSince, SentBefore   time.Time // Date: header (internal date if absent, RFC 5256 §2.2)
	SavedSince, SavedBefore time.Time // save date (RFC 8514)

	ModSeq uint64 // modseq >= ModSeq (RFC 7162 §3.1.5), if > 0

	Header []HeaderTest // each holds (SEARCH FROM, TO, CC, BCC, SUBJECT)
}

// SearchResult lists matching UIDs in ascending order, with the highest
// modseq among them (the MODSEQ of RFC 7162 §3.1.5's SEARCH answer).
type SearchResult struct {
	UIDs          []imap.UID
	HighestModSeq uint64
}
