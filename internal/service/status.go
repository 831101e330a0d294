package service

import (
	"encoding/binary"
	"fmt"
)

// Status codes a worker writes to master on fd 3, with Cyrus's values
// (master/service.h).
const (
	// StatusAvailable: ready to accept another connection (sent after a
	// client leaves and the worker stays alive).
	StatusAvailable = 1
	// StatusUnavailable: took a connection (sent just after accept), or is
	// exiting while idle, or failed to start.
	StatusUnavailable = 2
	// StatusConnection: started serving a connection (master counts them).
	StatusConnection = 3
	// StatusConnectionMulti: a multi-threaded worker took a connection but
	// stays available.
	StatusConnectionMulti = 4
)

// StatusSize is the size of one status record: {int32 message; int32 pid}.
const StatusSize = 8

// EncodeStatus returns the status record for msg from pid, in host byte order
// as Cyrus writes the C struct.
func EncodeStatus(msg, pid int32) [StatusSize]byte {
	var b [StatusSize]byte
	binary.NativeEndian.PutUint32(b[0:4], uint32(msg))
	binary.NativeEndian.PutUint32(b[4:8], uint32(pid))
	return b
}

// DecodeStatus parses one status record. b must hold exactly StatusSize
// bytes: master reads whole records, so anything else is a framing error.
func DecodeStatus(b []byte) (msg, pid int32, err error) {
	if len(b) != StatusSize {
		return 0, 0, fmt.Errorf("status record: got %d bytes, want %d", len(b), StatusSize)
	}
	msg = int32(binary.NativeEndian.Uint32(b[0:4]))
	pid = int32(binary.NativeEndian.Uint32(b[4:8]))
	return msg, pid, nil
}

// StatusName returns the Cyrus name of a status code, for logs.
func StatusName(msg int32) string {
	switch msg {
	case StatusAvailable:
		return "AVAILABLE"
	case StatusUnavailable:
		return "UNAVAILABLE"
	case StatusConnection:
		return "CONNECTION"
	case StatusConnectionMulti:
		return "CONNECTION_MULTI"
	}
	return fmt.Sprintf("UNKNOWN(%d)", msg)
}
