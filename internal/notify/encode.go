package notify

import (
	"fmt"
	"strconv"
	"strings"
)

// Encode builds the datagram for n: each field followed by a NUL, as
// Cyrus's notify() does, the file name only when n.File is set. It refuses
// fields that contain a NUL (they would shift every later field) and a
// datagram over MaxSize.
func (n Notification) Encode() ([]byte, error) {
	fields := make([]string, 0, 8+len(n.Options))
	fields = append(fields, n.Method, n.Class, n.Priority, n.User, n.Mailbox,
		strconv.Itoa(len(n.Options)))
	fields = append(fields, n.Options...)
	fields = append(fields, n.Message)
	if n.File != "" {
		fields = append(fields, n.File)
	}
	size := 0
	for i, f := range fields {
		if strings.IndexByte(f, 0) >= 0 {
			return nil, fmt.Errorf("encode notification: %s contains a NUL byte", fieldName(i, len(n.Options)))
		}
		size += len(f) + 1
	}
	if size > MaxSize {
		return nil, fmt.Errorf("encode notification for %q, mailbox %q: %w (%d bytes, limit %d)",
			n.User, n.Mailbox, ErrTooLarge, size, MaxSize)
	}
	b := make([]byte, 0, size)
	for _, f := range fields {
		b = append(b, f...)
		b = append(b, 0)
	}
	return b, nil
}

// fieldName names the i-th field of a datagram with nopt options, for
// error messages.
func fieldName(i, nopt int) string {
	head := []string{"method", "class", "priority", "user", "mailbox", "nopt"}
	switch {
	case i < len(head):
		return head[i]
	case i < len(head)+nopt:
		return fmt.Sprintf("option %d", i-len(head)+1)
	case i == len(head)+nopt:
		return "message"
	}
	return "file name"
}
