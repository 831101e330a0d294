package hibernate

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/sys/unix"

	"github.com/corvusmail/corvus/internal/store"
)

// Options configure a Holder.
type Options struct {
	// Store is read to answer new messages and to move the \Recent mark
	// as the imapd that froze the session would have.
	Store store.Store
	// ThawSocket is imap_thaw_socket. While nothing is there, no session
	// is taken: it could never be thawed.
	ThawSocket string
	// ConfigDir is configdirectory, for msg/shutdown.
	ConfigDir string
	// MaxHeld bounds the sessions held (default 100 000); the process's
	// descriptor limit must leave room for them.
	MaxHeld int
	Log     zerolog.Logger
	// DenyService is the service name a held session whose record names
	// none is checked under against the user deny list
	// (DefaultDenyService when empty); records carry the service the
	// session came in on.
	DenyService string
}

// key names what a held session watches.
type key struct{ user, mailboxID string }

// held is one hibernated connection: a descriptor, a state record and a
// few flags, and nothing else, so ten thousand of them fit in a few MB.
type held struct {
	fd       int32
	busy     bool  // an answer or a thaw is under way
	dirty    bool  // a change was announced while busy
	thaw     bool  // client input or a change idled cannot answer
	failures uint8 // thaw attempts that failed
	retryAt  int64 // Unix ms of the next thaw attempt
	deadline int64 // Unix ms the IDLE ends (imapidletimeout); 0 none
	key      key
	rec      []byte // sessionstate record
	tele     string // telemetry file, "" when off
	service  string // cyrus.conf service it came in on (deny list), interned
	bye      []byte // a last response owed once no longer busy
}

// Holder is idled's side: it takes frozen sessions (Serve), watches their
// sockets with one epoll set, answers or thaws them when their mailbox
// changes (Notified) and ends them on shutdown.
type Holder struct {
	opts Options
	ep   int // epoll descriptor
	wake int // eventfd that interrupts EpollWait
	log  zerolog.Logger

	mu     sync.Mutex
	byFD   map[int32]*held
	byKey  map[key][]*held
	closed bool

	thaws, answers, taken atomic.Int64
	admin                 admin             // proc file, deny list, kicks (admin.go)
	services              map[string]string // interned service names (intern)
}

// Stats counts what a Holder did, for logs, tests and benchmarks.
type Stats struct {
	Held                  int
	Taken, Answers, Thaws int64
}

// NewHolder creates the epoll set. Close releases it.
func NewHolder(opts Options) (*Holder, error) {
	if opts.MaxHeld <= 0 {
		opts.MaxHeld = 100_000
	}
	ep, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("epoll: %w", err)
	}
	wake, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		unix.Close(ep)
		return nil, fmt.Errorf("eventfd: %w", err)
	}
	ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(wake)}
	if err := unix.EpollCtl(ep, unix.EPOLL_CTL_ADD, wake, &ev); err != nil {
		unix.Close(ep)
		unix.Close(wake)
		return nil, fmt.Errorf("epoll: %w", err)
	}
	return &Holder{
		opts: opts, ep: ep, wake: wake, log: opts.Log,
		byFD: map[int32]*held{}, byKey: map[key][]*held{},
	}, nil
}

// Stats returns the counters.
func (h *Holder) Stats() Stats {
	h.mu.Lock()
	n := len(h.byFD)
	h.mu.Unlock()
	return Stats{Held: n, Taken: h.taken.Load(), Answers: h.answers.Load(), Thaws: h.thaws.Load()}
}

// Serve takes frozen sessions from ln and runs the epoll loop until ctx
// ends; then every held session gets "* BYE Server shutting down", as a
// live imapd's would, and Serve returns.
func (h *Holder) Serve(ctx context.Context, ln *net.UnixListener) error {
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		h.loop()
	}()
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var err error
	for {
		c, aerr := ln.AcceptUnix()
		if aerr != nil {
			if ctx.Err() == nil && !errors.Is(aerr, net.ErrClosed) {
				err = fmt.Errorf("hibernation socket: %w", aerr)
			}
			break
		}
		go h.take(c)
	}
	h.shutdown(byeShutdown)
	<-loopDone
	return err
}

// Close releases the epoll set; held sessions must be gone (Serve ended).
func (h *Holder) Close() error {
	h.closeAdmin()
	unix.Close(h.wake)
	return unix.Close(h.ep)
}

// shutdown ends every held session with bye and stops the loop.
func (h *Holder) shutdown(bye []byte) {
	h.mu.Lock()
	h.closed = true
	all := make([]*held, 0, len(h.byFD))
	for _, x := range h.byFD {
		all = append(all, x)
	}
	h.mu.Unlock()
	for _, x := range all {
		h.end(x, bye)
	}
	var one [8]byte
	one[7] = 1
	unix.Write(h.wake, one[:])
}

// thawReady reports whether an imapd -R service listens: without one a
// session would be stranded here.
func (h *Holder) thawReady() bool {
	fi, err := os.Stat(h.opts.ThawSocket)
	return err == nil && fi.Mode()&os.ModeSocket != 0
}

func nowMs() int64 { return time.Now().UnixMilli() }
