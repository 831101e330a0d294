package idle

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Socket is a unix datagram socket bound to a path, as idled and each
// Watcher use. Closing it removes the path, as Cyrus's idled does on exit
// so that imapds notice it is gone, unless the path was meanwhile replaced
// by another socket (a new idled), which is left alone.
type Socket struct {
	*net.UnixConn
	path     string
	dev, ino uint64
	raw      syscall.RawConn
	once     sync.Once
}

// Bind removes a stale socket at path (as Cyrus's idled and imapd do),
// binds a unix datagram socket there and gives it mode. It refuses to
// remove anything at path that is not a socket.
//
// The socket's mode is set before bind, which Linux applies to the new
// file under the umask, so the file is never more open than mode, without
// touching the process-wide umask (an imapd creates files concurrently);
// a chmod then restores the bits the umask took.
func Bind(path string, mode os.FileMode) (*Socket, error) {
	if err := removeStale(path); err != nil {
		return nil, err
	}
	conn, err := bindUnixgram(path, mode)
	if err != nil {
		return nil, err
	}
	s := &Socket{UnixConn: conn, path: path}
	if err := s.setup(mode); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// bindUnixgram makes the socket, narrowed to mode before it is bound.
func bindUnixgram(path string, mode os.FileMode) (*net.UnixConn, error) {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("socket for %s: %w", path, err)
	}
	f := os.NewFile(uintptr(fd), path)
	defer f.Close() // FilePacketConn holds its own descriptor
	if err := unix.Fchmod(fd, uint32(mode.Perm())); err != nil {
		return nil, fmt.Errorf("chmod socket for %s: %w", path, err)
	}
	if err := unix.Bind(fd, &unix.SockaddrUnix{Name: path}); err != nil {
		return nil, fmt.Errorf("bind %s: %w", path, err)
	}
	pc, err := net.FilePacketConn(f)
	if err != nil {
		_ = os.Remove(path)
		return nil, fmt.Errorf("socket %s: %w", path, err)
	}
	conn, ok := pc.(*net.UnixConn)
	if !ok {
		pc.Close()
		_ = os.Remove(path)
		return nil, fmt.Errorf("socket %s: not a unix socket", path)
	}
	return conn, nil
}

// setup remembers the file's identity for Close, then gives the file
// its full mode.
func (s *Socket) setup(mode os.FileMode) error {
	var st unix.Stat_t
	if err := unix.Stat(s.path, &st); err != nil {
		return fmt.Errorf("stat %s: %w", s.path, err)
	}
	s.dev, s.ino = st.Dev, st.Ino
	if err := os.Chmod(s.path, mode); err != nil {
		return fmt.Errorf("chmod %s: %w", s.path, err)
	}
	raw, err := s.SyscallConn()
	if err != nil {
		return fmt.Errorf("socket %s: %w", s.path, err)
	}
	s.raw = raw
	return nil
}

// removeStale removes a socket file left at path by an earlier process.
func removeStale(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("stat %s: %w", path, err)
	}
	if fi.Mode()&fs.ModeSocket == 0 {
		return fmt.Errorf("%s exists and is not a socket; not removing it", path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove stale socket %s: %w", path, err)
	}
	return nil
}

// Path returns the path the socket is bound to.
func (s *Socket) Path() string { return s.path }

// Close closes the socket and removes its path if it is still this
// socket's. It is safe to call more than once.
func (s *Socket) Close() error {
	var err error
	s.once.Do(func() {
		err = s.UnixConn.Close()
		var st unix.Stat_t
		if unix.Stat(s.path, &st) == nil && st.Dev == s.dev && st.Ino == s.ino {
			if rerr := os.Remove(s.path); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && err == nil {
				err = fmt.Errorf("remove %s: %w", s.path, rerr)
			}
		}
	})
	return err
}

// sendTo sends b to the socket at path without waiting: a full receiver
// queue is EAGAIN, not a block.
func (s *Socket) sendTo(b []byte, path string) error { return sendRaw(s.raw, b, path) }

// sendRaw sends b from the socket behind raw to the socket at path with
// one non-blocking sendto. Go's own WriteTo would wait in the poller for
// a full receiver, and idled must never wait for one watcher.
func sendRaw(raw syscall.RawConn, b []byte, path string) error {
	var serr error
	err := raw.Write(func(fd uintptr) bool {
		serr = sendNow(int(fd), b, path)
		return true
	})
	if err != nil {
		return err
	}
	return serr
}
