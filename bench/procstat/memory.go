package procstat

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Memory is a process's proportional and resident set size in kB, from
// /proc/<pid>/smaps_rollup. PSS charges each shared page to its sharers
// in equal parts, so summed over processes it is what they cost together;
// RSS counts a shared binary again in every process.
type Memory struct{ PSS, RSS int }

// ReadMemory reads /proc/<pid>/smaps_rollup.
func ReadMemory(pid int) (Memory, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return Memory{}, fmt.Errorf("memory of pid %d: %w", pid, err)
	}
	defer f.Close()
	m, err := ParseRollup(f)
	if err != nil {
		return m, fmt.Errorf("memory of pid %d: %w", pid, err)
	}
	return m, nil
}

// ParseRollup reads the "Pss:" and "Rss:" lines ("Pss:  1234 kB") of
// smaps_rollup text; both must be there.
func ParseRollup(r io.Reader) (Memory, error) {
	var m Memory
	var found [2]int // lines seen: Pss, Rss
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		var dst *int
		switch {
		case !ok:
			continue
		case key == "Pss":
			dst = &m.PSS
			found[0]++
		case key == "Rss":
			dst = &m.RSS
			found[1]++
		default:
			continue
		}
		f := strings.Fields(val)
		if len(f) != 2 || f[1] != "kB" {
			return Memory{}, fmt.Errorf("smaps_rollup line %q", sc.Text())
		}
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 0 {
			return Memory{}, fmt.Errorf("smaps_rollup line %q", sc.Text())
		}
		*dst = n
	}
	if err := sc.Err(); err != nil {
		return Memory{}, fmt.Errorf("read smaps_rollup: %w", err)
	}
	if found != [2]int{1, 1} {
		return Memory{}, fmt.Errorf("smaps_rollup without one Pss and one Rss line")
	}
	return m, nil
}
