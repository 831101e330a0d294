package mime

import "strings"

// msgIDs returns the msg-ids of an RFC 5322 §3.6.4 field (Message-ID,
// In-Reply-To, References) in order, without angle brackets. Comments are
// skipped, whitespace inside an id (from folding) is removed, and text
// outside angle brackets (obsolete phrases such as "Your message of ...")
// is ignored.
func msgIDs(s string) []string {
	s = stripComments(s)
	var ids []string
	for {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			return ids
		}
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			return ids
		}
		if id := removeSpace(s[lt+1 : lt+gt]); id != "" {
			ids = append(ids, id)
		}
		s = s[lt+gt+1:]
	}
}

// messageID returns the id of a Message-ID field: the first msg-id, or for
// a broken field without angle brackets its first word.
func messageID(s string) string {
	if ids := msgIDs(s); len(ids) > 0 {
		return ids[0]
	}
	f := strings.Fields(stripComments(s))
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[0], "<>")
}

func removeSpace(s string) string {
	if !strings.ContainsAny(s, " \t") {
		return s
	}
	return strings.Join(strings.Fields(s), "")
}
