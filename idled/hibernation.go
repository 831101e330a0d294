package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"runtime/debug"

	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/hibernate"
	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// hibernation is idled's holder of hibernated sessions while it runs.
type hibernation struct {
	done   chan struct{}
	holder *hibernate.Holder
	closer func()
}

// startHibernation listens for frozen sessions beside the datagram
// socket and holds them until ctx ends. The descriptor limit is raised to
// the hard limit first: every held session is one descriptor.
func startHibernation(ctx context.Context, st *settings, d *idle.Daemon) (*hibernation, error) {
	if st.partition == "" {
		return nil, fmt.Errorf("partition-default is not set")
	}
	limit := raiseFileLimit()
	// Accounts opened to answer wake-ups stay open for reuse until they
	// expire; then what they held goes back to the kernel.
	store, err := sqlite.Open(sqlite.Options{Partition: st.partition, ConfigDir: st.configDir, Expired: debug.FreeOSMemory})
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	path := hibernate.SocketPath(st.socket)
	ln, err := listenUnix(path)
	if err != nil {
		store.Close()
		return nil, err
	}
	h, err := hibernate.NewHolder(hibernate.Options{
		Store: store, ThawSocket: st.thaw, ConfigDir: st.configDir, Log: st.log,
		MaxHeld: max(limit-256, 1), // room for the store, sockets and logs
	})
	if err != nil {
		ln.Close()
		store.Close()
		return nil, err
	}
	d.OnNotify = h.Notified
	d.OnKick = func(user string) { go h.Kick(user) } // cyr_kick; must not block
	hib := &hibernation{done: make(chan struct{}), holder: h}
	hib.closer = func() { h.Close(); store.Close(); os.Remove(path) }
	go func() {
		defer close(hib.done)
		defer publishHibernation(ctx, h)()
		if err := h.Serve(ctx, ln); err != nil {
			st.log.Error().Err(err).Msg("hibernation stopped")
		}
	}()
	st.log.Info().Str("socket", path).Str("thaw", st.thaw).Int("max", limit-256).Msg("holding hibernated sessions")
	return hib, nil
}

// stop waits for the holder to say BYE to its sessions and releases it.
func (hib *hibernation) stop() {
	if hib == nil {
		return
	}
	<-hib.done
	hib.closer()
}

// listenUnix binds the hibernation socket, replacing a stale one, with
// socketMode: only imapd (same user and group) may hand sessions over.
func listenUnix(path string) (*net.UnixListener, error) {
	os.Remove(path)
	// Bound under a umask that leaves others nothing, then opened to the
	// group, as master binds unix listeners.
	old := unix.Umask(0o077)
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	unix.Umask(old)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", path, err)
	}
	ln.SetUnlinkOnClose(true)
	if err := os.Chmod(path, socketMode); err != nil {
		ln.Close()
		return nil, fmt.Errorf("chmod %s: %w", path, err)
	}
	return ln, nil
}

// raiseFileLimit lifts RLIMIT_NOFILE's soft limit to the hard one and
// returns it.
func raiseFileLimit() int {
	var r unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &r); err != nil {
		return 1024
	}
	if r.Cur < r.Max {
		r.Cur = r.Max
		_ = unix.Setrlimit(unix.RLIMIT_NOFILE, &r)
		_ = unix.Getrlimit(unix.RLIMIT_NOFILE, &r)
	}
	return int(min(r.Cur, 1<<30))
}
