package lmtp

import (
	"errors"
	"net"
	"sync"
	"time"
)

// errAborted reports a read refused because the session's context ended.
var errAborted = errors.New("lmtp: session aborted")

// netConn is the session's view of the connection. Every read gets the
// deadline pace computes (see pace.go), every write a fresh one
// (writeTimeout). Before a read may block, pending
// replies are flushed: that is the RFC 2920 §3.2 rule (answer pipelined
// commands without waiting, send when no more input is at hand) in one
// place, since the bufio.Reader above only reads when its buffer is empty.
type netConn struct {
	mu      sync.Mutex
	c       net.Conn // plain, or *tls.Conn after STARTTLS
	aborted bool
	// writeTimeout bounds each write: lmtp_command_timeout when set, as
	// for reads, else Options.Timeout. A write is at most the 4 KiB the
	// session's bufio.Writer holds, so a client that pipelines commands
	// and stops reading the replies is cut off once the socket buffers
	// are full, rather than holding the worker for five minutes.
	writeTimeout time.Duration
	pace         pace
	flush        func() error
	// in and out see the plaintext read and written (telemetry); nil
	// when nobody looks.
	in, out func([]byte)
}

func (n *netConn) Read(p []byte) (int, error) {
	if n.flush != nil {
		if err := n.flush(); err != nil {
			return 0, err
		}
	}
	n.mu.Lock()
	if n.aborted {
		n.mu.Unlock()
		return 0, errAborted
	}
	c := n.c
	_ = c.SetReadDeadline(n.pace.deadline())
	n.mu.Unlock()
	k, err := c.Read(p)
	n.pace.read(k)
	if k > 0 && n.in != nil {
		n.in(p[:k])
	}
	return k, err
}

func (n *netConn) Write(p []byte) (int, error) {
	n.mu.Lock()
	c := n.c
	n.mu.Unlock()
	_ = c.SetWriteDeadline(time.Now().Add(n.writeTimeout))
	k, err := c.Write(p)
	if k > 0 && n.out != nil {
		n.out(p[:k])
	}
	return k, err
}

// abort makes the read in progress, and every later one, fail: the
// session's context ended. Taking the lock orders it after any deadline a
// concurrent Read set, so that read is interrupted too.
func (n *netConn) abort() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.aborted = true
	_ = n.c.SetReadDeadline(time.Unix(1, 0))
}

// swap replaces the connection (STARTTLS).
func (n *netConn) swap(c net.Conn) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.c = c
	if n.aborted {
		_ = c.SetReadDeadline(time.Unix(1, 0))
	}
}

// current returns the connection in use.
func (n *netConn) current() net.Conn {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.c
}
