package main

import (
	"net"
	"os/user"
	"strconv"

	"golang.org/x/sys/unix"
)

// peerUser names the local user at the other end of a unix socket (the
// MTA, e.g. "postfix"), from the kernel's SO_PEERCRED: the identity of a
// pre-authorised client for telemetry. "" when it cannot be told.
func peerUser(c net.Conn) string {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return ""
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return ""
	}
	var cred *unix.Ucred
	_ = raw.Control(func(fd uintptr) {
		cred, err = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	})
	if err != nil || cred == nil {
		return ""
	}
	if u, err := user.LookupId(strconv.Itoa(int(cred.Uid))); err == nil {
		return u.Username
	}
	return ""
}
