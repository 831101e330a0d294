package imapdconf

import "fmt"

// Type is the kind of value an option takes, following the classes of
// Cyrus's option table.
type Type int

// The option types. Their String form is Cyrus's spelling (as in
// imapd-options.tsv and the man page).
const (
	// String is free text.
	String Type = iota + 1
	// Int is a decimal integer; negative values are allowed.
	Int
	// Switch is a boolean: 1/0, yes/no, on/off, true/false, t/f, y/n.
	Switch
	// Enum is one of a fixed list of words (Option.Values).
	Enum
	// Duration is a number with unit s, m, h or d, or a combination such as
	// 1h30m; a bare number is in the option's Unit (seconds when none).
	Duration
	// ByteSize is a number with an optional 1024-based suffix (K, M, G, …);
	// a bare number is in the option's Unit (bytes when none).
	ByteSize
	// Bitfield is a space-separated subset of Option.Values.
	Bitfield
	// StringList is one of a fixed list of words (Option.Values); Cyrus
	// uses it for values that select a backend by name.
	StringList
)

var typeNames = map[Type]string{
	String:     "STRING",
	Int:        "INT",
	Switch:     "SWITCH",
	Enum:       "ENUM",
	Duration:   "DURATION",
	ByteSize:   "BYTESIZE",
	Bitfield:   "BITFIELD",
	StringList: "STRINGLIST",
}

// String returns the Cyrus spelling of t, e.g. "DURATION".
func (t Type) String() string {
	if s, ok := typeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// parseType maps Cyrus's spelling back to a Type.
func parseType(s string) (Type, bool) {
	for t, name := range typeNames {
		if name == s {
			return t, true
		}
	}
	return 0, false
}
