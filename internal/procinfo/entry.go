package procinfo

import (
	"errors"
	"fmt"
	"strings"
)

// States a session can be in, the last field of a line. Cyrus writes the
// command being run there; Corvus writes the session's state, which is
// what an admin looking for a session wants.
const (
	StateConnected     = "connected"     // before login
	StateAuthenticated = "authenticated" // logged in, nothing selected
	StateSelected      = "selected"      // a mailbox is selected
	StateIdle          = "idle"          // in IDLE, in its imapd
	StateHibernated    = "hibernated"    // in IDLE, held by idled
	StateLMTP          = "lmtp"          // an LMTP client of lmtpd
)

// MaxFile bounds what Parse reads from one file: idled's file of 100 000
// held sessions stays well below it.
const MaxFile = 64 << 20

// Entry is one session: one line of a proc file.
type Entry struct {
	Service string // the service name master started the worker for
	Host    string // the client, "[address]"
	User    string // "" before login
	Mailbox string // "" when none is selected
	State   string // one of the State constants
}

// ErrMalformed reports a proc file that is not in Cyrus's layout.
var ErrMalformed = errors.New("malformed proc file")

// AppendLine appends e as one line. Tabs, line ends and other control
// bytes in a field become '?', so no field can forge another or a line.
func (e Entry) AppendLine(b []byte) []byte {
	for i, f := range [...]string{e.Service, e.Host, e.User, e.Mailbox, e.State} {
		if i > 0 {
			b = append(b, '\t')
		}
		b = appendClean(b, f)
	}
	return append(b, '\n')
}

func appendClean(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			c = '?'
		}
		b = append(b, c)
	}
	return b
}

// Parse reads the lines of a proc file. As Cyrus's reader, a line may
// stop after any field (a Cyrus process writes at least the service and
// the host); missing fields are empty. A last line without its newline is
// a write in progress and is dropped. An empty file is a process serving
// nobody.
func Parse(data []byte) ([]Entry, error) {
	if len(data) > MaxFile {
		return nil, fmt.Errorf("%w: %d bytes", ErrMalformed, len(data))
	}
	var out []Entry
	for n := 1; len(data) > 0; n++ {
		i := strings.IndexByte(string(data), '\n')
		if i < 0 {
			break // torn: a writer is rewriting the file
		}
		line := string(data[:i])
		data = data[i+1:]
		f := strings.SplitN(line, "\t", 5)
		if f[0] == "" {
			return nil, fmt.Errorf("%w: line %d has no service", ErrMalformed, n)
		}
		f = append(f, make([]string, 5-len(f))...)
		out = append(out, Entry{Service: f[0], Host: f[1], User: f[2], Mailbox: f[3], State: f[4]})
	}
	return out, nil
}
