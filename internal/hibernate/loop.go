package hibernate

import (
	"errors"

	"golang.org/x/sys/unix"
)

// sweepEvery is how often deadlines, msg/shutdown and failed thaws are
// looked at.
const sweepEvery = 1000 // ms

// loop waits on the epoll set until shutdown: a ready socket (input or
// hang-up) is thawed or dropped, and once a second the sweep runs.
func (h *Holder) loop() {
	events := make([]unix.EpollEvent, 256)
	next := nowMs() + sweepEvery
	for {
		wait := int(max(next-nowMs(), 0))
		n, err := unix.EpollWait(h.ep, events, wait)
		if err != nil && !errors.Is(err, unix.EINTR) {
			h.log.Error().Err(err).Msg("epoll_wait failed")
			return
		}
		for _, ev := range events[:max(n, 0)] {
			if int(ev.Fd) == h.wake {
				return
			}
			h.ready(ev.Fd, ev.Events)
		}
		if now := nowMs(); now >= next {
			h.sweep(now)
			next = now + sweepEvery
		}
	}
}

// ready handles a socket epoll reported: input means the client speaks
// (DONE, or a command), so the session thaws, input untouched in the
// socket for imapd to read; a hang-up without input ends it here.
func (h *Holder) ready(fd int32, events uint32) {
	h.mu.Lock()
	x := h.byFD[fd]
	if x == nil {
		h.mu.Unlock()
		return
	}
	if events&unix.EPOLLIN == 0 || events&(unix.EPOLLRDHUP|unix.EPOLLHUP|unix.EPOLLERR) != 0 && !hasInput(fd) {
		h.forgetLocked(x)
		h.mu.Unlock()
		unix.Close(int(fd))
		return
	}
	x.thaw = true
	start := !x.busy
	x.busy = true
	h.mu.Unlock()
	if start {
		go h.thawNow(x)
	}
}

// hasInput reports whether a socket that hung up still holds input for
// imapd (DONE before the hang-up): only then is a thaw worth it.
func hasInput(fd int32) bool {
	var b [1]byte
	n, _, err := unix.Recvfrom(int(fd), b[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
	return err == nil && n > 0
}

// sweep ends IDLEs past their deadline and, when msg/shutdown exists,
// every session, each with the BYE a live imapd would send; and retries
// thaws that failed.
func (h *Holder) sweep(now int64) {
	h.sweepAdmin()
	text, down := h.shutdownText()
	var bye, expired, retry []*held
	h.mu.Lock()
	for _, x := range h.byFD {
		switch {
		case x.busy:
		case down:
			bye = append(bye, x)
		case x.thaw && x.retryAt <= now:
			x.busy = true
			retry = append(retry, x)
		case x.deadline != 0 && x.deadline <= now:
			expired = append(expired, x)
		}
	}
	h.mu.Unlock()
	if len(bye) > 0 {
		msg := byeAlert(text)
		for _, x := range bye {
			h.end(x, msg)
		}
		h.log.Info().Int("sessions", len(bye)).Msg("shutdown file: hibernated sessions closed")
	}
	for _, x := range expired {
		h.end(x, byeAutologout)
	}
	for _, x := range retry {
		go h.thawNow(x)
	}
}
