package idle

import (
	"context"
	"errors"
	"net"
	"time"
)

// Reachability of idled as a Watcher last saw it.
const (
	reachUnknown int32 = iota
	reachYes
	reachNo
)

// socketLocked returns the Watcher's socket, binding it and starting its
// goroutines the first time; nil when closed or when binding fails (logged
// once per distinct failure; the next Watch tries again). w.mu is held.
func (w *Watcher) socketLocked() *Socket {
	if w.closed {
		return nil
	}
	if w.sock != nil {
		return w.sock
	}
	sock, err := Bind(w.Path, 0o600)
	if err != nil {
		if err.Error() != w.bindErr {
			w.bindErr = err.Error()
			w.log.Warn().Err(err).Msg("cannot bind the idled watcher socket; IDLE falls back to polling")
		}
		return nil
	}
	w.sock = sock
	w.wg.Add(2)
	go w.readLoop(sock)
	go w.refreshLoop(sock)
	return sock
}

// readLoop hands each Wake to the sessions watching its mailbox, and
// answers a Resync by re-sending the watches at once.
func (w *Watcher) readLoop(sock *Socket) {
	defer w.wg.Done()
	buf := make([]byte, MaxSize+1)
	for {
		n, _, err := sock.ReadFromUnix(buf)
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				w.log.Warn().Err(err).Msg("idled watcher socket failed; IDLE falls back to polling")
			}
			return
		}
		m, err := Decode(buf[:n])
		if err != nil {
			w.log.Debug().Err(err).Msg("datagram from idled ignored")
			continue
		}
		switch m.Type {
		case Wake:
			w.dispatch(watchKey{m.User, m.MailboxID})
		case Resync:
			select {
			case w.kick <- struct{}{}:
			default:
			}
		default:
			w.log.Debug().Stringer("type", m.Type).Msg("unexpected datagram on the watcher socket")
		}
	}
}

// dispatch wakes every session watching k, without ever blocking: a
// session that has a wake pending needs no second one.
func (w *Watcher) dispatch(k watchKey) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for ch := range w.subs[k] {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// refreshLoop re-sends every watch each Refresh, and when idled asks.
func (w *Watcher) refreshLoop(sock *Socket) {
	defer w.wg.Done()
	t := time.NewTicker(w.Refresh)
	defer t.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-t.C:
		case <-w.kick:
		}
		w.mu.Lock()
		keys := w.keysLocked()
		w.mu.Unlock()
		for _, k := range keys {
			w.refresh(sock, k)
		}
	}
}

// refresh re-sends the watch of k unless it ended meanwhile.
func (w *Watcher) refresh(sock *Socket, k watchKey) {
	w.order.Lock()
	defer w.order.Unlock()
	w.mu.Lock()
	_, still := w.subs[k]
	still = still && !w.closed
	w.mu.Unlock()
	if still {
		w.send(sock, Watch, k)
	}
}

// send sends one Watch or Unwatch to idled from the Watcher's socket (so
// that idled learns where to send Wakes), within SendBudget.
func (w *Watcher) send(sock *Socket, t Type, k watchKey) {
	b, err := Message{Type: t, PID: w.pid, User: k.user, MailboxID: k.mailbox}.Encode()
	if err != nil {
		w.log.Debug().Err(err).Msg("idled datagram not sent")
		return
	}
	err = sendBounded(context.Background(), SendBudget, func() error { return sock.sendTo(b, w.idled) })
	w.noteSend(err)
}

// noteSend tracks whether idled is reachable and logs each change once.
func (w *Watcher) noteSend(err error) {
	switch {
	case err == nil:
		if w.state.Swap(reachYes) == reachNo {
			w.log.Info().Str("socket", w.idled).Msg("idled reachable again; IDLE wakes at once")
		}
	case errors.Is(err, net.ErrClosed):
	case errors.Is(err, ErrBusy):
		w.log.Debug().Str("socket", w.idled).Msg("idled busy; watch not sent, re-sent at the next refresh")
	default:
		if w.state.Swap(reachNo) != reachNo {
			w.log.Info().Err(err).Str("socket", w.idled).Msg("idled not reachable; IDLE falls back to polling every imapidlepoll")
		}
	}
}
