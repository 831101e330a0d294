package handoff

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"time"

	"golang.org/x/sys/unix"
)

// Receive reads one frame from c until deadline and returns the
// descriptor it carried (the caller owns it and must close it) and the
// record. The caller then answers with Answer. Any descriptor received
// with a bad frame is closed, never leaked.
func Receive(c *net.UnixConn, deadline time.Time) (fd int, record []byte, err error) {
	if err := c.SetDeadline(deadline); err != nil {
		return -1, nil, fmt.Errorf("hand-over: %w", err)
	}
	head := make([]byte, headerLen)
	oob := make([]byte, unix.CmsgSpace(4*4)) // room for stray extra fds
	n, oobn, _, _, err := c.ReadMsgUnix(head, oob)
	fds := parseFDs(oob[:oobn])
	fd = -1
	if len(fds) > 0 {
		fd, fds = fds[0], fds[1:]
	}
	closeAll(fds) // a frame carries one descriptor; more are not ours to keep
	fail := func(e error) (int, []byte, error) {
		if fd >= 0 {
			unix.Close(fd)
		}
		return -1, nil, e
	}
	if err != nil {
		return fail(fmt.Errorf("hand-over: receive: %w", err))
	}
	if _, err := io.ReadFull(c, head[n:]); err != nil {
		return fail(fmt.Errorf("hand-over: header: %w", err))
	}
	size, err := ParseHeader(head)
	if err != nil {
		return fail(err)
	}
	if fd < 0 {
		return fail(ErrNoFD)
	}
	record = make([]byte, size)
	if _, err := io.ReadFull(c, record); err != nil {
		return fail(fmt.Errorf("hand-over: record: %w", err))
	}
	return fd, record, nil
}

// ParseHeader checks a frame header and returns the record's length.
func ParseHeader(head []byte) (int, error) {
	if len(head) != headerLen || [4]byte(head[:4]) != magic {
		return 0, ErrBadFrame
	}
	if head[4] != Version {
		return 0, fmt.Errorf("%w: version %d", ErrBadFrame, head[4])
	}
	size := binary.BigEndian.Uint32(head[5:])
	if size > MaxRecord {
		return 0, fmt.Errorf("%w: record of %d bytes", ErrBadFrame, size)
	}
	return int(size), nil
}

// Answer tells the sender whether the connection was taken.
func Answer(c *net.UnixConn, taken bool) error {
	b := Refused
	if taken {
		b = Taken
	}
	_, err := c.Write([]byte{b})
	return err
}

// parseFDs returns the descriptors in a control message, if any.
func parseFDs(oob []byte) []int {
	msgs, err := unix.ParseSocketControlMessage(oob)
	if err != nil {
		return nil
	}
	var out []int
	for _, m := range msgs {
		fds, err := unix.ParseUnixRights(&m)
		if err == nil {
			out = append(out, fds...)
		}
	}
	return out
}

func closeAll(fds []int) {
	for _, fd := range fds {
		unix.Close(fd)
	}
}
