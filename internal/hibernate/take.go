package hibernate

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/handoff"
	"github.com/corvusmail/corvus/internal/imap/sessionstate"
	"github.com/corvusmail/corvus/internal/telemetry"
)

// Reasons a hand-over is refused; imapd then keeps the session.
var (
	errNotIdle    = errors.New("session is not in IDLE or is under TLS")
	errNoThaw     = errors.New("no imapd -R listens on imap_thaw_socket")
	errFull       = errors.New("idled holds its maximum of sessions")
	errShutdown   = errors.New("shutting down")
	errNotASocket = errors.New("descriptor is not a stream socket")
)

// take receives one frozen session on c and answers imapd.
func (h *Holder) take(c *net.UnixConn) {
	defer c.Close()
	fd, rec, err := handoff.Receive(c, time.Now().Add(handOverTimeout))
	if err != nil {
		h.log.Warn().Err(err).Msg("hand-over from imapd failed")
		return
	}
	x, err := h.admit(fd, rec)
	if err != nil {
		unix.Close(fd)
		h.log.Debug().Err(err).Msg("hibernation refused")
		handoff.Answer(c, false)
		return
	}
	if err := handoff.Answer(c, true); err != nil {
		// imapd will not know we took it and keeps the session: ours
		// must go, or two processes would serve one client.
		h.forget(x)
		unix.Close(fd)
		return
	}
	h.taken.Add(1)
	h.note(x, "hibernated in idled")
}

// admit checks a frozen session and starts watching its socket.
func (h *Holder) admit(fd int, rec []byte) (*held, error) {
	var st sessionstate.State
	if err := st.UnmarshalBinary(rec); err != nil {
		return nil, err
	}
	if st.IdleTag == "" || st.TLS {
		return nil, errNotIdle
	}
	if t, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE); err != nil || t != unix.SOCK_STREAM {
		return nil, errNotASocket
	}
	if !h.thawReady() {
		return nil, errNoThaw
	}
	if _, down := h.shutdownText(); down {
		return nil, errShutdown
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		return nil, err
	}
	x := &held{
		fd: int32(fd), deadline: st.IdleDeadline, rec: rec, tele: st.Telemetry,
		key: key{st.User, st.MailboxID},
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	x.service = h.intern(st.Service)
	switch {
	case h.closed:
		return nil, errShutdown
	case len(h.byFD) >= h.opts.MaxHeld:
		return nil, errFull
	}
	if err := h.arm(x, unix.EPOLL_CTL_ADD); err != nil {
		return nil, err
	}
	h.byFD[x.fd] = x
	h.procSet(x, st.Mailbox)
	if x.key.mailboxID != "" {
		h.byKey[x.key] = append(h.byKey[x.key], x)
	}
	return x, nil
}

// arm (re)enables the one-shot readiness report of x's socket: client
// input or a hang-up, whichever comes first, is reported once.
func (h *Holder) arm(x *held, op int) error {
	ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLRDHUP | unix.EPOLLONESHOT, Fd: x.fd}
	return unix.EpollCtl(h.ep, op, int(x.fd), &ev)
}

// forget removes x from the tables and the epoll set, leaving its
// descriptor to the caller. Caller must not hold h.mu.
func (h *Holder) forget(x *held) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.forgetLocked(x)
}

func (h *Holder) forgetLocked(x *held) {
	if h.byFD[x.fd] != x {
		return
	}
	delete(h.byFD, x.fd)
	h.procDel(x)
	list := h.byKey[x.key]
	for i, y := range list {
		if y == x {
			list[i] = list[len(list)-1]
			list = list[:len(list)-1]
			break
		}
	}
	if len(list) == 0 {
		delete(h.byKey, x.key)
	} else {
		h.byKey[x.key] = list
	}
	// Explicitly: a descriptor handed to imapd keeps the socket open, so
	// closing ours would not take it out of the set.
	unix.EpollCtl(h.ep, unix.EPOLL_CTL_DEL, int(x.fd), nil)
}

// note writes a hand-over line in the session's telemetry log, if on.
func (h *Holder) note(x *held, what string) {
	if x.tele == "" {
		return
	}
	if l, err := telemetry.Reopen(x.tele, what); err == nil && l != nil {
		l.Close(false)
	}
}

// shutdownText reads msg/shutdown as imapd does: its first line, without
// leading '[' (which would look like a response code).
func (h *Holder) shutdownText() (string, bool) {
	if h.opts.ConfigDir == "" {
		return "", false
	}
	f, err := os.Open(filepath.Join(h.opts.ConfigDir, "msg", "shutdown"))
	if err != nil {
		return "", false
	}
	defer f.Close()
	b := make([]byte, 4096)
	n, _ := io.ReadFull(f, b)
	return firstLine(b[:n]), true
}
