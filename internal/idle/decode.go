package idle

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Decoding errors. Every refusal wraps one of them.
var (
	// ErrMalformed: the datagram is not a well-formed Corvus idled
	// datagram.
	ErrMalformed = errors.New("malformed idled datagram")
	// ErrVersion: the datagram is of a format version this package does
	// not speak (an idled and an imapd of different releases).
	ErrVersion = errors.New("unsupported idled datagram version")
)

// Decode parses one datagram. It is strict: a short or long datagram, a
// wrong magic, an unknown type, a name out of bounds, a field set that the
// type does not allow, or any byte after the mailbox id is refused, so
// that only what Encode would produce is accepted.
func Decode(b []byte) (Message, error) {
	if err := checkHeader(b); err != nil {
		return Message{}, err
	}
	m := Message{
		Type:   Type(b[5]),
		PID:    int32(binary.BigEndian.Uint32(b[6:10])),
		ModSeq: binary.BigEndian.Uint64(b[10:18]),
	}
	rest := b[headerSize:]
	var ok bool
	if m.User, rest, ok = cutName(rest); !ok {
		return Message{}, fmt.Errorf("%w: user runs past the end", ErrMalformed)
	}
	if m.MailboxID, rest, ok = cutName(rest); !ok {
		return Message{}, fmt.Errorf("%w: mailbox id runs past the end", ErrMalformed)
	}
	if len(rest) > 0 {
		return Message{}, fmt.Errorf("%w: %d bytes after the mailbox id", ErrMalformed, len(rest))
	}
	if err := m.validate(); err != nil {
		return Message{}, err
	}
	return m, nil
}

// checkHeader checks the size, magic and version.
func checkHeader(b []byte) error {
	switch {
	case len(b) > MaxSize:
		return fmt.Errorf("%w: %d bytes, more than %d", ErrMalformed, len(b), MaxSize)
	case len(b) > 0 && b[0] == '{':
		// Cyrus 3.x's idled and imapd speak JSON; say so rather than
		// leave the admin with "bad magic".
		return fmt.Errorf("%w: JSON, as Cyrus's idled speaks, not Corvus's format", ErrMalformed)
	case len(b) < MinSize:
		return fmt.Errorf("%w: %d bytes, fewer than %d", ErrMalformed, len(b), MinSize)
	case string(b[:len(Magic)]) != Magic:
		return fmt.Errorf("%w: bad magic %q", ErrMalformed, b[:len(Magic)])
	case b[4] != Version:
		return fmt.Errorf("%w: version %d, this program speaks %d", ErrVersion, b[4], Version)
	}
	return nil
}

// cutName takes one length-prefixed name off the front of b.
func cutName(b []byte) (name string, rest []byte, ok bool) {
	if len(b) < 1 || len(b)-1 < int(b[0]) {
		return "", nil, false
	}
	n := int(b[0])
	return string(b[1 : 1+n]), b[1+n:], true
}
