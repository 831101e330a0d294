package procstat

import (
	"os"
	"strconv"
)

// Descendants lists the live (not zombie) processes below root, its
// children and theirs, found in one scan of /proc: a server whose
// processes fork more processes (Dovecot's master, auth and login
// processes; Cyrus's master and its services) is measured as the whole
// tree. root itself is not in the list.
func Descendants(root int) []Proc {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	parent := make(map[int]int, len(ents))
	state := make(map[int]byte, len(ents))
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := Read(pid); ok && st.State != 'Z' {
			parent[pid], state[pid] = st.PPID, st.State
		}
	}
	pids := Subtree(parent, root)
	out := make([]Proc, len(pids))
	for i, pid := range pids {
		out[i] = Proc{PID: pid, State: state[pid]}
	}
	return out
}

// Subtree returns the pids below root in parent (pid → ppid), children
// before grandchildren; root is left out, and a pid whose parent chain
// loops or ends elsewhere is not below root.
func Subtree(parent map[int]int, root int) []int {
	children := make(map[int][]int, len(parent))
	for pid, ppid := range parent {
		if pid != ppid {
			children[ppid] = append(children[ppid], pid)
		}
	}
	var out []int
	seen := map[int]bool{root: true}
	queue := []int{root}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
				queue = append(queue, c)
			}
		}
	}
	return out
}
