package main

import (
	"fmt"
	"strconv"
	"strings"
)

// maxConns bounds one size: far past what one idled holds under a
// 20 000-descriptor limit, and what 127.0.0.1's ephemeral ports allow.
const maxConns = 1_000_000

// parseSizes reads -conns: connection counts separated by commas, each
// run on a fresh master, e.g. "1000,10000".
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > maxConns {
			return nil, fmt.Errorf("-conns: %q is not a count from 1 to %d", f, maxConns)
		}
		out = append(out, n)
	}
	return out, nil
}
