package idle

import (
	"encoding/binary"
	"fmt"
)

// Type is the kind of a datagram.
type Type uint8

// The datagram types. Watch, Unwatch and Notify go to idled; Wake and
// Resync come from it.
const (
	// Watch: the sender wants a Wake whenever the mailbox changes. The
	// Wake goes to the socket address the Watch came from, so a watcher
	// must send from a bound socket. Re-sent every Watcher.Refresh.
	Watch Type = 1
	// Unwatch: the sender no longer wants Wakes for the mailbox.
	Unwatch Type = 2
	// Notify: the mailbox changed, as of ModSeq (0: not known).
	Notify Type = 3
	// Wake: idled tells a watcher the mailbox changed (ModSeq as notified).
	Wake Type = 4
	// Resync: idled (re)started and asks a watcher to send its Watches
	// again now rather than at its next refresh.
	Resync Type = 5
	// Kick: cyr_kick asks idled to end the hibernated sessions of User
	// ("*": all) with BYE. Added within version 1: an idled that predates
	// it refuses the datagram as of unknown type, which cyr_kick notices
	// when the sessions stay listed.
	Kick Type = 6
)

// String names t as the protocol does.
func (t Type) String() string {
	switch t {
	case Watch:
		return "watch"
	case Unwatch:
		return "unwatch"
	case Notify:
		return "notify"
	case Wake:
		return "wake"
	case Resync:
		return "resync"
	case Kick:
		return "kick"
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// Wire format constants. idled(8) documents the layout byte by byte.
const (
	// Magic starts every datagram: "CVID", Corvus idled.
	Magic = "CVID"
	// Version is the format version this package speaks. A datagram of
	// another version is refused with ErrVersion.
	Version = 1
	// MaxUser and MaxMailboxID bound the two names. RFC 8474 §4 allows a
	// mailbox id of at most 255 characters.
	MaxUser      = 255
	MaxMailboxID = 255
	// headerSize: magic, version, type, pid, modseq.
	headerSize = len(Magic) + 1 + 1 + 4 + 8
	// MinSize and MaxSize bound a datagram: the header and two length
	// bytes, plus at most MaxUser and MaxMailboxID bytes of names.
	MinSize = headerSize + 2
	MaxSize = MinSize + MaxUser + MaxMailboxID
)

// Message is one datagram between idled and its clients.
type Message struct {
	// Type says what the datagram means.
	Type Type
	// PID is the sender's process id (> 0), for logs.
	PID int32
	// User owns the mailbox; empty only in a Resync.
	User string
	// MailboxID is the mailbox's RFC 8474 MAILBOXID; empty only in a
	// Resync.
	MailboxID string
	// ModSeq is the mailbox's modseq after the change, in Notify and
	// Wake (0: not known); 0 in the other types.
	ModSeq uint64
}

// Encode returns m as a datagram, or an error if m breaks a rule Decode
// enforces: what Encode produces, Decode accepts, and the other way round.
func (m Message) Encode() ([]byte, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	b := make([]byte, 0, MinSize+len(m.User)+len(m.MailboxID))
	b = append(b, Magic...)
	b = append(b, Version, byte(m.Type))
	b = binary.BigEndian.AppendUint32(b, uint32(m.PID))
	b = binary.BigEndian.AppendUint64(b, m.ModSeq)
	b = append(b, byte(len(m.User)))
	b = append(b, m.User...)
	b = append(b, byte(len(m.MailboxID)))
	b = append(b, m.MailboxID...)
	return b, nil
}
