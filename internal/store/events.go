package store

// EventKind is what an Event reports.
type EventKind uint8

// Kinds of change. Message-level kinds carry the highest modseq the change
// gave a message of the mailbox; mailbox-level kinds their own modseq.
const (
	EventAppend EventKind = iota + 1 // messages added (APPEND, COPY, MOVE in, delivery)
	EventExpunge
	EventFlags
	EventMailboxCreate
	EventMailboxDelete
	EventMailboxRename
	EventMailboxUpdate // special-use, ACL or metadata changed
)

var eventKindNames = [...]string{"", "append", "expunge", "flags", "create", "delete", "rename", "update"}

// String names the kind for logs and wire formats.
func (k EventKind) String() string {
	if int(k) < len(eventKindNames) && k != 0 {
		return eventKindNames[k]
	}
	return "unknown"
}

// Event is one recorded change: plain data, so that idled can poll for it
// now and a PostgreSQL backend can later publish it with LISTEN/NOTIFY.
// One transaction records at most one event per mailbox and kind.
type Event struct {
	User      string
	MailboxID string
	Kind      EventKind
	ModSeq    uint64
	Name      string // the mailbox name after the change
}
