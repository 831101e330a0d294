package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/bench/procstat"
)

// Process classes of the server, as the results name them.
const (
	classMaster = "master"
	classImapd  = "imapd"
	classThaw   = "imapd -R"
	classIdled  = "idled"
	classLmtpd  = "lmtpd"
)

// classify names a server process's class from its command name and
// argument vector: imapd started with -R serves the thaw service.
func classify(comm string, argv []string) string {
	if comm == classImapd && hasFlag(argv, "-R") {
		return classThaw
	}
	return comm
}

// hasFlag reports whether argv (argv[0] the program) holds flag as an
// argument of its own.
func hasFlag(argv []string, flag string) bool {
	for _, a := range argv[min(1, len(argv)):] {
		if a == flag {
			return true
		}
	}
	return false
}

// splitCmdline splits /proc/<pid>/cmdline (NUL-terminated arguments).
func splitCmdline(b []byte) []string {
	b = bytes.TrimSuffix(b, []byte{0})
	if len(b) == 0 {
		return nil
	}
	return strings.Split(string(b), "\x00")
}

// classOf reads a live process's class; false if it is gone.
func classOf(pid int) (string, bool) {
	comm, ok := procstat.Comm(pid)
	if !ok {
		return "", false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		return "", false
	}
	return classify(comm, splitCmdline(b)), true
}

// serverProcs is master and every live process below it, by class.
func serverProcs(masterPid int) map[string][]int {
	out := map[string][]int{classMaster: {masterPid}}
	for _, p := range procstat.Descendants(masterPid) {
		if c, ok := classOf(p.PID); ok {
			out[c] = append(out[c], p.PID)
		}
	}
	return out
}

// idledPID is the pid of master's idled, 0 if there is none.
func idledPID(masterPid int) int {
	for _, p := range procstat.Children(masterPid) {
		if c, ok := procstat.Comm(p.PID); ok && c == classIdled {
			return p.PID
		}
	}
	return 0
}

// countSockets counts the sockets pid holds open: for idled, its own few
// plus one per hibernated session; -1 if the process is gone.
func countSockets(pid int) int {
	dir := "/proc/" + strconv.Itoa(pid) + "/fd"
	fds, err := os.ReadDir(dir)
	if err != nil {
		return -1
	}
	n := 0
	for _, fd := range fds {
		if l, err := os.Readlink(dir + "/" + fd.Name()); err == nil && strings.HasPrefix(l, "socket:") {
			n++
		}
	}
	return n
}
