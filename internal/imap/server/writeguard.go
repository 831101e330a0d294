package server

import (
	"io"
	"time"
)

// A client that sends commands but stops reading the answers (a FETCH of
// a large body, say) blocks the worker in a write once the socket
// buffers are full; Cyrus bounds only reads, so such a client holds an
// imapd until TCP gives up, hours later. Corvus bounds writes the way
// deadline.go bounds literals: the client must take at least
// literalMinProgress octets in every imap_command_timeout, else the
// write fails and the session ends (there is no way to say BYE to a
// client that does not read). 0 leaves writes unbounded, as Cyrus.

// writeDeadliner is the part of net.Conn the guard drives.
type writeDeadliner interface{ SetWriteDeadline(time.Time) error }

// writeGuard passes writes on to w in pieces of literalMinProgress
// octets, each with a fresh write deadline on conn. w is the connection
// itself, or a layer on it (TLS, DEFLATE) whose writes reach conn.
type writeGuard struct {
	w    io.Writer
	conn writeDeadliner
	d    time.Duration
	now  func() time.Time
}

// guardWrites wraps w for the session's writer; without
// imap_command_timeout it is w itself.
func (s *Session) guardWrites(w io.Writer) io.Writer {
	d := s.srv.opts.CommandTimeout
	if d <= 0 {
		return w
	}
	return &writeGuard{w: w, conn: s.conn, d: d, now: time.Now}
}

// Write implements io.Writer.
func (g *writeGuard) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		piece := p[:min(len(p), literalMinProgress)]
		if err := g.conn.SetWriteDeadline(g.now().Add(g.d)); err != nil {
			return written, err
		}
		n, err := g.w.Write(piece)
		written += n
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}
