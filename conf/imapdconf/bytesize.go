package imapdconf

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeSuffixes are the size suffixes accepted, all 1024-based as in Cyrus
// (KB and KiB both mean 1024 bytes). Matching is case-insensitive.
var sizeSuffixes = map[string]int64{
	"b": 1,
	"k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
	"m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
	"g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
}

// byteSizeExpected describes the accepted forms, for error messages.
func byteSizeExpected(unit string) string {
	in := "bytes"
	if unit != "" {
		in = unit
	}
	return "a size: a number with optional suffix B, K, KB, KiB, M, MB, MiB, G, GB or GiB (1024-based); a bare number is in " + in
}

// parseByteSize reads a size: an optional minus sign, decimal digits, then
// an optional suffix (spaces allowed before it). A bare number is in unit
// (bytes when empty). As Cyrus uses -1 for "no limit", any negative size
// is returned as -1.
func parseByteSize(s, unit string) (int64, error) {
	rest, neg := strings.CutPrefix(s, "-")
	n := leadingDigits(rest)
	if n == 0 {
		return 0, errors.New("no number")
	}
	suffix := strings.ToLower(strings.TrimLeft(rest[n:], " \t"))
	if suffix == "" {
		suffix = strings.ToLower(unit)
		if suffix == "" {
			suffix = "b"
		}
	}
	mult, ok := sizeSuffixes[suffix]
	if !ok {
		return 0, fmt.Errorf("unknown suffix %q", strings.TrimLeft(rest[n:], " \t"))
	}
	v, err := strconv.ParseInt(rest[:n], 10, 64)
	if err != nil || v > math.MaxInt64/mult {
		return 0, errors.New("too large")
	}
	if neg && v != 0 {
		return -1, nil
	}
	return v * mult, nil
}
