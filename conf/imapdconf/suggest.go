package imapdconf

import (
	"strings"

	"github.com/corvusmail/corvus/conf/suggest"
)

// didYouMean returns the option name an unknown key was most likely meant to
// be, or "". Names within a small edit distance qualify, and so do names
// the key is a whole-word prefix or suffix of (server_cert →
// tls_server_cert). A SERVICE_ prefix is kept: imaps_tls_server_crt →
// imaps_tls_server_cert.
func didYouMean(key string) string {
	if s := closest(key); s != "" {
		return s
	}
	if svc, base, ok := splitService(key); ok {
		if s := closest(base); s != "" {
			return svc + "_" + s
		}
	}
	return ""
}

// closest picks the best candidate for key among both tables. Lower score
// wins; on a tie an option Corvus implements beats one it ignores, then the
// alphabetically first.
func closest(key string) string {
	best, bestScore, bestCorvus := "", 1<<30, false
	consider := func(name string, corvus bool) {
		score := matchScore(key, name)
		if score < 0 {
			return
		}
		if score < bestScore || score == bestScore && (corvus && !bestCorvus ||
			corvus == bestCorvus && name < best) {
			best, bestScore, bestCorvus = name, score, corvus
		}
	}
	for name := range corvusIndex {
		if !isFamily(name) {
			consider(name, true)
		}
	}
	for name, e := range cyrus().index {
		if name == includeKey || isFamily(name) || e.DeprecatedSince != "" {
			continue
		}
		consider(name, false)
	}
	return best
}

// matchScore rates name as a correction of key: the edit distance when it
// is small enough for the key's length, 3 for a whole-word prefix or
// suffix match, -1 for no match.
func matchScore(key, name string) int {
	if key == name {
		return -1
	}
	limit := 0
	switch {
	case len(key) >= 6:
		limit = 2
	case len(key) >= 3:
		limit = 1
	}
	if d := suggest.Distance(key, name, limit); d <= limit {
		return d
	}
	if len(key) >= 5 && (strings.HasSuffix(name, "_"+key) || strings.HasPrefix(name, key+"_")) {
		return 3
	}
	return -1
}
