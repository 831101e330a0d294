package cyrusconf

import "github.com/hashicorp/hcl/v2"

// nameTable remembers the entry names seen so far.
type nameTable struct {
	// workers holds SERVICES and DAEMON names: master keeps both in one
	// table, so a clash is fatal at start-up (as Cyrus).
	workers map[string]claim
	// others holds START and EVENTS names per section; Cyrus runs
	// duplicates, so they only earn a warning.
	others map[sectionKind]map[string]hcl.Range
}

// claim is where a name was first used.
type claim struct {
	kind sectionKind
	rng  hcl.Range
}

// claimName records the entry's name and reports a duplicate. A duplicate
// SERVICES or DAEMON entry is an error (and left out); the first one stays.
func (c *entryCtx) claimName() {
	t, name := &c.p.names, c.e.name
	switch c.kind {
	case secServices, secDaemon:
		if prev, dup := t.workers[name]; dup {
			c.errorf(c.e.rng, "Duplicate name",
				"%s %s clashes with the %s entry of the same name at %s; services and daemons need distinct names (Cyrus refuses to start).",
				c.kind, name, prev.kind, where(prev.rng))
			return
		}
		t.workers[name] = claim{kind: c.kind, rng: c.e.rng}
	default:
		m := t.others[c.kind]
		if m == nil {
			m = make(map[string]hcl.Range)
			t.others[c.kind] = m
		}
		if prev, dup := m[name]; dup {
			c.p.warnf(c.e.rng, "Duplicate name",
				"%s entry %s is also defined at %s; both are kept and both run.", c.kind, name, where(prev))
			return
		}
		m[name] = c.e.rng
	}
}
