package wire

import (
	"io"
	"strconv"
)

// autoFlushSize is how much a Writer buffers before it writes without
// being asked: a FETCH of many messages must not sit in memory whole. The
// buffer is allocated at this size up front: growing it by doubling for
// every session's first large FETCH cost more than the whole FETCH's
// encoding (fresh pages, then the runtime handing them back).
const autoFlushSize = 32 << 10

// bufSlack is room past autoFlushSize for the item that crosses it.
const bufSlack = 4 << 10

// Writer encodes responses into a buffer that goes to the connection on
// Flush (which the engine calls after each command's responses), or on
// its own past autoFlushSize. Writing never returns an error: the first
// one sticks and Flush and Err report it, as bufio.Writer does.
type Writer struct {
	w       io.Writer
	buf     []byte
	err     error
	observe func(chunk []byte)
	utf8    bool
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, buf: make([]byte, 0, autoFlushSize+bufSlack)}
}

// SetObserver sets a function that sees every chunk exactly as it is
// written to the connection (telemetry). It must not keep chunk.
func (w *Writer) SetObserver(f func(chunk []byte)) { w.observe = f }

// SetUTF8 tells the writer the client accepts UTF-8 in quoted strings
// (UTF8=ACCEPT enabled, or IMAP4rev2, RFC 9051 §9 QUOTED-CHAR); otherwise
// strings with 8-bit octets are sent as literals.
func (w *Writer) SetUTF8(on bool) { w.utf8 = on }

// UTF8 reports what SetUTF8 last set.
func (w *Writer) UTF8() bool { return w.utf8 }

// Reset points the writer at a new connection (after STARTTLS or
// COMPRESS), dropping anything unflushed and any sticky error.
func (w *Writer) Reset(dst io.Writer) { w.w, w.buf, w.err = dst, w.buf[:0], nil }

// Buffered returns the number of octets not yet flushed.
func (w *Writer) Buffered() int { return len(w.buf) }

// Err returns the first write error, if any.
func (w *Writer) Err() error { return w.err }

// Flush writes the buffered octets to the connection.
func (w *Writer) Flush() error {
	w.emit(w.buf)
	w.buf = w.buf[:0]
	return w.err
}

// emit writes p to the connection and shows it to the observer.
func (w *Writer) emit(p []byte) {
	if w.err != nil || len(p) == 0 {
		return
	}
	if w.observe != nil {
		w.observe(p)
	}
	_, w.err = w.w.Write(p)
}

// maybeFlush flushes once the buffer is large.
func (w *Writer) maybeFlush() {
	if len(w.buf) >= autoFlushSize {
		w.Flush()
	}
}

// Raw appends s as is: punctuation and keywords the caller knows are valid.
func (w *Writer) Raw(s string) { w.buf = append(w.buf, s...) }

// SP appends a space.
func (w *Writer) SP() { w.buf = append(w.buf, ' ') }

// CRLF ends a response line.
func (w *Writer) CRLF() {
	w.buf = append(w.buf, '\r', '\n')
	w.maybeFlush()
}

// Number appends a number.
func (w *Writer) Number(n uint64) { w.buf = strconv.AppendUint(w.buf, n, 10) }

// NIL appends NIL.
func (w *Writer) NIL() { w.Raw("NIL") }

// untagged starts an untagged response: "* ".
func (w *Writer) untagged() { w.Raw("* ") }
