package store

import "github.com/emersion/go-imap/v2"

// QuotaPolicy says how a change that adds messages checks the quota.
type QuotaPolicy uint8

const (
	// QuotaStrict refuses a change that would take usage over a limit
	// (IMAP APPEND/COPY/MOVE; Cyrus's lmtp_strict_quota: yes).
	QuotaStrict QuotaPolicy = iota
	// QuotaLenient refuses only when usage is already over a limit, so the
	// message that crosses it is accepted — Cyrus lmtpd's default (a
	// delivery is refused once the user is over quota, not before).
	QuotaLenient
	// QuotaIgnore never refuses: imapd -q, LMTP IGNOREQUOTA.
	QuotaIgnore
)

// AppendOptions apply to Append, AppendMany, Copy and Move.
type AppendOptions struct {
	Quota QuotaPolicy
}

// AppendResult answers one APPEND: what UIDPLUS's APPENDUID needs
// (RFC 4315 §3).
type AppendResult struct {
	UIDValidity uint32
	UID         imap.UID
}

// MultiAppendResult answers a MULTIAPPEND (RFC 3502): the UIDs of the
// messages in the order given.
type MultiAppendResult struct {
	UIDValidity uint32
	UIDs        []imap.UID
}

// CopyResult answers COPY and MOVE: the destination's UIDVALIDITY and the
// UID mapping for UIDPLUS's COPYUID (RFC 4315 §3), Source[i] → Dest[i],
// in ascending source order.
type CopyResult struct {
	UIDValidity uint32
	Source      []imap.UID
	Dest        []imap.UID
}

// StoreRequest is one STORE (RFC 9051 §6.4.6) with CONDSTORE's
// UNCHANGEDSINCE (RFC 7162 §3.1.3).
type StoreRequest struct {
	Op    imap.StoreFlagsOp
	Flags []imap.Flag
	// With Conditional, a message whose modseq is above UnchangedSince is
	// left alone and reported in StoreResult.Failed.
	Conditional    bool
	UnchangedSince uint64
}

// StoreResult reports a STORE: Updated are the messages whose flags changed
// (with their new modseq), Unchanged those in the set the request left as
// they were, Failed the UIDs refused by UNCHANGEDSINCE (the MODIFIED
// response code). All three are in ascending UID order.
type StoreResult struct {
	Updated   []MessageFlags
	Unchanged []MessageFlags
	Failed    []imap.UID
}
