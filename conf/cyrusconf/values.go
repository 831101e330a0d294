package cyrusconf

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// entryCtx gives meaning to one scanned entry of a known section and
// remembers whether it had an error (it is then left out of the Config).
type entryCtx struct {
	p      *parser
	e      *rawEntry
	kind   sectionKind
	failed bool
}

// newCtx starts building e: it checks the keys and claims the name.
func (p *parser) newCtx(e *rawEntry, kind sectionKind) *entryCtx {
	c := &entryCtx{p: p, e: e, kind: kind}
	c.claimName()
	c.checkKeys()
	return c
}

// errorf reports an error that keeps the entry out of the Config.
func (c *entryCtx) errorf(rng hcl.Range, summary, format string, args ...any) {
	c.failed = true
	c.p.errorf(rng, summary, format, args...)
}

// entry is the Entry common part, without Cmd.
func (c *entryCtx) entry() Entry { return Entry{Name: c.e.name, Range: c.e.rng} }

// arg returns the first key= of the entry, or nil. As Cyrus: the lookup
// scans in order, so the first occurrence wins.
func (c *entryCtx) arg(key string) *arg {
	for i := range c.e.args {
		if c.e.args[i].key == key {
			return &c.e.args[i]
		}
	}
	return nil
}

// valueRange is the range of key's value, or of the entry's name when the
// key is absent (a value implied by another key).
func (c *entryCtx) valueRange(key string) hcl.Range {
	if a := c.arg(key); a != nil {
		return a.valRng
	}
	return c.e.rng
}

// command splits cmd= into argv. A missing cmd= is left to the caller,
// whose message differs by section.
func (c *entryCtx) command() []string {
	a := c.arg("cmd")
	if a == nil {
		return nil
	}
	argv := splitArgv(a.value)
	if len(argv) == 0 {
		c.errorf(a.valRng, "Empty command", "cmd= of %s must name the program to run.", c.e.name)
	}
	return argv
}

// requireCmd is command for the sections whose only required key is cmd;
// what names the entry in the message ("event", "daemon").
func (c *entryCtx) requireCmd(what string) []string {
	if c.arg("cmd") == nil {
		c.errorf(c.e.rng, "Unable to find command for "+what, "%s %s has no cmd=.", c.kind, c.e.name)
		return nil
	}
	return c.command()
}

// intArg reads key as a strict decimal integer of at least lo; unit says
// what the number counts, for the message. It returns def when key is
// absent or wrong; given reports a valid value.
func (c *entryCtx) intArg(key string, def, lo int, unit string) (n int, given bool) {
	a := c.arg(key)
	if a == nil {
		return def, false
	}
	n, err := parseDecimal(a.value)
	if err != nil {
		c.errorf(a.valRng, "Invalid number", "%s=%q: %v; expected %s.", key, a.value, err, unit)
		return def, false
	}
	if n < lo {
		c.errorf(a.valRng, "Number out of range", "%s=%d: must be at least %d (%s).", key, n, lo, unit)
		return def, false
	}
	return n, true
}

// maxDecimalDigits bounds numbers so they fit an int32 with no overflow check.
const maxDecimalDigits = 9

// parseDecimal parses an optionally negative decimal integer. Unlike
// Cyrus's atoi, trailing garbage is an error, not silently dropped.
func parseDecimal(s string) (int, error) {
	digits := strings.TrimPrefix(s, "-")
	if !allDigits(digits) {
		return 0, errors.New("not a whole number")
	}
	if len(strings.TrimLeft(digits, "0")) > maxDecimalDigits {
		return 0, errors.New("too large")
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("not a whole number: %w", err)
	}
	return n, nil
}

// switchArg reads key as a switch; false when absent or wrong.
func (c *entryCtx) switchArg(key string) bool {
	a := c.arg(key)
	if a == nil {
		return false
	}
	v, ok := parseSwitch(a.value)
	if !ok {
		c.errorf(a.valRng, "Invalid switch",
			"%s=%q: expected yes or no (also 1/0, y/n, t/f, true/false, on/off).", key, a.value)
	}
	return v
}

// parseSwitch reads the switch spellings Cyrus documents, ignoring case.
// Cyrus itself only looks at the first letters; we want whole words.
func parseSwitch(s string) (v, ok bool) {
	switch strings.ToLower(s) {
	case "1", "y", "yes", "t", "true", "on":
		return true, true
	case "0", "n", "no", "f", "false", "off":
		return false, true
	}
	return false, false
}
