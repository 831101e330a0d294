// Package sessionstate is the record an IMAP session is frozen into when
// it hibernates: what imapd hands to idled with the client's socket, what
// idled keeps while it holds the connection (updating it when it answers
// a new message itself), and what idled hands to the imapd -R worker that
// thaws the session. It is data only; the IMAP server builds and restores
// it, idled reads and updates it.
package sessionstate

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// State is everything needed to continue a session in another process
// without the client noticing: who is logged in, what is selected and how
// the client numbers its messages, what was enabled, the IDLE in
// progress, where telemetry goes, and input read from the socket but not
// yet consumed.
type State struct {
	User  string
	Admin bool
	TLS   bool // informational: a TLS session is never handed over

	MailboxID   string // the store's mailbox id; "" when not selected
	Mailbox     string // store name; "" when not selected
	ReadOnly    bool
	UIDValidity uint32
	UIDs        []imap.UID // the client's sequence view, ascending
	Recent      []imap.UID // messages \Recent in this session, ascending
	ModSeq      uint64     // highest modseq the client was told about

	Enabled []imap.Cap
	IdleTag string // tag of the IDLE in progress, "" if none
	// IdleDeadline ends the IDLE (imapidletimeout), in Unix milliseconds;
	// 0 if none.
	IdleDeadline int64
	Telemetry    string // telemetry file path, "" if off
	// Service is the cyrus.conf service the session came in on ("imap"):
	// the name the user deny list (cyr_deny -s) is checked under, in
	// idled and in the imapd that thaws it.
	Service  string
	Buffered []byte // unread client input
}

// Version is the encoding's version; UnmarshalBinary refuses others, so
// an imapd and an idled of different releases fail safely (the session is
// not hibernated, or ends with BYE) instead of misreading each other.
const Version = 3

// Bounds that keep UnmarshalBinary from allocating what a corrupt or
// hostile record claims.
const (
	maxString = 4096
	maxUIDs   = 1 << 22
	maxCaps   = 64
	maxBuffer = 1 << 20
)

var magic = []byte("CVIS")

// ErrBadState reports a state record that cannot be decoded.
var ErrBadState = errors.New("invalid session state record")

// MarshalBinary encodes the state: magic, version, then the fields in
// order, strings length-prefixed, numbers as uvarints, UID lists as runs
// of consecutive UIDs (a mailbox of 10 000 messages with a few holes
// takes a few dozen bytes).
func (st *State) MarshalBinary() ([]byte, error) {
	if !ascending(st.UIDs) || !ascending(st.Recent) {
		return nil, fmt.Errorf("session state: UIDs not strictly ascending")
	}
	b := append([]byte(nil), magic...)
	b = append(b, Version)
	b = appendStr(b, st.User)
	b = appendBool(b, st.Admin)
	b = appendBool(b, st.TLS)
	b = appendStr(b, st.MailboxID)
	b = appendStr(b, st.Mailbox)
	b = appendBool(b, st.ReadOnly)
	b = binary.AppendUvarint(b, uint64(st.UIDValidity))
	b = appendUIDs(b, st.UIDs)
	b = appendUIDs(b, st.Recent)
	b = binary.AppendUvarint(b, st.ModSeq)
	b = binary.AppendUvarint(b, uint64(len(st.Enabled)))
	for _, c := range st.Enabled {
		b = appendStr(b, string(c))
	}
	b = appendStr(b, st.IdleTag)
	b = binary.AppendVarint(b, st.IdleDeadline)
	b = appendStr(b, st.Telemetry)
	b = appendStr(b, st.Service)
	b = appendStr(b, string(st.Buffered))
	return b, nil
}

// appendUIDs writes a strictly ascending UID list as its number of runs,
// then per run the gap from the previous run's end and the run's length.
func appendUIDs(b []byte, uids []imap.UID) []byte {
	type run struct{ gap, n uint64 }
	var runs []run
	prev := uint64(0)
	for i := 0; i < len(uids); {
		j := i + 1
		for j < len(uids) && uids[j] == uids[j-1]+1 {
			j++
		}
		runs = append(runs, run{uint64(uids[i]) - prev, uint64(j - i)})
		prev = uint64(uids[j-1])
		i = j
	}
	b = binary.AppendUvarint(b, uint64(len(runs)))
	for _, r := range runs {
		b = binary.AppendUvarint(b, r.gap)
		b = binary.AppendUvarint(b, r.n)
	}
	return b
}

func ascending(uids []imap.UID) bool {
	for i := range uids {
		if uids[i] == 0 || (i > 0 && uids[i] <= uids[i-1]) {
			return false
		}
	}
	return true
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}
