package idle

import (
	"errors"
	"fmt"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// handle acts on one datagram from peer.
func (d *Daemon) handle(out syscall.RawConn, b []byte, peer string) {
	m, err := Decode(b)
	if err != nil {
		d.warnBad(err, peer)
		return
	}
	k := watchKey{m.User, m.MailboxID}
	switch m.Type {
	case Watch:
		if peer == "" {
			// The Wake goes to where the Watch came from.
			d.warnBad(errors.New("watch from an unbound socket"), peer)
			return
		}
		if !d.reg.watch(k, peer, time.Now()) {
			d.warnFull(m, peer)
		}
	case Unwatch:
		d.reg.unwatch(k, peer)
	case Kick:
		d.kick(m, peer)
	case Notify:
		d.wake(out, m)
		if d.OnNotify != nil {
			d.OnNotify(m.User, m.MailboxID)
		}
	default:
		d.warnBad(fmt.Errorf("%v datagram sent to idled", m.Type), peer)
	}
}

// wake sends a Wake for m's mailbox to each of its watchers, without
// waiting for any. A watcher whose socket is gone is forgotten.
func (d *Daemon) wake(out syscall.RawConn, m Message) {
	peers := d.reg.peers(watchKey{m.User, m.MailboxID})
	if len(peers) == 0 {
		return
	}
	b, err := Message{Type: Wake, PID: d.pid, User: m.User, MailboxID: m.MailboxID, ModSeq: m.ModSeq}.Encode()
	if err != nil {
		d.log.Error().Err(err).Msg("cannot encode a wake") // Decode checked the same rules
		return
	}
	for _, p := range peers {
		err := sendRaw(out, b, p)
		switch {
		case err == nil:
		case isGone(err):
			n := d.reg.dropPeer(p)
			d.log.Debug().Str("watcher", p).Int("watches", n).Msg("watcher gone; its watches dropped")
		case errors.Is(err, unix.EAGAIN):
			d.dropped.Add(1)
			d.log.Debug().Str("watcher", p).Msg("watcher's queue full; wake dropped")
		default:
			// EACCES and the like will not mend: forget the watcher
			// rather than fail on it at every change.
			n := d.reg.dropPeer(p)
			if ok, held := d.failed.allow(time.Now()); ok {
				d.log.Warn().Err(err).Str("watcher", p).Int("watches", n).Int("suppressed", held).Msg("cannot wake watcher; its watches dropped")
			}
		}
	}
}

// warnBad logs a datagram idled cannot use, at most every warnEvery.
func (d *Daemon) warnBad(err error, peer string) {
	if ok, held := d.bad.allow(time.Now()); ok {
		d.log.Warn().Err(err).Str("from", peer).Int("suppressed", held).Msg("idled datagram refused")
	}
}

// warnFull logs a watch refused by MaxWatchers, at most every warnEvery.
func (d *Daemon) warnFull(m Message, peer string) {
	if ok, held := d.full.allow(time.Now()); ok {
		d.log.Warn().Int("max", d.MaxWatchers).Str("from", peer).Int32("pid", m.PID).Int("suppressed", held).
			Msg("watch refused: idled holds its maximum of watches; that session polls")
	}
}
