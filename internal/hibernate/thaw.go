package hibernate

import (
	"fmt"
	"net"
	"time"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/handoff"
)

// thawTimeout bounds one thaw: the dial and waiting for an imapd -R
// worker to take the session (master forks one if none is free, within
// maxchild).
const thawTimeout = 10 * time.Second

// maxThawFailures: after this many failed thaws the session ends with
// the BYE a failed resume gets; the client reconnects.
const maxThawFailures = 5

// thawNow hands x to an imapd -R worker. On failure it is retried by the
// sweep, 1 s, 2 s, 4 s … later.
func (h *Holder) thawNow(x *held) {
	h.mu.Lock()
	rec := x.rec
	h.mu.Unlock()
	err := h.sendThaw(int(x.fd), rec)
	if err == nil {
		// Counted before the session leaves the held set, so that whoever
		// sees Held drop (Stats) sees the thaw too.
		h.thaws.Add(1)
		h.forget(x)
		unix.Close(int(x.fd))
		return
	}
	h.mu.Lock()
	x.failures++
	x.retryAt = nowMs() + int64(1000)<<min(x.failures-1, 6)
	if x.failures >= maxThawFailures {
		x.bye = byeUnavailable
	}
	n := x.failures
	h.mu.Unlock()
	h.log.Warn().Err(err).Str("user", x.key.user).Uint8("attempt", n).Msg("cannot thaw hibernated session")
	h.release(x)
}

// sendThaw passes fd and its record to the thaw service.
func (h *Holder) sendThaw(fd int, rec []byte) error {
	d := net.Dialer{Timeout: handOverTimeout}
	c, err := d.Dial("unix", h.opts.ThawSocket)
	if err != nil {
		return fmt.Errorf("thaw: %w", err)
	}
	defer c.Close()
	return handoff.SendFD(c.(*net.UnixConn), fd, rec, time.Now().Add(thawTimeout))
}
