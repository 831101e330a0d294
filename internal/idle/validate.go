package idle

import (
	"fmt"
	"unicode/utf8"
)

// validate checks the rules of the format that lie beyond its layout, for
// both Encode and Decode.
func (m Message) validate() error {
	if m.PID <= 0 {
		return fmt.Errorf("%w: pid %d", ErrMalformed, m.PID)
	}
	switch m.Type {
	case Watch, Unwatch:
		if m.ModSeq != 0 {
			return fmt.Errorf("%w: %v with modseq %d", ErrMalformed, m.Type, m.ModSeq)
		}
		return m.validateNames()
	case Notify, Wake:
		return m.validateNames()
	case Kick:
		return m.validateKick()
	case Resync:
		if m.User != "" || m.MailboxID != "" || m.ModSeq != 0 {
			return fmt.Errorf("%w: resync carries no user, mailbox or modseq", ErrMalformed)
		}
		return nil
	}
	return fmt.Errorf("%w: unknown type %d", ErrMalformed, uint8(m.Type))
}

// validateNames checks the user and mailbox id of a message about one
// mailbox.
func (m Message) validateNames() error {
	if err := checkUser(m.User); err != nil {
		return fmt.Errorf("%w: user: %v", ErrMalformed, err)
	}
	if err := checkMailboxID(m.MailboxID); err != nil {
		return fmt.Errorf("%w: mailbox id: %v", ErrMalformed, err)
	}
	return nil
}

// checkUser: 1 to MaxUser bytes of UTF-8 without control characters. A
// Cyrus user name may hold almost anything printable (alice, alice@example.com,
// a.b_c), so nothing more is required.
func checkUser(s string) error {
	if len(s) == 0 || len(s) > MaxUser {
		return fmt.Errorf("length %d not in 1..%d", len(s), MaxUser)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("not UTF-8")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Errorf("control character %U", r)
		}
	}
	return nil
}

// checkMailboxID: RFC 8474 §4, an objectid is 1 to 255 characters of
// A-Z a-z 0-9 _ and -.
func checkMailboxID(s string) error {
	if len(s) == 0 || len(s) > MaxMailboxID {
		return fmt.Errorf("length %d not in 1..%d", len(s), MaxMailboxID)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			return fmt.Errorf("byte %#02x not allowed (RFC 8474 objectid)", c)
		}
	}
	return nil
}
