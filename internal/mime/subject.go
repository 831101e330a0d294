package mime

import "strings"

// SubjectBase returns the base subject of RFC 5256 §2.1, the key of SORT
// SUBJECT and THREAD ORDEREDSUBJECT. subject must already be decoded to
// UTF-8 (step 1's RFC 2047 decoding, as Summary.Subject is). SORT compares
// base subjects with i;ascii-casemap, so case is kept here.
func SubjectBase(subject string) string {
	base, _ := SubjectBaseReply(subject)
	return base
}

// SubjectBaseReply is SubjectBase that also reports whether extraction
// removed a reply or forward marker ("Re:", "Fwd:", "(fwd)", "[fwd: ...]"),
// which THREAD=REFERENCES needs (RFC 5256 §2.1, §3).
func SubjectBaseReply(subject string) (base string, reply bool) {
	s := collapseSpace(subject) // step 1
	for {
		s = trimTrailers(s, &reply) // step 2
		s = trimLeaders(s, &reply)  // steps 3-5
		// Step 6: "[fwd: ... ]" around the whole subject.
		if len(s) >= len("[fwd:]") && strings.EqualFold(s[:5], "[fwd:") && s[len(s)-1] == ']' {
			s, reply = s[5:len(s)-1], true
			continue
		}
		return s, reply
	}
}

// collapseSpace turns tabs and line breaks into spaces and runs of spaces
// into one.
func collapseSpace(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			space = true
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteByte(c)
	}
	if space {
		sb.WriteByte(' ')
	}
	return sb.String()
}

// trimTrailers removes subj-trailer ("(fwd)" / WSP) from the end, again
// and again.
func trimTrailers(s string, reply *bool) string {
	for {
		switch {
		case strings.HasSuffix(s, " "):
			s = s[:len(s)-1]
		case len(s) >= 5 && strings.EqualFold(s[len(s)-5:], "(fwd)"):
			s, *reply = s[:len(s)-5], true
		default:
			return s
		}
	}
}

// trimLeaders repeats steps 3 and 4 until neither applies.
func trimLeaders(s string, reply *bool) string {
	for {
		if strings.HasPrefix(s, " ") { // step 3, WSP
			s = s[1:]
			continue
		}
		if n := leaderLen(s); n > 0 { // step 3, *subj-blob subj-refwd
			s, *reply = s[n:], true
			continue
		}
		// Step 4: a leading blob, if something is left after it.
		if n := blobLen(s); n > 0 && strings.TrimLeft(s[n:], " ") != "" {
			s = s[n:]
			continue
		}
		return s
	}
}

// leaderLen matches *subj-blob subj-refwd at the start of s.
func leaderLen(s string) int {
	i := 0
	for {
		n := blobLen(s[i:])
		if n <= 0 {
			break
		}
		i += n
	}
	if n := refwdLen(s[i:]); n > 0 {
		return i + n
	}
	return 0
}

// refwdLen matches subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":".
func refwdLen(s string) int {
	var i int
	switch {
	case len(s) >= 2 && strings.EqualFold(s[:2], "re"):
		i = 2
	case len(s) >= 2 && strings.EqualFold(s[:2], "fw"):
		i = 2
		if i < len(s) && (s[i] == 'd' || s[i] == 'D') {
			i++
		}
	default:
		return 0
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if n := blobLen(s[i:]); n > 0 {
		i += n
	}
	if i < len(s) && s[i] == ':' {
		return i + 1
	}
	return 0
}

// blobLen matches subj-blob = "[" *BLOBCHAR "]" *WSP, BLOBCHAR being any
// character but brackets.
func blobLen(s string) int {
	if !strings.HasPrefix(s, "[") {
		return 0
	}
	end := strings.IndexAny(s[1:], "[]")
	if end < 0 || s[1+end] != ']' {
		return 0
	}
	i := end + 2
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}
