package wire

import (
	"bufio"
	"errors"
	"io"
)

// readBufferSize is the Reader's read-ahead. Whatever it holds beyond the
// current command is handed over by Buffered.
const readBufferSize = 16 << 10

// Reader frames client commands: one per ReadCommand, literals included.
// It reads ahead into a buffer of its own, and Buffered hands what it has
// read but not consumed to whoever takes the connection next (a thawed
// session in another process, a TLS layer after STARTTLS).
type Reader struct {
	br   *bufio.Reader
	opts ReaderOptions
}

// NewReader returns a Reader on r. To resume a session whose unread
// octets were saved from Buffered, pass io.MultiReader(saved, conn).
func NewReader(r io.Reader, opts ReaderOptions) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, readBufferSize), opts: opts.withDefaults()}
}

// SetOptions replaces the limits and hooks for the following commands.
func (r *Reader) SetOptions(opts ReaderOptions) { r.opts = opts.withDefaults() }

// Options returns the limits in force, defaults filled in.
func (r *Reader) Options() ReaderOptions { return r.opts }

// Buffered returns a copy of the octets read from the connection but not
// yet consumed: the start of the client's next command(s) if it
// pipelines. The engine saves them when a session is serialised.
func (r *Reader) Buffered() []byte {
	b, _ := r.br.Peek(r.br.Buffered())
	return append([]byte(nil), b...)
}

// BufferedLen is len(Buffered()) without the copy: the octets read from
// the connection and not consumed yet. Read deadlines use it to tell a
// command that has begun from a client that has said nothing.
func (r *Reader) BufferedLen() int { return r.br.Buffered() }

// Reset makes the Reader read from src and drops anything buffered. After
// STARTTLS this is required: octets pipelined behind the command were sent
// in the clear and must not be taken as protected (RFC 9051 §6.2.1).
func (r *Reader) Reset(src io.Reader) { r.br.Reset(src) }

// ReadLine reads one raw line (without CRLF) outside the command grammar:
// an AUTHENTICATE response or IDLE's "DONE". A line longer than MaxLine is
// consumed and reported as a *SyntaxError wrapping ErrLineTooLong.
func (r *Reader) ReadLine() ([]byte, error) {
	var ln line
	if err := r.readLine(&ln, nil, r.opts.MaxLine); err != nil {
		return nil, err
	}
	if ln.overflow {
		return nil, &SyntaxError{Reason: "line too long", Err: ErrLineTooLong}
	}
	return ln.text, nil
}

// line is the result of reading one physical line.
type line struct {
	text     []byte // dst with the line appended (if it fit)
	overflow bool   // the line did not fit; text holds only what did
	tail     []byte // the last octets of the line, for literal detection
	empty    bool   // nothing at all was read before EOF
}

// tailSize is enough for the longest literal header, "~{" + 20 digits + "+}".
const tailSize = 32

// readLine appends one line (without its line end) to dst as long as dst
// stays within limit octets; past that it only keeps the line's tail. A bare
// LF ends a line as CRLF does, as most servers accept.
func (r *Reader) readLine(ln *line, dst []byte, limit int) error {
	ln.text, ln.overflow, ln.empty = dst, false, true
	var tail [tailSize]byte
	tn := 0
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(chunk) > 0 {
			ln.empty = false
		}
		done := err == nil
		if done {
			chunk = chunk[:len(chunk)-1]
			if len(chunk) > 0 && chunk[len(chunk)-1] == '\r' {
				chunk = chunk[:len(chunk)-1]
			} else if len(chunk) == 0 && tn > 0 && tail[tn-1] == '\r' {
				tn-- // CR ended the previous chunk
				if !ln.overflow && len(ln.text) > 0 {
					ln.text = ln.text[:len(ln.text)-1]
				}
			}
		}
		if !ln.overflow {
			// Keep what fits: the start of an overlong line still
			// names the tag the error is reported under.
			keep := chunk
			if room := limit - len(ln.text); len(keep) > room {
				keep, ln.overflow = keep[:max(room, 0)], true
			}
			ln.text = append(ln.text, keep...)
		}
		tn = keepTail(&tail, tn, chunk)
		switch {
		case done:
			ln.tail = append([]byte(nil), tail[:tn]...)
			return nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && ln.empty:
			return io.EOF
		case errors.Is(err, io.EOF):
			return io.ErrUnexpectedEOF
		default:
			return err
		}
	}
}

// keepTail appends chunk to the rolling tail buffer and returns its length.
func keepTail(tail *[tailSize]byte, n int, chunk []byte) int {
	if len(chunk) >= tailSize {
		copy(tail[:], chunk[len(chunk)-tailSize:])
		return tailSize
	}
	if n+len(chunk) > tailSize {
		drop := n + len(chunk) - tailSize
		copy(tail[:], tail[drop:n])
		n -= drop
	}
	copy(tail[n:], chunk)
	return n + len(chunk)
}
