package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// tcpEstablished is the state column of /proc/net/tcp for an
// established connection (the kernel's TCP_ESTABLISHED).
const tcpEstablished = "01"

// serverSockets returns the inodes of the established connections whose
// local end is port: the server ends of the IMAP sessions, held by
// whichever process serves or holds each.
func serverSockets(port uint16) (map[string]bool, error) {
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return nil, fmt.Errorf("read /proc/net/tcp: %w", err)
	}
	set := map[string]bool{}
	for _, ino := range established(string(b), port) {
		set[ino] = true
	}
	return set, nil
}

// established reads /proc/net/tcp text ("sl local_address rem_address st
// … uid timeout inode …", addresses as HEXIP:HEXPORT) and returns the
// inodes of the established entries whose local port is port.
func established(table string, port uint16) []string {
	var out []string
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) < 10 || f[3] != tcpEstablished || f[9] == "0" {
			continue
		}
		i := strings.LastIndexByte(f[1], ':')
		if i < 0 {
			continue
		}
		p, err := strconv.ParseUint(f[1][i+1:], 16, 16)
		if err == nil && uint16(p) == port {
			out = append(out, f[9])
		}
	}
	return out
}

// socketsHeld counts pid's descriptors open on sockets in inodes.
func socketsHeld(pid int, inodes map[string]bool) int {
	dir := "/proc/" + strconv.Itoa(pid) + "/fd"
	fds, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, fd := range fds {
		l, err := os.Readlink(dir + "/" + fd.Name())
		if ino, ok := strings.CutPrefix(l, "socket:["); err == nil && ok && inodes[strings.TrimSuffix(ino, "]")] {
			n++
		}
	}
	return n
}

// holders counts, per class of server process, the IMAP connections
// (server ends on imapPort) its processes hold: where the sessions live.
func holders(procs map[string][]int, imapPort uint16) (map[string]int, error) {
	conns, err := serverSockets(imapPort)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for class, pids := range procs {
		for _, pid := range pids {
			out[class] += socketsHeld(pid, conns)
		}
	}
	return out, nil
}
