package procstat

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// OnCPU is how long the live threads of pid have run, summed from each
// thread's /proc/<pid>/task/<tid>/schedstat (nanoseconds). The ticks of
// /proc/<pid>/stat are truncated per process, which over hundreds of
// workers loses seconds; schedstat does not. 0 if the process is gone.
func OnCPU(pid int) time.Duration {
	dir := "/proc/" + strconv.Itoa(pid) + "/task"
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var sum time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(dir + "/" + t.Name() + "/schedstat")
		if err != nil {
			continue // the thread ended meanwhile
		}
		sum += ParseSchedstat(string(b))
	}
	return sum
}

// ParseSchedstat reads the first field of a schedstat line ("run_ns
// wait_ns slices"), the time on CPU; 0 if there is none.
func ParseSchedstat(line string) time.Duration {
	f := strings.Fields(line)
	if len(f) == 0 {
		return 0
	}
	n, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return time.Duration(n)
}
