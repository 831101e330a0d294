package resultsmd

import (
	"fmt"
	"strings"
	"time"
)

// JoinF formats each of xs with format and joins them with " / ": the
// "per run" columns of the results tables.
func JoinF(xs []float64, format string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(format, x)
	}
	return strings.Join(parts, " / ")
}

// Header writes a section's heading and its Command, Date and Machine
// lines, the start every benchmark's section shares: command is how the
// user ran it (make bench), run what that ran (go run ./bench/x ...).
func Header(b *strings.Builder, heading, command, run string, began time.Time, took time.Duration, m Machine) {
	fmt.Fprintf(b, "%s\n\n", heading)
	fmt.Fprintf(b, "- Command: `%s` (runs `%s`; took %s)\n", command, run, took.Round(time.Second))
	fmt.Fprintf(b, "- Date: %s\n", began.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(b, "- Machine: %s\n", m)
}
