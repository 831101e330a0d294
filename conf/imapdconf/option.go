package imapdconf

import (
	"fmt"
	"slices"
	"strings"
)

// Option describes one imapd.conf option Corvus implements.
type Option struct {
	// Name is the key as written in imapd.conf. A name ending in "-name"
	// (partition-name) stands for a family of keys, one per NAME.
	Name string
	// Type says how the value is parsed.
	Type Type
	// Default is the value used when the option is not set, in the same
	// form as it would be written in the file; "" means none (Cyrus's NULL).
	// A leading {configdirectory} is replaced by that option's value.
	Default string
	// Values lists the allowed words of an Enum, StringList or Bitfield.
	Values []string
	// Unit is the unit of a bare number for Duration ("s", "m", "h", "d";
	// seconds when empty) and ByteSize ("K", "M", "G"; bytes when empty).
	Unit string
	// Min is an optional lower bound in the option's own syntax; a smaller
	// value is raised to it with a warning, as Cyrus does for timeout.
	Min string
	// DefaultFrom names another option of the same type whose value is used
	// when this one is not set and Default is empty (as Cyrus:
	// imapidletimeout defaults to timeout).
	DefaultFrom string
	// Doc is one sentence for the man page.
	Doc string
	// Corvus marks an option Cyrus does not have.
	Corvus bool
}

var (
	// corvusIndex maps an option name to its entry in table.
	corvusIndex = map[string]*Option{}
	// defaults holds each option's parsed default value.
	defaults = map[string]any{}
)

func init() {
	for i := range table {
		o := &table[i]
		if _, dup := corvusIndex[o.Name]; dup {
			panic(fmt.Sprintf("imapdconf: option %q is in the table twice", o.Name))
		}
		corvusIndex[o.Name] = o
		v, err := parseDefault(*o)
		if err != nil {
			panic(fmt.Sprintf("imapdconf: default of %q: %v", o.Name, err))
		}
		defaults[o.Name] = v
	}
}

// parseDefault parses an option's Default, giving the type's zero value
// for an empty one.
func parseDefault(o Option) (any, error) {
	if o.Default == "" {
		return zeroValue(o.Type), nil
	}
	v, verr := parseValue(o, o.Default)
	if verr != nil {
		return nil, fmt.Errorf("%q: expected %s", o.Default, verr.expected)
	}
	return v, nil
}

// Options returns a copy of the Corvus option table, sorted by name.
func Options() []Option {
	out := make([]Option, len(table))
	for i, o := range table {
		o.Values = slices.Clone(o.Values)
		out[i] = o
	}
	slices.SortFunc(out, func(a, b Option) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Lookup returns the Corvus option called name (a family such as
// partition-name is looked up by that spelling).
func Lookup(name string) (Option, bool) {
	o, ok := corvusIndex[name]
	if !ok {
		return Option{}, false
	}
	c := *o
	c.Values = slices.Clone(o.Values)
	return c, true
}

// isFamily reports whether an option name is a template for a family of
// keys, as the tsv spells partition-NAME as "partition-name".
func isFamily(name string) bool {
	return strings.HasSuffix(name, "-name")
}
