package sessionstate

import (
	"encoding/binary"
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// UnmarshalBinary decodes what MarshalBinary wrote, checking every length
// against the bounds before allocating. Anything malformed, truncated,
// trailing or of another version is ErrBadState.
func (st *State) UnmarshalBinary(data []byte) error {
	if len(data) < len(magic)+1 || string(data[:len(magic)]) != string(magic) {
		return ErrBadState
	}
	d := &decoder{b: data[len(magic):]}
	if v := d.byte(); v != Version {
		return fmt.Errorf("%w: version %d", ErrBadState, v)
	}
	var out State
	out.User = d.str(maxString)
	out.Admin = d.bool()
	out.TLS = d.bool()
	out.MailboxID = d.str(maxString)
	out.Mailbox = d.str(maxString)
	out.ReadOnly = d.bool()
	out.UIDValidity = uint32(d.num(1<<32 - 1))
	out.UIDs = d.uids()
	out.Recent = d.uids()
	out.ModSeq = d.num(1<<63 - 1)
	n := d.num(maxCaps)
	for i := uint64(0); i < n && d.err == nil; i++ {
		out.Enabled = append(out.Enabled, imap.Cap(d.str(maxString)))
	}
	out.IdleTag = d.str(maxString)
	out.IdleDeadline = d.varint()
	out.Telemetry = d.str(maxString)
	out.Service = d.str(maxString)
	if buf := d.str(maxBuffer); buf != "" {
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

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() { d.err = ErrBadState }

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

func (d *decoder) num(max uint64) uint64 {
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

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) str(max uint64) string {
	n := d.num(max)
	if d.err != nil || uint64(len(d.b)) < n {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// uids decodes a run-encoded UID list. Every gap and run length is at
// least 1, so the list is strictly ascending; the total is bounded by
// maxUIDs before anything is allocated.
func (d *decoder) uids() []imap.UID {
	runs := d.num(maxUIDs)
	if d.err != nil || runs > uint64(len(d.b))/2 {
		d.fail()
		return nil
	}
	if runs == 0 {
		return nil
	}
	type run struct{ start, n uint64 }
	rs := make([]run, 0, runs)
	prev, total := uint64(0), uint64(0)
	for i := uint64(0); i < runs; i++ {
		gap, n := d.num(1<<32-1), d.num(maxUIDs)
		if d.err != nil || gap == 0 || n == 0 || total+n > maxUIDs || prev+gap+n-1 > 1<<32-1 {
			d.fail()
			return nil
		}
		rs = append(rs, run{prev + gap, n})
		prev, total = prev+gap+n-1, total+n
	}
	out := make([]imap.UID, 0, total)
	for _, r := range rs {
		for u := r.start; u < r.start+r.n; u++ {
			out = append(out, imap.UID(u))
		}
	}
	return out
}
