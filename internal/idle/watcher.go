package idle

import (
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
)

// DefaultRefresh is how often a Watcher re-sends its watches by default;
// the Daemon forgets a watch not refreshed for twice as long.
const DefaultRefresh = 30 * time.Second

// watchKey names one watched mailbox.
type watchKey struct{ user, mailbox string }

// Watcher is an imapd's side of idled: the IDLE sessions of the process
// watch mailboxes through it. One per process; safe for concurrent use.
//
// Its socket is bound on the first Watch at Path, by default
// idle.<pid> in the directory of idled's socket (as Cyrus names an
// imapd's), mode 0600. Sessions of the process watching the same mailbox
// share one watch at idled. While anything is watched, the watches are
// re-sent every Refresh, so an idled that master restarted learns them
// again even if it could not ask (see Resync).
type Watcher struct {
	// Path is this process's socket. Set it, if at all, before the first
	// Watch.
	Path string
	// Refresh is how often watches are re-sent (DefaultRefresh). Set it,
	// if at all, before the first Watch.
	Refresh time.Duration

	idled string
	log   zerolog.Logger
	pid   int32
	state atomic.Int32 // reachUnknown, reachYes or reachNo

	// order serialises deciding to send a Watch or Unwatch with sending
	// it, so idled sees them in the order the sessions made them (a stop
	// and a new watch of the same mailbox must not arrive swapped).
	order   sync.Mutex
	mu      sync.Mutex // guards what follows; never held while sending
	sock    *Socket    // nil until the first Watch binds it
	subs    map[watchKey]map[chan struct{}]struct{}
	closed  bool
	bindErr string // last bind failure, logged once
	kick    chan struct{}
	done    chan struct{}
	wg      sync.WaitGroup
}

// NewWatcher returns a Watcher of idled's socket at socketPath (imapd.conf
// idlesocket). Nothing is bound until the first Watch.
func NewWatcher(socketPath string, log zerolog.Logger) *Watcher {
	pid := os.Getpid()
	return &Watcher{
		Path:    filepath.Join(filepath.Dir(socketPath), "idle."+strconv.Itoa(pid)),
		Refresh: DefaultRefresh,
		idled:   socketPath,
		log:     log,
		pid:     int32(pid),
		subs:    map[watchKey]map[chan struct{}]struct{}{},
		kick:    make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
}

// Watch registers for changes of mailboxID of user. wake receives
// (buffered 1, never blocking idled's reader) after each change idled
// reports; it is never closed. stop ends the watch and may be called more
// than once. If idled cannot be reached, Watch still returns: wake then
// stays quiet until idled comes back, and the session keeps polling every
// imapidlepoll as Cyrus's does. Reachable tells which case holds.
func (w *Watcher) Watch(user, mailboxID string) (wake <-chan struct{}, stop func()) {
	ch := make(chan struct{}, 1)
	k := watchKey{user, mailboxID}
	if err := (Message{Type: Watch, PID: w.pid, User: user, MailboxID: mailboxID}).validate(); err != nil {
		w.log.Debug().Err(err).Msg("mailbox cannot be watched through idled")
		return ch, func() {}
	}
	w.order.Lock()
	defer w.order.Unlock()
	w.mu.Lock()
	sock := w.socketLocked()
	if sock == nil {
		w.mu.Unlock()
		return ch, func() {}
	}
	set := w.subs[k]
	if set == nil {
		set = map[chan struct{}]struct{}{}
		w.subs[k] = set
	}
	set[ch] = struct{}{}
	first := len(set) == 1
	w.mu.Unlock()
	if first {
		w.send(sock, Watch, k)
	}
	return ch, sync.OnceFunc(func() { w.unwatch(k, ch) })
}

// unwatch drops one session's watch, and the watch at idled with the last.
func (w *Watcher) unwatch(k watchKey, ch chan struct{}) {
	w.order.Lock()
	defer w.order.Unlock()
	w.mu.Lock()
	set := w.subs[k]
	delete(set, ch)
	last := set != nil && len(set) == 0
	if last {
		delete(w.subs, k)
	}
	sock, closed := w.sock, w.closed
	w.mu.Unlock()
	if last && !closed && sock != nil {
		w.send(sock, Unwatch, k)
	}
}

// Reachable reports whether idled took the last datagram this Watcher
// sent it. It is false before the first Watch.
func (w *Watcher) Reachable() bool { return w.state.Load() == reachYes }

// Close tells idled the watches are over, closes and removes the socket,
// and waits for the Watcher's goroutines. Watch after Close returns a
// channel that never fires.
func (w *Watcher) Close() error {
	w.order.Lock()
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		w.order.Unlock()
		return nil
	}
	w.closed = true
	sock, keys := w.sock, w.keysLocked()
	w.mu.Unlock()
	close(w.done)
	if sock == nil {
		w.order.Unlock()
		return nil
	}
	for _, k := range keys {
		w.send(sock, Unwatch, k)
	}
	// Not held while waiting: a refresh may be waiting for it.
	w.order.Unlock()
	err := sock.Close()
	w.wg.Wait()
	return err
}

// keysLocked lists the watched mailboxes; w.mu is held.
func (w *Watcher) keysLocked() []watchKey {
	keys := make([]watchKey, 0, len(w.subs))
	for k := range w.subs {
		keys = append(keys, k)
	}
	return keys
}
