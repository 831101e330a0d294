package resultsmd

import (
	"fmt"
	"strings"
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
