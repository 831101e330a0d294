package server

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// SessionState is everything needed to continue a session in another
// process without the client noticing (hibernation): who is logged in,
// what is selected and how the client numbers its messages, what was
// enabled, an IDLE in progress, where telemetry goes, and the input read
// from the socket but not yet consumed.
type SessionState struct {
	User  string
	Admin bool
	TLS   bool // informational: a TLS session cannot be handed over

	Mailbox     string // store name; "" when not selected
	ReadOnly    bool
	UIDValidity uint32
	UIDs        []imap.UID // the client's sequence view, ascending
	Recent      []imap.UID // messages \Recent in this session, ascending
	ModSeq      uint64     // highest modseq the client was told about

	Enabled   []imap.Cap
	IdleTag   string // tag of the IDLE in progress, "" if none
	Telemetry string // telemetry file path, "" if off
	Buffered  []byte // unread client input
}

// stateVersion is the encoding's version; Unmarshal refuses others.
const stateVersion = 1

// Bounds that keep UnmarshalBinary from allocating what a corrupt or
// hostile record claims.
const (
	maxStateString = 4096
	maxStateUIDs   = 1 << 24
	maxStateCaps   = 64
	maxStateBuffer = 1 << 20
)

var stateMagic = []byte("CVIS")

// ErrBadState reports a state record that cannot be decoded.
var ErrBadState = errors.New("invalid session state record")

// MarshalBinary encodes the state: magic, version, then the fields in
// order, strings and byte slices length-prefixed, numbers as uvarints,
// the UID list delta-encoded.
func (st *SessionState) MarshalBinary() ([]byte, error) {
	if !ascending(st.UIDs) || !ascending(st.Recent) {
		return nil, fmt.Errorf("session state: UIDs not strictly ascending")
	}
	b := append([]byte(nil), stateMagic...)
	b = append(b, stateVersion)
	b = appendStr(b, st.User)
	b = appendBool(b, st.Admin)
	b = appendBool(b, st.TLS)
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
	b = appendStr(b, st.Telemetry)
	b = appendStr(b, string(st.Buffered))
	return b, nil
}

// appendUIDs writes a strictly ascending UID list delta-encoded.
func appendUIDs(b []byte, uids []imap.UID) []byte {
	b = binary.AppendUvarint(b, uint64(len(uids)))
	prev := imap.UID(0)
	for _, u := range uids {
		b = binary.AppendUvarint(b, uint64(u-prev))
		prev = u
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

// UnmarshalBinary decodes what MarshalBinary wrote, checking every length
// against the bounds above before allocating.
func (st *SessionState) UnmarshalBinary(data []byte) error {
	d := &stateDecoder{b: data}
	if len(data) < len(stateMagic)+1 || string(data[:4]) != string(stateMagic) {
		return ErrBadState
	}
	d.b = data[4:]
	if v := d.byte(); v != stateVersion {
		return fmt.Errorf("%w: version %d", ErrBadState, v)
	}
	var out SessionState
	out.User = d.str(maxStateString)
	out.Admin = d.bool()
	out.TLS = d.bool()
	out.Mailbox = d.str(maxStateString)
	out.ReadOnly = d.bool()
	out.UIDValidity = uint32(d.num(1<<32 - 1))
	out.UIDs = d.uids()
	out.Recent = d.uids()
	out.ModSeq = d.num(1<<63 - 1)
	n := d.num(maxStateCaps)
	for i := uint64(0); i < n && d.err == nil; i++ {
		out.Enabled = append(out.Enabled, imap.Cap(d.str(maxStateString)))
	}
	out.IdleTag = d.str(maxStateString)
	out.Telemetry = d.str(maxStateString)
	if buf := d.str(maxStateBuffer); buf != "" {
		out.Buffered = []byte(buf)
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = ErrBadState
	}
	if d.err != nil {
		return d.err
	}
	*st = out
	return nil
}

type stateDecoder struct {
	b   []byte
	err error
}

func (d *stateDecoder) fail() { d.err = ErrBadState }

func (d *stateDecoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *stateDecoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

func (d *stateDecoder) num(max uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > max {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *stateDecoder) str(max uint64) string {
	n := d.num(max)
	if d.err != nil || uint64(len(d.b)) < n {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// uids decodes the delta-encoded UID list; each delta is at least 1, so
// the list is strictly ascending and its length is bounded by the input.
func (d *stateDecoder) uids() []imap.UID {
	n := d.num(maxStateUIDs)
	if d.err != nil || n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	if n == 0 {
		return nil
	}
	out := make([]imap.UID, 0, n)
	prev := uint64(0)
	for i := uint64(0); i < n; i++ {
		delta := d.num(1<<32 - 1)
		if d.err != nil || delta == 0 || prev+delta > 1<<32-1 {
			d.fail()
			return nil
		}
		prev += delta
		out = append(out, imap.UID(prev))
	}
	return out
}
