package notify

import (
	"bytes"
	"fmt"
	"strconv"
)

// maxNoptDigits bounds the nopt field: a datagram of MaxSize bytes holds at
// most MaxSize fields, which takes four digits; a few leading zeros are
// tolerated, as Cyrus's strtol does.
const maxNoptDigits = 6

// Decode parses a datagram. Unlike Cyrus, which logs "malformed notify
// request" for some defects and reads past others, it rejects anything
// that is not exactly the format: a missing or unterminated field, an nopt
// that is not a decimal number or promises more options than follow, bytes
// after the file name, a datagram over MaxSize.
func Decode(b []byte) (Notification, error) {
	var n Notification
	if len(b) > MaxSize {
		return n, fmt.Errorf("decode notification: %w (%d bytes, limit %d)", ErrTooLarge, len(b), MaxSize)
	}
	d := decoder{rest: b}
	head := []*string{&n.Method, &n.Class, &n.Priority, &n.User, &n.Mailbox}
	for i, p := range head {
		*p = d.field(fieldName(i, 0))
	}
	nopt := d.count()
	if nopt > 0 {
		n.Options = make([]string, nopt)
		for i := range n.Options {
			n.Options[i] = d.field(fieldName(len(head)+1+i, nopt))
		}
	}
	n.Message = d.field("message")
	if d.err == nil && len(d.rest) > 0 {
		n.File = d.field("file name")
		if d.err == nil && len(d.rest) > 0 {
			d.fail("%d bytes after the file name", len(d.rest))
		}
	}
	if d.err != nil {
		return Notification{}, d.err
	}
	return n, nil
}

// decoder walks a datagram field by field, keeping the first error.
type decoder struct {
	rest []byte
	err  error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
	}
}

// field returns the next NUL-terminated field, named name in errors.
func (d *decoder) field(name string) string {
	if d.err != nil {
		return ""
	}
	i := bytes.IndexByte(d.rest, 0)
	if i < 0 {
		if len(d.rest) == 0 {
			d.fail("missing %s", name)
		} else {
			d.fail("%s not NUL-terminated", name)
		}
		return ""
	}
	f := string(d.rest[:i])
	d.rest = d.rest[i+1:]
	return f
}

// count reads nopt: decimal digits only, and no more options than there
// are fields left before the message.
func (d *decoder) count() int {
	s := d.field("nopt")
	if d.err != nil {
		return 0
	}
	if s == "" || len(s) > maxNoptDigits || !allDigits(s) {
		d.fail("nopt %q is not a decimal count", truncate(s, 16))
		return 0
	}
	n, _ := strconv.Atoi(s) // cannot fail: at most six digits
	if left := bytes.Count(d.rest, []byte{0}); n > 0 && n >= left {
		// The message needs one of the fields left. (With no options,
		// the message's own check names the problem better.)
		d.fail("too few options: nopt is %d, %d fields left for options and message", n, left)
		return 0
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// truncate shortens s for an error message.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
