package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// statLine is what imapload reads of /proc/<pid>/stat.
type statLine struct {
	state      byte
	ppid, pgrp int
}

// childrenOf lists the pids of the live (not zombie) children of ppid.
func childrenOf(ppid int) []int {
	return scanProcs(func(st statLine) bool { return st.ppid == ppid })
}

// groupMembers lists the live processes of process group pgrp.
func groupMembers(pgrp int) []int {
	return scanProcs(func(st statLine) bool { return st.pgrp == pgrp })
}

func scanProcs(match func(statLine) bool) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := readStat(pid); ok && st.state != 'Z' && match(st) {
			out = append(out, pid)
		}
	}
	return out
}

func readStat(pid int) (statLine, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return statLine{}, false
	}
	return parseStat(b)
}

// parseStat reads state, ppid and pgrp; the command name in parentheses
// may hold spaces and parentheses, so fields are counted after the last ')'.
func parseStat(b []byte) (statLine, bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return statLine{}, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 3 || len(f[0]) != 1 {
		return statLine{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return statLine{}, false
	}
	return statLine{state: f[0][0], ppid: ppid, pgrp: pgrp}, true
}

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
