package imapdconf

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// line parses one line: blank, a comment, or key: value.
func (p *parser) line(l line) {
	t := l.text
	ks := skipBlank(t, 0)
	if ks == len(t) || t[ks] == '#' {
		// as Cyrus: only a line starting with # is a comment; a # later in
		// a line is part of the value (a password may contain one).
		return
	}
	end := trimBlank(t, ks, len(t))
	colon := strings.IndexByte(t, ':')
	if colon < 0 {
		p.errorf(l.rng(ks, end), "Each line is an option name, a colon and a value, e.g. \"timeout: 30m\".",
			"expected key: value")
		return
	}
	ke := trimBlank(t, ks, colon)
	keyRng := l.rng(ks, ke)
	if ke == ks {
		keyRng = l.rng(colon, colon+1)
	}
	key := t[ks:ke]
	if !validKey(key) {
		p.errorf(keyRng, "Option names are made of letters, digits, _ and -.", "invalid option name %q", key)
		return
	}
	vs := skipBlank(t, colon+1)
	ve := trimBlank(t, vs, len(t))
	if vs == ve {
		// as Cyrus: an empty value is a fatal configuration error.
		p.errorf(keyRng, "", "empty value for option %q", key)
		return
	}
	p.entry(l, asciiLower(key), keyRng, t[vs:ve], vs, ve)
}

// entry acts on a well-formed key: value line. vs and ve delimit the
// value within the line.
func (p *parser) entry(l line, key string, keyRng hcl.Range, value string, vs, ve int) {
	r := classify(key)
	if r.warning != "" {
		p.warnf(keyRng, r.note, "%s", r.warning)
	}
	valRng := l.rng(vs, ve)
	switch r.kind {
	case kindInclude:
		p.include(value, valRng)
	case kindPartition:
		p.partition(r.part, key, keyRng, value, valRng)
	case kindOption:
		if !p.first(r, keyRng) {
			return
		}
		v, ok := p.check(r.opt, key, value, l, vs, ve)
		if !ok {
			return
		}
		m := p.cfg.base
		if r.service != "" {
			if p.cfg.services[r.service] == nil {
				p.cfg.services[r.service] = map[string]setting{}
			}
			m = p.cfg.services[r.service]
		}
		m[r.opt.Name] = setting{val: v, at: valRng}
	}
}

// first records that r's option was set at keyRng and reports a repeat.
// As Cyrus 3.x, an option given twice is an error, even across @include
// files or through a deprecated name.
func (p *parser) first(r resolved, keyRng hcl.Range) bool {
	canon := r.opt.Name
	if r.service != "" {
		canon = r.service + "_" + canon
	}
	prev, dup := p.seen[canon]
	if !dup {
		p.seen[canon] = keyRng
		return true
	}
	summary := fmt.Sprintf("option %q specified twice", canon)
	if r.alias != "" {
		summary += fmt.Sprintf(" (here through deprecated %q)", r.alias)
	}
	p.errorf(keyRng, fmt.Sprintf("It was first set at %s.", where(prev)), "%s", summary)
	return false
}

// check parses a value for o, reporting what was expected when it does
// not fit and raising it to o.Min when it is below.
func (p *parser) check(o *Option, key, value string, l line, vs, ve int) (any, bool) {
	v, verr := parseValue(*o, value)
	if verr != nil {
		rng := l.rng(vs, ve)
		if verr.n > 0 {
			rng = l.rng(vs+verr.off, vs+verr.off+verr.n)
		}
		p.errorf(rng, fmt.Sprintf("Expected %s; got %q.", verr.expected, value),
			"invalid value for %q", key)
		return nil, false
	}
	if o.Min == "" {
		return v, true
	}
	lo := mustParse(*o, o.Min)
	if less(v, lo) {
		// as Cyrus: timeout below its minimum is raised, not refused.
		p.warnf(l.rng(vs, ve), "", "%s %s is below the minimum %s; using %s", key, value, o.Min, o.Min)
		return lo, true
	}
	return v, true
}

// partition records partition-NAME.
func (p *parser) partition(name, key string, keyRng hcl.Range, value string, valRng hcl.Range) {
	if prev, dup := p.seen[key]; dup {
		p.errorf(keyRng, fmt.Sprintf("It was first set at %s.", where(prev)), "option %q specified twice", key)
		return
	}
	p.seen[key] = keyRng
	if !strings.HasPrefix(value, "/") {
		p.warnf(valRng, "A relative path depends on the directory the program is started in.",
			"partition %q is not an absolute path", name)
	}
	p.cfg.partitions[name] = value
}

// mustParse parses a value the table itself holds; the table tests make
// sure it parses.
func mustParse(o Option, s string) any {
	v, verr := parseValue(o, s)
	if verr != nil {
		panic(fmt.Sprintf("imapdconf: %s of %q: expected %s", s, o.Name, verr.expected))
	}
	return v
}

// less compares two values of a numeric option type.
func less(a, b any) bool {
	switch a := a.(type) {
	case int64:
		return a < b.(int64)
	case time.Duration:
		return a < b.(time.Duration)
	}
	return false
}

// validKey reports whether key is made of the characters Cyrus allows in
// option names, or is the @include directive.
func validKey(key string) bool {
	if key == "" {
		return false
	}
	if strings.EqualFold(key, includeKey) {
		return true
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// skipBlank returns the index of the first non-blank byte of t at or after i.
func skipBlank(t string, i int) int {
	for i < len(t) && isBlank(rune(t[i])) {
		i++
	}
	return i
}

// trimBlank returns end moved back over blanks, but not before start.
func trimBlank(t string, start, end int) int {
	for end > start && isBlank(rune(t[end-1])) {
		end--
	}
	return end
}
