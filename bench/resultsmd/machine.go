package resultsmd

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// Machine describes where the numbers were taken, for RESULTS.md.
type Machine struct {
	CPUs     int
	CPUModel string
	MemTotal string // as /proc/meminfo says it, e.g. "24683620 kB"
	Kernel   string
	Go       string
}

// DescribeMachine reads the machine the program runs on.
func DescribeMachine() Machine {
	m := Machine{
		CPUs:     runtime.NumCPU(), // what nproc prints: the CPUs we may run on
		CPUModel: procField("/proc/cpuinfo", "model name"),
		MemTotal: procField("/proc/meminfo", "MemTotal"),
		Go:       runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
	}
	var u unix.Utsname
	if err := unix.Uname(&u); err == nil {
		m.Kernel = unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:])
	}
	return m
}

// String is the machine on one line.
func (m Machine) String() string {
	s := fmt.Sprintf("nproc %d", m.CPUs)
	if m.CPUModel != "" {
		s += " (" + m.CPUModel + ")"
	}
	return s + fmt.Sprintf(", MemTotal %s, %s, %s", m.MemTotal, m.Kernel, m.Go)
}

// procField returns the value of the first "key: value" line of a /proc
// file, or "?".
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "?"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.Join(strings.Fields(v), " ")
		}
	}
	return "?"
}
