package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// memUse is a process's proportional and resident set size, in kB.
type memUse struct{ pss, rss int }

// readMem reads Pss and Rss from /proc/<pid>/smaps_rollup. PSS charges
// each shared page to its sharers in equal parts, so it is what one more
// worker costs, where RSS counts the shared binary in every worker.
func readMem(pid int) (memUse, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return memUse{}, fmt.Errorf("smaps_rollup: %w", err)
	}
	defer f.Close()
	return parseRollup(f)
}

func parseRollup(f *os.File) (memUse, error) {
	var m memUse
	found := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		var dst *int
		switch k {
		case "Pss":
			dst = &m.pss
		case "Rss":
			dst = &m.rss
		default:
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			return m, fmt.Errorf("smaps_rollup %s: %w", k, err)
		}
		*dst = n
		found++
	}
	if found < 2 {
		return m, fmt.Errorf("smaps_rollup: no Pss/Rss")
	}
	return m, sc.Err()
}

// socketOwner returns which of pids has the socket with inode ino open.
func socketOwner(pids []int, ino string) (int, bool) {
	want := "socket:[" + ino + "]"
	for _, pid := range pids {
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		for _, fd := range fds {
			l, err := os.Readlink(filepath.Join(fmt.Sprintf("/proc/%d/fd", pid), fd.Name()))
			if err == nil && l == want {
				return pid, true
			}
		}
	}
	return 0, false
}

// serverSocketInode finds, in /proc/net/tcp, the inode of the server end
// of the loopback connection whose client end is clientPort: the entry
// whose remote port is clientPort.
func serverSocketInode(clientPort int) (string, error) {
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return "", fmt.Errorf("read /proc/net/tcp: %w", err)
	}
	if ino, ok := findInode(string(b), clientPort); ok {
		return ino, nil
	}
	return "", fmt.Errorf("no server socket for client port %d", clientPort)
}

// findInode parses /proc/net/tcp text: "sl local rem st … uid timeout
// inode", addresses as HEX_IP:HEX_PORT.
func findInode(table string, remotePort int) (string, bool) {
	want := fmt.Sprintf(":%04X", remotePort)
	for _, line := range strings.Split(table, "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 10 {
			continue
		}
		if strings.HasSuffix(f[2], want) && f[9] != "0" {
			return f[9], true
		}
	}
	return "", false
}
