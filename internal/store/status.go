package store

import "github.com/emersion/go-imap/v2"

// Status is the state of one mailbox, everything STATUS, SELECT and LIST
// need apart from the messages themselves.
type Status struct {
	ID            string // stable mailbox id (RFC 8474 MAILBOXID); survives RENAME
	Name          string // canonical name, '/'-separated
	UIDValidity   uint32
	UIDNext       imap.UID
	HighestModSeq uint64
	CreatedModSeq uint64 // modseq of the CREATE (Cyrus's X-CREATEDMODSEQ)
	Messages      uint32
	Unseen        uint32
	Deleted       uint32 // messages with \Deleted (STATUS DELETED, RFC 9051)
	Recent        uint32 // messages above the recent mark (see Mailbox.ClaimRecent)
	Size          int64  // sum of message sizes (STATUS=SIZE, RFC 8438)
	SpecialUse    []imap.MailboxAttr
}

// MailboxInfo is one mailbox in an account listing.
type MailboxInfo struct {
	Status
	HasChildren bool // some existing mailbox lies below this one
	ACL         ACL
}

// View is a consistent snapshot of a mailbox for SELECT/EXAMINE: its status,
// every message's UID, modseq and flags in ascending UID order (the IMAP
// layer builds its sequence-number map from it), and the keywords defined
// in the account (for the FLAGS response).
type View struct {
	Status   Status
	Messages []MessageFlags
	Keywords []imap.Flag
}

// Changes are what happened to a mailbox after a modseq: every message
// added or changed since (Messages, ascending UID), and every UID expunged
// since (Expunged, ascending). The IMAP layer tells new messages from flag
// changes by its own UID map. RFC 7162 §3.1.4.1 / §3.2.5.
type Changes struct {
	HighestModSeq uint64
	Messages      []MessageFlags
	Expunged      []imap.UID
}

// CreateOptions are the optional parts of CREATE.
type CreateOptions struct {
	// SpecialUse attributes (RFC 6154 CREATE-SPECIAL-USE).
	SpecialUse []imap.MailboxAttr
	// ACL of the new mailbox. Nil means: a copy of the parent's ACL if
	// the parent exists (as Cyrus), else the owner with OwnerRights.
	ACL ACL
}

// SpecialUses are the special-use attributes a mailbox may carry (RFC 6154
// §2, RFC 8457 \Important).
var SpecialUses = []imap.MailboxAttr{
	imap.MailboxAttrAll, imap.MailboxAttrArchive, imap.MailboxAttrDrafts,
	imap.MailboxAttrFlagged, imap.MailboxAttrJunk, imap.MailboxAttrSent,
	imap.MailboxAttrTrash, imap.MailboxAttrImportant,
}
