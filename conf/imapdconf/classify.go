package imapdconf

import (
	"fmt"
	"strings"
)

// keyKind says what a key in imapd.conf stands for.
type keyKind int

const (
	kindIgnored   keyKind = iota // reported and skipped
	kindOption                   // sets a Corvus option
	kindPartition                // partition-NAME
	kindInclude                  // @include
)

// resolved is the meaning of one key.
type resolved struct {
	kind    keyKind
	opt     *Option // kindOption: the option set
	service string  // kindOption: the SERVICE_ prefix, or ""
	alias   string  // kindOption: the deprecated Cyrus name written, or ""
	part    string  // kindPartition: the partition name
	// warning, when not empty, is reported at the key (detail in note).
	warning, note string
}

// classify works out what key (lower case) means. Exact option names come
// first, so lmtp_downcase_rcpt is that option and not service "lmtp" with
// option "downcase_rcpt"; then Cyrus's families (partition-NAME, …); then
// SERVICE_key prefixes; anything else is unknown.
func classify(key string) resolved {
	if key == includeKey {
		return resolved{kind: kindInclude}
	}
	if r, ok := resolveName(key, key); ok {
		return r
	}
	if r, ok := resolveFamily(key); ok {
		return r
	}
	if svc, base, ok := splitService(key); ok {
		if r, ok := resolveName(key, base); ok {
			if r.kind == kindOption {
				r.service = svc
			}
			return r
		}
	}
	if strings.HasPrefix(key, "sasl_") {
		// as Cyrus: other sasl_* keys are handed to the SASL library.
		return resolved{
			warning: fmt.Sprintf("SASL library option %q is not used by Corvus; it is ignored", key),
			note:    insteadNote(key),
		}
	}
	r := resolved{warning: fmt.Sprintf("unknown option %q; ignored", key), note: insteadNote(key)}
	if s := didYouMean(key); s != "" {
		r.note = joinNotes(fmt.Sprintf("did you mean %q?", s), r.note)
	}
	return r
}

// resolveName looks name up in the Corvus table, then in Cyrus's. key is
// the key as written, for messages.
func resolveName(key, name string) (resolved, bool) {
	if isFamily(name) || name == includeKey {
		return resolved{}, false
	}
	if o, ok := corvusIndex[name]; ok {
		return resolved{kind: kindOption, opt: o}, true
	}
	e, ok := cyrus().index[name]
	if !ok {
		return resolved{}, false
	}
	if e.DeprecatedSince == "" {
		return resolved{
			warning: fmt.Sprintf("Cyrus option %q is not implemented by Corvus; it is ignored", key),
			note:    joinNotes(insteadNote(name), cyrusDefaultNote(e)),
		}, true
	}
	return resolveDeprecated(key, e), true
}

// resolveDeprecated maps a deprecated Cyrus option to its replacement when
// Corvus implements it; as Cyrus, the old name still works, with a warning.
func resolveDeprecated(key string, e *CyrusEntry) resolved {
	if e.ReplacedBy == "" {
		return resolved{
			warning: fmt.Sprintf("Cyrus option %q is deprecated since %s; ignored", key, e.DeprecatedSince),
			note:    insteadNote(e.Name),
		}
	}
	newKey := strings.TrimSuffix(key, e.Name) + e.ReplacedBy
	o, ok := corvusIndex[e.ReplacedBy]
	if !ok {
		return resolved{
			warning: fmt.Sprintf(
				"Cyrus option %q is deprecated since %s in favour of %q, which Corvus does not implement; it is ignored",
				key, e.DeprecatedSince, newKey),
			note: insteadNote(e.Name),
		}
	}
	return resolved{
		kind: kindOption, opt: o, alias: e.Name,
		warning: fmt.Sprintf("Cyrus option %q is deprecated since %s; use %q", key, e.DeprecatedSince, newKey),
		note:    fmt.Sprintf("Its value is applied to %s.", newKey),
	}
}

// resolveFamily recognises partition-NAME and Cyrus's other families.
func resolveFamily(key string) (resolved, bool) {
	if name, ok := strings.CutPrefix(key, "partition-"); ok && name != "" {
		return resolved{kind: kindPartition, part: name}, true
	}
	for _, p := range cyrus().families {
		i := strings.Index(key, p)
		// as Cyrus: search partitions are TIERsearchpartition-NAME.
		tiered := i > 0 && p == "searchpartition-" && isAlnum(key[:i])
		if (i == 0 || tiered) && len(key) > i+len(p) {
			tmpl := p + "name"
			if p == "xlist-" {
				tmpl = "xlist-flag"
			}
			return resolved{
				warning: fmt.Sprintf("Cyrus option %q is not implemented by Corvus; it is ignored", key),
				note:    joinNotes(fmt.Sprintf("It belongs to Cyrus's %s family.", tmpl), insteadDefault),
			}, true
		}
	}
	return resolved{}, false
}

// splitService splits SERVICE_key. Service names in cyrus.conf are
// alphanumeric, so the prefix ends at the first underscore.
func splitService(key string) (service, base string, ok bool) {
	service, base, ok = strings.Cut(key, "_")
	if !ok || !isAlnum(service) || base == "" {
		return "", "", false
	}
	return service, base, true
}

// isAlnum reports whether s is a non-empty run of lower-case letters and
// digits.
func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// cyrusDefaultNote tells the admin what Cyrus would have used.
func cyrusDefaultNote(e *CyrusEntry) string {
	if e.Default == "" {
		return "Cyrus has no default for it."
	}
	return fmt.Sprintf("Cyrus's default is %q.", e.Default)
}
