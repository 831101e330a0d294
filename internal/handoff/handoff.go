// Package handoff moves a client connection between Corvus processes: a
// file descriptor (SCM_RIGHTS, unix(7)) and a record describing the
// session travel together over a unix stream socket, and the receiver
// answers with one byte once it owns the connection. imapd hands an IDLE
// session to idled this way (hibernation), and idled hands it to an imapd
// -R worker (thaw).
//
// A frame is the magic "CVHO", a version byte, the record's length as a
// 4-byte big-endian number, then the record; the descriptor rides on the
// frame's first byte. The answer is one byte, Taken or Refused.
package handoff

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Version is the frame format's version.
const Version = 1

// MaxRecord bounds a record, so a receiver never allocates what a broken
// sender claims.
const MaxRecord = 1 << 20

// Answers to a hand-over.
const (
	Taken   byte = 'T'
	Refused byte = 'R'
)

const headerLen = 9

var magic = [4]byte{'C', 'V', 'H', 'O'}

// Errors a hand-over can end with.
var (
	ErrBadFrame = errors.New("invalid hand-over frame")
	ErrNoFD     = errors.New("hand-over frame carries no descriptor")
	ErrRefused  = errors.New("hand-over refused")
)

// Send passes conn's descriptor and record over c and waits, until
// deadline, for the receiver's answer: nil once the receiver has taken
// the connection (the caller must then stop using conn, though it still
// closes its own copy), ErrRefused if it said no. conn must be a socket
// of the net package (syscall.Conn).
func Send(c *net.UnixConn, conn syscall.Conn, record []byte, deadline time.Time) error {
	raw, err := conn.SyscallConn()
	if err != nil {
		return fmt.Errorf("hand-over: %w", err)
	}
	var sendErr error
	err = raw.Control(func(fd uintptr) { sendErr = SendFD(c, int(fd), record, deadline) })
	if err != nil {
		return fmt.Errorf("hand-over: %w", err)
	}
	return sendErr
}

// SendFD is Send for a raw descriptor (idled holds sockets that way).
func SendFD(c *net.UnixConn, fd int, record []byte, deadline time.Time) error {
	if len(record) > MaxRecord {
		return fmt.Errorf("hand-over record of %d bytes: %w", len(record), ErrBadFrame)
	}
	if err := c.SetDeadline(deadline); err != nil {
		return fmt.Errorf("hand-over: %w", err)
	}
	frame := make([]byte, headerLen, headerLen+len(record))
	copy(frame, magic[:])
	frame[4] = Version
	binary.BigEndian.PutUint32(frame[5:], uint32(len(record)))
	frame = append(frame, record...)
	n, _, err := c.WriteMsgUnix(frame, unix.UnixRights(fd), nil)
	if err != nil {
		return fmt.Errorf("hand-over: send: %w", err)
	}
	if n < len(frame) {
		if _, err := c.Write(frame[n:]); err != nil {
			return fmt.Errorf("hand-over: send: %w", err)
		}
	}
	var ans [1]byte
	if _, err := c.Read(ans[:]); err != nil {
		return fmt.Errorf("hand-over: no answer: %w", err)
	}
	if ans[0] != Taken {
		return ErrRefused
	}
	return nil
}
