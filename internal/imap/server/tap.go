package server

import (
	"io"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/telemetry"
)

// maxMaskWindow bounds the bytes kept to find credentials across reads.
// Past it (a large APPEND literal streaming through) the window restarts
// at the next read, which can only hold message data or new commands.
const maxMaskWindow = 256 << 10

// inputTap sits between the connection and the command reader and logs
// every buffer read to the session's telemetry, with credentials masked.
// As the telemetry package describes, it keeps the bytes since the start
// of the current command, so a LOGIN password sent as a literal in a later
// read is still recognised.
type inputTap struct {
	src  io.Reader
	sess *Session
	// window holds the input from a command boundary on.
	window []byte
	// sasl is set while an AUTHENTICATE exchange reads continuation
	// lines, which are masked as SASL payloads.
	sasl bool
}

// Read implements io.Reader.
func (t *inputTap) Read(p []byte) (int, error) {
	t.sess.pace.before()
	n, err := t.src.Read(p)
	t.sess.pace.after(n)
	if n > 0 && t.sess.tele != nil {
		t.log(p[:n])
	}
	return n, err
}

func (t *inputTap) log(chunk []byte) {
	if t.sasl {
		t.sess.tele.InputMasked(chunk, telemetry.SASLSpans(chunk))
		return
	}
	if len(t.window) > maxMaskWindow {
		t.window = t.window[:0]
	}
	off := len(t.window)
	t.window = append(t.window, chunk...)
	spans := telemetry.IMAPSpans(t.window)
	for i := range spans {
		spans[i][0] -= off
		spans[i][1] -= off
	}
	t.sess.tele.InputMasked(chunk, spans)
}

// commandRead marks a command boundary: what the reader holds unread is
// the start of the next command.
func (t *inputTap) commandRead(r *wire.Reader) {
	if t.sess.tele == nil {
		return
	}
	t.window = append(t.window[:0], r.Buffered()...)
}
