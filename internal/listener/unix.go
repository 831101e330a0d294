package listener

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// bindUnix binds a unix-domain socket at spec.Path. As Cyrus, a stale socket
// left by an earlier run is unlinked first; unlike Cyrus (which creates it
// world-accessible and relies on the directory), the socket file itself gets
// spec.Mode (default 0660) and, when asked, the cyrus user and group, so it
// is never world-accessible. Anything at the path that is not a socket is
// left alone and reported.
func bindUnix(spec Spec) (*Socket, error) {
	path := spec.Path
	if st, err := os.Lstat(path); err == nil {
		if st.Mode().Type() != fs.ModeSocket {
			return nil, fmt.Errorf("bind %s: exists and is not a socket", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("remove stale socket %s: %w", path, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("stat %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create socket directory for %s: %w", path, err)
	}
	stream := isStream(spec.Network)
	typ := unix.SOCK_STREAM
	if !stream {
		typ = unix.SOCK_DGRAM
	}
	fd, err := unix.Socket(unix.AF_UNIX, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("socket for %s: %w", path, err)
	}
	fail := func(what string, err error) (*Socket, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("%s %s: %w", what, path, err)
	}
	// Bind under a umask that leaves no bits for others, then set the
	// exact mode: there is no moment at which the socket is world-open.
	old := unix.Umask(0o077)
	err = unix.Bind(fd, &unix.SockaddrUnix{Name: path})
	unix.Umask(old)
	if err != nil {
		return fail("bind", err)
	}
	mode := spec.Mode
	if mode == 0 {
		mode = 0o660
	}
	if err := os.Chmod(path, mode); err != nil {
		return fail("chmod", err)
	}
	if spec.Chown {
		if err := os.Lchown(path, spec.UID, spec.GID); err != nil {
			return fail("chown", err)
		}
	}
	if stream {
		if err := unix.Listen(fd, spec.Backlog); err != nil {
			return fail("listen", err)
		}
	}
	return &Socket{File: os.NewFile(uintptr(fd), path), Addr: path, Stream: stream}, nil
}
