package imapdconf

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// durationUnits are the unit letters Cyrus accepts in a duration.
var durationUnits = map[byte]time.Duration{
	's': time.Second,
	'm': time.Minute,
	'h': time.Hour,
	'd': 24 * time.Hour,
}

var unitNames = map[string]string{"": "seconds", "s": "seconds", "m": "minutes", "h": "hours", "d": "days"}

// durationExpected describes the accepted forms, for error messages.
func durationExpected(unit string) string {
	return "a duration: a number with unit s, m, h or d, or a combination such as 1h30m; a bare number is in " + unitNames[strings.ToLower(unit)]
}

// parseDuration reads a duration as Cyrus does: an optional minus sign,
// then either a bare number (in unit; seconds when unit is empty) or one or
// more number+unit groups, such as 90s, 1h30m or 2d. Units may be upper or
// lower case.
func parseDuration(s, unit string) (time.Duration, error) {
	rest, neg := strings.CutPrefix(s, "-")
	if rest == "" {
		return 0, errors.New("no number")
	}
	if n := leadingDigits(rest); n == len(rest) {
		u := time.Second
		if unit != "" {
			u = durationUnits[strings.ToLower(unit)[0]]
		}
		d, err := scaleDuration(rest, u)
		return sign(d, neg), err
	}
	var total time.Duration
	for rest != "" {
		n := leadingDigits(rest)
		switch {
		case n == 0:
			return 0, fmt.Errorf("expected a number at %q", rest)
		case n == len(rest):
			return 0, fmt.Errorf("%s has no unit", rest)
		}
		u, ok := durationUnits[lowerByte(rest[n])]
		if !ok {
			return 0, fmt.Errorf("unknown unit %q", rest[n:n+1])
		}
		d, err := scaleDuration(rest[:n], u)
		if err != nil || d > math.MaxInt64-total {
			return 0, errors.New("too large")
		}
		total += d
		rest = rest[n+1:]
	}
	return sign(total, neg), nil
}

// scaleDuration multiplies a decimal number by unit, refusing overflow.
func scaleDuration(digits string, unit time.Duration) (time.Duration, error) {
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > int64(math.MaxInt64/unit) {
		return 0, errors.New("too large")
	}
	return time.Duration(n) * unit, nil
}

func sign(d time.Duration, neg bool) time.Duration {
	if neg {
		return -d
	}
	return d
}

// leadingDigits counts the ASCII digits at the start of s.
func leadingDigits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func lowerByte(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
