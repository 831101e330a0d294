package imapdconf

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// cyrusTSV is Cyrus's option table (main branch): name, type, default,
// allowed values, default unit, deprecated_since, replaced_by,
// last_modified. It is only used to recognise what Cyrus accepts.
//
//go:embed cyrus-options.tsv
var cyrusTSV string

// CyrusEntry is one row of Cyrus's option table.
type CyrusEntry struct {
	// Name is the key; families are spelled with a placeholder, as
	// partition-name or xlist-flag.
	Name string
	// Type is the option's type in Cyrus.
	Type Type
	// Default is Cyrus's default; "" when Cyrus has none (NULL).
	Default string
	// Values lists the allowed words of an enum, stringlist or bitfield.
	Values []string
	// Unit is the unit of a bare number for durations and sizes.
	Unit string
	// DeprecatedSince is the Cyrus version that deprecated the option, or "".
	DeprecatedSince string
	// ReplacedBy names the option that replaces a deprecated one, or "".
	ReplacedBy string
	// LastModified is the Cyrus version that last changed the option.
	LastModified string
}

// includeKey is the directive that reads another file; the tsv lists it as
// an option.
const includeKey = "@include"

// cyrusTable is the loaded Cyrus option table.
type cyrusTable struct {
	index map[string]*CyrusEntry
	list  []CyrusEntry
	// families are the key prefixes of Cyrus's option families
	// ("partition-", "metapartition-", …).
	families []string
}

// cyrus returns the Cyrus table, parsing the embedded tsv on first use.
// Only keys Corvus does not implement need it, so a worker whose
// imapd.conf holds none never pays for it at start-up (each prefork
// worker would, in an init function).
var cyrus = sync.OnceValue(func() *cyrusTable {
	t := &cyrusTable{index: map[string]*CyrusEntry{}, list: mustLoadCyrus(cyrusTSV)}
	for i := range t.list {
		e := &t.list[i]
		t.index[e.Name] = e
		if isFamily(e.Name) {
			t.families = append(t.families, strings.TrimSuffix(e.Name, "name"))
		}
	}
	// The tsv spells the XLIST flag names as one key, xlist-flag; Cyrus
	// reads one key per flag (xlist-drafts, xlist-sent, …).
	t.families = append(t.families, "xlist-")
	return t
})

// mustLoadCyrus parses the embedded table; it is part of the program, so a
// malformed row is a build mistake.
func mustLoadCyrus(tsv string) []CyrusEntry {
	var out []CyrusEntry
	for i, line := range strings.Split(strings.TrimRight(tsv, "\n"), "\n") {
		if i == 0 {
			continue // header
		}
		f := strings.Split(line, "\t")
		if len(f) != 8 {
			panic(fmt.Sprintf("imapdconf: cyrus-options.tsv line %d: %d fields, want 8", i+1, len(f)))
		}
		t, ok := parseType(f[1])
		if !ok {
			panic(fmt.Sprintf("imapdconf: cyrus-options.tsv line %d: unknown type %q", i+1, f[1]))
		}
		out = append(out, CyrusEntry{
			Name: f[0], Type: t, Default: cyrusDefault(f[2]), Values: strings.Fields(f[3]),
			Unit: f[4], DeprecatedSince: f[5], ReplacedBy: f[6], LastModified: f[7],
		})
	}
	return out
}

// cyrusDefault turns the table's spelling of a default into the value:
// NULL means none, and backslashes are doubled as in C source ("\\Junk").
func cyrusDefault(s string) string {
	if s == "NULL" {
		return ""
	}
	return strings.ReplaceAll(s, `\\`, `\`)
}

// CyrusOption returns the row of Cyrus's option table called name.
func CyrusOption(name string) (CyrusEntry, bool) {
	e, ok := cyrus().index[name]
	if !ok {
		return CyrusEntry{}, false
	}
	c := *e
	c.Values = slices.Clone(e.Values)
	return c, true
}

// NotImplemented returns the Cyrus options that Corvus accepts but ignores
// with a warning: neither in the Corvus table nor deprecated in favour of
// an option that is. Sorted by name; master -t lists them.
func NotImplemented() []CyrusEntry {
	var out []CyrusEntry
	for _, e := range cyrus().list {
		if e.Name == includeKey || implemented(e) {
			continue
		}
		c := e
		c.Values = slices.Clone(e.Values)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b CyrusEntry) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// implemented reports whether setting e has an effect in Corvus.
func implemented(e CyrusEntry) bool {
	if _, ok := corvusIndex[e.Name]; ok {
		return true
	}
	if e.ReplacedBy != "" {
		_, ok := corvusIndex[e.ReplacedBy]
		return ok
	}
	return false
}
