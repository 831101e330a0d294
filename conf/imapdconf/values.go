package imapdconf

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// valueError says what a value should have looked like. off and n select
// the part of the value it is about (n == 0: the whole value), so that a
// bad word in a bitfield is pointed at exactly.
type valueError struct {
	expected string
	off, n   int
}

// switchWords are the spellings Cyrus accepts for a switch.
var switchWords = map[string]bool{
	"1": true, "yes": true, "on": true, "true": true, "t": true, "y": true,
	"0": false, "no": false, "off": false, "false": false, "f": false, "n": false,
}

// parseValue checks raw against o's type and returns the typed value:
// string, int64, bool, time.Duration or []string.
func parseValue(o Option, raw string) (any, *valueError) {
	switch o.Type {
	case String:
		return raw, nil
	case Switch:
		if b, ok := switchWords[strings.ToLower(raw)]; ok {
			return b, nil
		}
		return nil, &valueError{expected: "a switch: 1/0, yes/no, on/off, true/false, t/f or y/n"}
	case Int:
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || strings.HasPrefix(raw, "+") {
			return nil, &valueError{expected: "a decimal integer"}
		}
		return n, nil
	case Duration:
		d, err := parseDuration(raw, o.Unit)
		if err != nil {
			return nil, &valueError{expected: fmt.Sprintf("%s (%v)", durationExpected(o.Unit), err)}
		}
		return d, nil
	case ByteSize:
		n, err := parseByteSize(raw, o.Unit)
		if err != nil {
			return nil, &valueError{expected: fmt.Sprintf("%s (%v)", byteSizeExpected(o.Unit), err)}
		}
		return n, nil
	case Enum, StringList:
		for _, v := range o.Values {
			if raw == v {
				return v, nil
			}
		}
		return nil, &valueError{expected: "one of: " + strings.Join(o.Values, ", ")}
	case Bitfield:
		return parseBitfield(o, raw)
	}
	return nil, &valueError{expected: "a value of a known type"}
}

// parseBitfield accepts a space-separated subset of o.Values and returns it
// in the table's order, without repeats.
func parseBitfield(o Option, raw string) (any, *valueError) {
	set := map[string]bool{}
	off := 0
	for _, w := range strings.FieldsFunc(raw, isBlank) {
		at := off + strings.Index(raw[off:], w)
		off = at + len(w)
		found := false
		for _, v := range o.Values {
			if w == v {
				set[v], found = true, true
			}
		}
		if !found {
			return nil, &valueError{
				expected: "a space-separated list of: " + strings.Join(o.Values, ", "),
				off:      at, n: len(w),
			}
		}
	}
	out := []string{}
	for _, v := range o.Values {
		if set[v] {
			out = append(out, v)
		}
	}
	return out, nil
}

// zeroValue is the value of an option of type t that has no default.
func zeroValue(t Type) any {
	switch t {
	case Int, ByteSize:
		return int64(0)
	case Switch:
		return false
	case Duration:
		return time.Duration(0)
	case Bitfield:
		return []string{}
	}
	return ""
}

// isBlank reports the characters Cyrus treats as white space in a line.
func isBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
}
