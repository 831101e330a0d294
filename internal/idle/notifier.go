package idle

import (
	"context"
	"fmt"
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// Notifier tells idled that mailboxes changed. imapd uses one after each
// command that changed something and lmtpd one after each delivery, as
// Cyrus's processes do. It is safe for concurrent use.
//
// All notifications go out of one unbound datagram socket, addressed to
// idled's path each time, so an idled that master restarted (a new socket
// file at the same path) is reached without re-dialling.
type Notifier struct {
	path string
	pid  int32

	mu     sync.RWMutex // Notify holds it shared, Close exclusive
	closed bool
	once   sync.Once // creates fd
	fd     int
	fdErr  error
}

// NewNotifier returns a Notifier for idled's socket at socketPath
// (imapd.conf idlesocket). The socket is made on the first Notify.
func NewNotifier(socketPath string) *Notifier {
	return &Notifier{path: socketPath, pid: int32(os.Getpid()), fd: -1}
}

// Notify tells idled that mailboxID of user changed, as of modseq (0 when
// not known). It never waits for idled more than SendBudget (less if ctx
// ends sooner). An idled that is not running gives an error wrapping
// ErrUnreachable, a full queue ErrBusy: both only cost IDLE sessions their
// instant wake-up, so callers log them at debug level at most.
func (n *Notifier) Notify(ctx context.Context, user, mailboxID string, modseq uint64) error {
	b, err := Message{Type: Notify, PID: n.pid, User: user, MailboxID: mailboxID, ModSeq: modseq}.Encode()
	if err != nil {
		return fmt.Errorf("notify idled: %w", err)
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	if n.closed {
		return ErrClosed
	}
	n.once.Do(n.open)
	if n.fdErr != nil {
		return n.fdErr
	}
	err = sendBounded(ctx, SendBudget, func() error { return sendNow(n.fd, b, n.path) })
	if err != nil {
		return fmt.Errorf("notify idled at %s: %w", n.path, err)
	}
	return nil
}

// open makes the unbound, non-blocking socket.
func (n *Notifier) open() {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		n.fdErr = fmt.Errorf("notify idled: socket: %w", err)
		return
	}
	n.fd = fd
}

// Close releases the socket; later Notify calls return ErrClosed.
func (n *Notifier) Close() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return nil
	}
	n.closed = true
	if n.fd >= 0 {
		return unix.Close(n.fd)
	}
	return nil
}
