package cyrusconf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/corvusmail/corvus/conf/suggest"
	"github.com/hashicorp/hcl/v2"
)

// sectionKeys are the keys master looks at in each section; Cyrus never
// reads any other, so another key is a typo or a leftover.
var sectionKeys = map[sectionKind][]string{
	secStart:    {"cmd"},
	secServices: {"cmd", "listen", "proto", "prefork", "babysit", "maxchild", "maxforkrate", "maxfds"},
	secEvents:   {"cmd", "period", "at", "cron"},
	secDaemon:   {"cmd", "maxfds", "maxforkrate", "wait"},
}

// checkKeys warns about keys the section does not know and about repeated
// keys.
func (c *entryCtx) checkKeys() {
	allowed := sectionKeys[c.kind]
	first := make(map[string]hcl.Range, len(c.e.args))
	for i := range c.e.args {
		a := &c.e.args[i]
		if !slices.Contains(allowed, a.key) {
			c.p.warnf(a.keyRng, "Unknown key", "%s is not a %s key; ignored.%s",
				a.key, c.kind, didYouMean(a.key, allowed))
			continue
		}
		if r, dup := first[a.key]; dup {
			c.p.warnf(a.keyRng, "Duplicate key",
				"%s= is already given at column %d; as Cyrus does, the first one is used and this one is ignored.",
				a.key, r.Start.Column)
			continue
		}
		first[a.key] = a.keyRng
	}
}

// didYouMean returns " Did you mean X?" for the candidate closest to word
// within edit distance 2 (ignoring case), or "".
func didYouMean(word string, candidates []string) string {
	best, bestD := "", 3
	lw := strings.ToLower(word)
	for _, cand := range candidates {
		if d := suggest.Distance(lw, strings.ToLower(cand), bestD-1); d < bestD {
			best, bestD = cand, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %s?", best)
}
