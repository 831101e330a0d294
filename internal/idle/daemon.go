package idle

import (
	"context"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
)

// DefaultMaxWatchers bounds idled's table of watches, and so its memory
// (a few hundred bytes a watch).
const DefaultMaxWatchers = 100_000

// warnEvery spaces out repeated warnings about bad datagrams and refused
// watches.
const warnEvery = 10 * time.Second

// Daemon is idled's core: it keeps the watches and forwards each Notify
// as a Wake to the watchers of the mailbox, as Cyrus's idled does.
//
// Serve handles one datagram socket; the table is shared and locked, so
// more sockets or handlers (the hibernation hand-over of a later version)
// can run beside it on the same Daemon.
type Daemon struct {
	// MaxWatchers bounds the watches kept (DefaultMaxWatchers); a new
	// watch beyond it is refused and logged, and that session polls. Set
	// it, if at all, before Serve.
	MaxWatchers int
	// Expire is how long a watch lives without being refreshed
	// (2 × DefaultRefresh): the watches of an imapd that died without a
	// word go away. Set it, if at all, before Serve.
	Expire time.Duration
	// OnNotify, when set, also hears of every Notify, after the watchers
	// were woken: idled's hibernated sessions (internal/hibernate). It
	// must not block. Set it, if at all, before Serve.
	OnNotify func(user, mailboxID string)
	// OnKick, when set, hears of every Kick: idled's hibernated sessions
	// of the user ("*": all) end. It must not block. Set it, if at all,
	// before Serve.
	OnKick func(user string)

	log     zerolog.Logger
	pid     int32
	once    sync.Once
	reg     *registry
	bad     limiter // malformed or misdirected datagrams
	full    limiter // watches refused by MaxWatchers
	failed  limiter // wake-ups that failed for other reasons
	dropped atomic.Int64
}

// NewDaemon returns a Daemon that logs to log.
func NewDaemon(log zerolog.Logger) *Daemon {
	return &Daemon{
		MaxWatchers: DefaultMaxWatchers,
		Expire:      2 * DefaultRefresh,
		log:         log,
		pid:         int32(os.Getpid()),
		bad:         limiter{every: warnEvery},
		full:        limiter{every: warnEvery},
		failed:      limiter{every: warnEvery},
	}
}

// setup makes the table once the settings are final.
func (d *Daemon) setup() {
	d.once.Do(func() { d.reg = newRegistry(d.MaxWatchers) })
}

// Watchers returns how many watches idled holds.
func (d *Daemon) Watchers() int {
	d.setup()
	return d.reg.count()
}

// DroppedWakes returns how many Wakes were dropped because a watcher's
// queue was full (that session noticed the change at its next poll).
func (d *Daemon) DroppedWakes() int64 { return d.dropped.Load() }

// Serve reads datagrams from conn until ctx ends, then returns nil; it
// returns an error only if conn fails. On start it asks the watchers
// whose sockets sit next to conn's (idle.<pid>) to send their watches
// again, so a restarted idled is current at once.
func (d *Daemon) Serve(ctx context.Context, conn *net.UnixConn) error {
	d.setup()
	raw, err := conn.SyscallConn()
	if err != nil {
		return fmt.Errorf("idled socket: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.sweep(done)
	}()
	defer func() {
		close(done)
		wg.Wait()
	}()
	if addr, ok := conn.LocalAddr().(*net.UnixAddr); ok && addr.Name != "" {
		d.resync(raw, addr.Name)
	}
	buf := make([]byte, MaxSize+1) // one more, to see an oversized datagram
	for {
		n, from, err := conn.ReadFromUnix(buf)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read idled socket: %w", err)
		}
		d.handle(raw, buf[:n], peerName(from))
	}
}

// sweep forgets unrefreshed watches until done is closed.
func (d *Daemon) sweep(done <-chan struct{}) {
	t := time.NewTicker(max(d.Expire/4, time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case now := <-t.C:
			if n := d.reg.expire(now.Add(-d.Expire)); n > 0 {
				d.log.Debug().Int("expired", n).Int("watchers", d.reg.count()).Msg("forgot watches not refreshed")
			}
		}
	}
}

// peerName is the socket path a datagram came from ("" if unbound).
func peerName(a *net.UnixAddr) string {
	if a == nil {
		return ""
	}
	return a.Name
}
