package store

import (
	"context"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Reconstructor is implemented by backends whose metadata can be rebuilt
// from their message files: what reconstruct(8) and quota(8) -f need. It
// is separate from Store because it works on accounts that cannot be
// opened (a database lost or damaged), and because a backend without
// message files of its own has nothing to rebuild from.
type Reconstructor interface {
	// Reconstruct checks one account's metadata against its message files
	// and repairs it; see ReconstructOptions for what it does. It works
	// whether or not the account can be opened, and never removes a
	// message file that may hold mail unless told to (RemoveCorrupt,
	// OddRemove). ErrNoUser if the user has no directory in the store.
	Reconstruct(ctx context.Context, user string, opts ReconstructOptions) (ReconstructReport, error)
	// FixQuota recomputes an account's quota usage from its messages and,
	// unless dryRun, stores it (quota -f).
	FixQuota(ctx context.Context, user string, dryRun bool) (QuotaFix, error)
	// UsersOnDisk lists every user that has a directory in the store,
	// including those whose database is missing (Users lists only
	// accounts that can be opened). Sorted.
	UsersOnDisk(ctx context.Context) ([]string, error)
}

// ReconstructOptions tune Reconstructor.Reconstruct. The zero value checks
// the whole account, repairs what it can and reports odd files.
type ReconstructOptions struct {
	// Mailboxes limits the per-mailbox checks (missing files, Verify) to
	// these canonical names; nil means every mailbox. Account-wide repairs
	// (a lost database, UIDNEXT/MODSEQ floors, counters, quota usage) are
	// always made, and files without metadata are added to INBOX only
	// when INBOX is among the mailboxes checked.
	Mailboxes []string
	// DryRun reports what would be fixed and changes nothing.
	DryRun bool
	// NoSalvage rebuilds a damaged database from the message files alone,
	// without reading what is still readable in it (reconstruct -x).
	NoSalvage bool
	// SkipStat does not check that every message's file exists
	// (reconstruct -s).
	SkipStat bool
	// Verify re-reads every message file and compares it with its GUID
	// (reconstruct -G). Mismatches are reported, and repaired only with
	// RenumberCorrupt or RemoveCorrupt.
	Verify bool
	// RenumberCorrupt gives a message whose file no longer matches its
	// GUID a new UID, with the GUID and size of the file as it is, so
	// that clients fetch it again (reconstruct -R).
	RenumberCorrupt bool
	// RemoveCorrupt removes messages whose file no longer matches their
	// GUID, and the files (reconstruct -U): their content is lost.
	RemoveCorrupt bool
	// OddFiles says what to do with files in the message tree that are
	// not message files.
	OddFiles OddFilePolicy
	// Grace protects appends in progress: a message file without metadata
	// modified more recently than this is left alone (and reported) rather
	// than added. Zero means DefaultSweepGrace; negative means no grace.
	// When the database itself has to be rebuilt, every file that existed
	// when reconstruct started is taken whatever its age.
	Grace time.Duration
	// Describe parses a message file being added back: its internal date
	// (zero: the file's modification time), summary and structure. The
	// store never parses mail itself; nil leaves them empty.
	Describe func(raw []byte, modTime time.Time) NewMessage
}

// OddFilePolicy is what Reconstruct does with odd files: anything in the
// message tree that is not a message file (a stray name, an empty file).
type OddFilePolicy uint8

const (
	OddReport OddFilePolicy = iota // report them, leave them (Cyrus's default)
	OddIgnore                      // say nothing (reconstruct -o)
	OddRemove                      // remove them (reconstruct -O)
)

// ReconstructReport says what Reconstruct found and did (or, with DryRun,
// would do).
type ReconstructReport struct {
	User string
	// Rebuilt: the database was missing or unusable and was rebuilt.
	Rebuilt bool
	Fixes   []Fix
	// Events are the changes made, for notifying idled as imapd does.
	Events []Event
}

// Fix is one thing Reconstruct repaired or reports.
type Fix struct {
	Kind    FixKind
	Mailbox string   // canonical mailbox name; "" for the account
	UID     imap.UID // the message's UID, when it has one (after the fix for additions)
	File    string   // the message file concerned, relative to the user's directory
	Detail  string   // specifics for the admin
}

// FixKind classifies a Fix.
type FixKind uint8

// Kinds of fix.
const (
	FixRebuilt     FixKind = iota + 1 // database rebuilt; Detail says why and where the old one went
	FixSalvaged                       // a mailbox recovered from the damaged database
	FixAdopted                        // a message file without metadata added to the mailbox
	FixMissing                        // a message whose file is gone removed
	FixBroken                         // a message row without its content row removed
	FixMoved                          // a message of a mailbox that no longer exists moved to INBOX
	FixCorrupt                        // a file that no longer matches its GUID (Verify)
	FixRenumbered                     // a corrupt message given a new UID (RenumberCorrupt)
	FixRemoved                        // a corrupt message removed (RemoveCorrupt)
	FixCounters                       // mailbox counters or quota usage corrected
	FixUIDNext                        // UIDNEXT raised above the highest UID used
	FixModSeq                         // HIGHESTMODSEQ or the account's modseq raised
	FixUIDValidity                    // the account's last UIDVALIDITY raised
	FixInbox                          // INBOX created
	FixOdd                            // an odd file reported or removed
	FixRecent                         // a file without metadata too recent to add (Grace)
)

var fixKindNames = [...]string{"", "rebuilt", "salvaged", "added", "missing", "broken", "moved",
	"corrupt", "renumbered", "removed", "counters", "uidnext", "modseq", "uidvalidity", "inbox",
	"odd", "recent"}

// String names the kind for reports.
func (k FixKind) String() string {
	if int(k) < len(fixKindNames) && k != 0 {
		return fixKindNames[k]
	}
	return "unknown"
}

// QuotaFix is the quota usage of one account before and after FixQuota.
type QuotaFix struct {
	Old, New Quota
}

// Changed reports whether the usage was wrong.
func (f QuotaFix) Changed() bool {
	return f.Old.StorageBytes != f.New.StorageBytes || f.Old.Messages != f.New.Messages
}
