package harness

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Proc is a process seen in /proc.
type Proc struct {
	Pid, PPid int
	UID       int
	Comm      string
	Service   string // CYRUS_SERVICE from its environment, if any
	State     byte
}

// ChildrenOf lists the live (not zombie) children of pid.
func ChildrenOf(pid int) []Proc {
	ents, _ := os.ReadDir("/proc")
	var out []Proc
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		pr, ok := readProc(p)
		if ok && pr.PPid == pid && pr.State != 'Z' {
			out = append(out, pr)
		}
	}
	return out
}

// ServiceChildren lists pid's live children whose CYRUS_SERVICE is name.
func ServiceChildren(pid int, name string) []Proc {
	var out []Proc
	for _, c := range ChildrenOf(pid) {
		if c.Service == name {
			out = append(out, c)
		}
	}
	return out
}

// Alive reports whether pid exists and is not a zombie.
func Alive(pid int) bool {
	p, ok := readProc(pid)
	return ok && p.State != 'Z'
}

func readProc(pid int) (Proc, bool) {
	dir := filepath.Join("/proc", strconv.Itoa(pid))
	stat, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return Proc{}, false
	}
	// comm is in parentheses and may hold spaces: split after the last ')'.
	i := bytes.LastIndexByte(stat, ')')
	j := bytes.IndexByte(stat, '(')
	if i < 0 || j < 0 {
		return Proc{}, false
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 2 {
		return Proc{}, false
	}
	ppid, _ := strconv.Atoi(fields[1])
	p := Proc{Pid: pid, PPid: ppid, Comm: string(stat[j+1 : i]), State: fields[0][0]}
	if st, err := os.ReadFile(filepath.Join(dir, "status")); err == nil {
		for _, line := range strings.Split(string(st), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == "Uid:" {
				p.UID, _ = strconv.Atoi(f[1])
			}
		}
	}
	if env, err := os.ReadFile(filepath.Join(dir, "environ")); err == nil {
		for _, kv := range bytes.Split(env, []byte{0}) {
			if v, ok := bytes.CutPrefix(kv, []byte("CYRUS_SERVICE=")); ok {
				p.Service = string(v)
			}
		}
	}
	return p, true
}

// ProcUID is the real uid of pid (-1 if it is gone).
func ProcUID(pid int) int {
	p, ok := readProc(pid)
	if !ok {
		return -1
	}
	return p.UID
}
