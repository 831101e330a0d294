package cpuload

import (
	"fmt"
	"slices"

	"github.com/corvusmail/corvus/bench/benchstats"
)

// Describe is the "Other load" line of a results section: the quiet test
// prog waits for before each run (Waiter.Wait) and how busy the CPUs were
// then, from busy, one Wait result per run. Runs whose load could not be
// read (-1) are left out; with none left it is "not measured".
func Describe(prog string, busy []float64) string {
	var xs []float64
	for _, x := range busy {
		if x >= 0 {
			xs = append(xs, 100*x)
		}
	}
	if len(xs) == 0 {
		return "not measured"
	}
	return fmt.Sprintf("before each run %s waits (up to %v) for the CPUs to be at most %.0f %% busy; they were %.0f %% busy (median; max %.0f %%).",
		prog, QuietMax, 100*QuietBusy, benchstats.Median(xs), slices.Max(xs))
}
