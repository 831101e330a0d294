package hibernate

import (
	"bytes"
	"io"
	"strings"
	"sync"

	"github.com/emersion/go-imap/v2"
	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/telemetry"
)

// writers keeps imapd's response writers (each with a 32 KiB buffer) for
// reuse: an answer is a few dozen bytes.
var writers = sync.Pool{New: func() any { return wire.NewWriter(io.Discard) }}

// render formats responses with imapd's own writer, so what idled sends
// is byte for byte what imapd would have sent.
func render(f func(w *wire.Writer)) []byte {
	var b bytes.Buffer
	w := writers.Get().(*wire.Writer)
	w.Reset(&b)
	f(w)
	w.Flush()
	w.Reset(io.Discard)
	writers.Put(w)
	return b.Bytes()
}

func bye(code wire.Code, text string) []byte {
	return render(func(w *wire.Writer) { w.Status("", imap.StatusResponseTypeBye, code, text) })
}

// The BYEs of a live imapd (internal/imap/server): shutdown, the IDLE
// timeout, and a session that could not be resumed.
var (
	byeShutdown    = bye(wire.Code{}, "Server shutting down")
	byeAutologout  = bye(wire.Code{}, "Autologout; idle for too long")
	byeUnavailable = bye(wire.Code{}, "Session could not be resumed")
)

// byeAlert is msg/shutdown's "* BYE [ALERT] <text>".
func byeAlert(text string) []byte { return bye(wire.PlainCode(imap.ResponseCodeAlert), text) }

// firstLine is the first line of b without its end and without leading
// '[', as imapd reads msg/ files.
func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return strings.TrimLeft(strings.TrimRight(string(b), "\r\n"), "[")
}

// send writes b to x's socket without blocking and logs it to the
// session's telemetry. A few dozen bytes always fit in an idle socket's
// empty send buffer; if they do not, the client is not reading and the
// session ends (false).
func (h *Holder) send(x *held, b []byte) bool {
	n, err := unix.Write(int(x.fd), b)
	if x.tele != "" {
		if l, _ := telemetry.Reopen(x.tele, "idled"); l != nil {
			l.Output(b[:max(n, 0)])
			l.Close(false)
		}
	}
	return err == nil && n == len(b)
}

// end closes x with a last response, or leaves that to whoever has x
// busy.
func (h *Holder) end(x *held, last []byte) {
	h.mu.Lock()
	if h.byFD[x.fd] != x {
		h.mu.Unlock()
		return
	}
	if x.busy {
		x.bye = last
		h.mu.Unlock()
		return
	}
	h.forgetLocked(x)
	h.mu.Unlock()
	h.send(x, last)
	unix.Close(int(x.fd))
}

// release ends a busy spell: a pending BYE, thaw or change is acted on.
func (h *Holder) release(x *held) {
	h.mu.Lock()
	x.busy = false
	switch {
	case h.byFD[x.fd] != x:
	case x.bye != nil:
		last := x.bye
		h.forgetLocked(x)
		h.mu.Unlock()
		h.send(x, last)
		unix.Close(int(x.fd))
		return
	case x.thaw && x.failures == 0:
		x.busy = true
		go h.thawNow(x)
	case x.dirty:
		x.dirty, x.busy = false, true
		go h.answer(x)
	}
	h.mu.Unlock()
}
