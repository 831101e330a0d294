package telemetry

// IMAPSpans returns the byte ranges of IMAP command bytes that hold
// credentials: the password argument of every LOGIN (atom, quoted or
// literal, RFC 9051 §6.2.3) and the initial response of every AUTHENTICATE
// (SASL-IR, RFC 4959). buf must start at the start of a command; it may hold
// several commands, and their literals, or only part of one. Ranges are
// sorted and disjoint; a password literal announced in buf but not (wholly)
// in it gives a range ending past len(buf), so the caller knows how many of
// the following bytes to mask. An unterminated quoted or atom password is
// masked to the end of its line; an atom password takes the rest of its
// line, in case the client sent an unquoted password with spaces.
//
// A command is recognised with a tag ("a1 LOGIN …") and, defensively,
// without one ("LOGIN …"), where both readings are possible both are masked.
func IMAPSpans(buf []byte) [][2]int {
	var spans [][2]int
	for pos := 0; pos < len(buf); {
		spans = commandSpans(buf, pos, spans)
		pos = commandEnd(buf, pos)
	}
	return merge(spans)
}

// MaskIMAP returns buf with the ranges IMAPSpans finds replaced by
// Placeholder, or buf itself when it holds no credential.
func MaskIMAP(buf []byte) []byte { return Mask(buf, IMAPSpans(buf)) }

// commandSpans appends the credential ranges of the command at pos.
func commandSpans(b []byte, pos int, spans [][2]int) [][2]int {
	s1, e1 := token(b, pos)
	spans = argSpans(b, s1, e1, spans)
	if s2, e2 := token(b, e1); s2 > e1 {
		spans = argSpans(b, s2, e2, spans)
	}
	return spans
}

// argSpans appends the credential ranges following the command name
// b[s:e], if it is one that carries credentials.
func argSpans(b []byte, s, e int, spans [][2]int) [][2]int {
	switch {
	case isWord(b, s, e, "LOGIN"):
		if sp, ok := loginPassword(b, e); ok && sp[0] < sp[1] {
			spans = append(spans, sp)
		}
	case isWord(b, s, e, "AUTHENTICATE"):
		if sp, ok := initialResponse(b, e); ok && sp[0] < sp[1] {
			spans = append(spans, sp)
		}
	}
	return spans
}

// loginPassword finds LOGIN's second argument after position i.
func loginPassword(b []byte, i int) ([2]int, bool) {
	i, ok := skipAString(b, skipSpaces(b, i))
	if !ok {
		return [2]int{}, false
	}
	i = skipSpaces(b, i)
	if atEOL(b, i) {
		return [2]int{}, false
	}
	return astringContent(b, i)
}

// skipAString returns the position after the astring at i (the user name);
// ok is false if it does not end within the line and buffer.
func skipAString(b []byte, i int) (int, bool) {
	if atEOL(b, i) {
		return i, false
	}
	if b[i] == '"' {
		_, next, closed := quoted(b, i)
		return next, closed
	}
	if start, n, complete, ok := literal(b, i); ok {
		return start + n, complete && start+n <= len(b)
	}
	_, end := token(b, i)
	return end, true
}

// astringContent returns the range of the astring at i that must be hidden:
// a quoted string's content, a literal's content (possibly past len(b)), or
// the rest of the line for an atom or anything unparsable.
func astringContent(b []byte, i int) ([2]int, bool) {
	if b[i] == '"' {
		end, _, _ := quoted(b, i)
		return [2]int{i + 1, end}, true
	}
	if start, n, complete, ok := literal(b, i); ok {
		// A header cut by the buffer's end: the caller will see more.
		return [2]int{start, start + n}, complete
	}
	return [2]int{i, lineEnd(b, i)}, true
}

// initialResponse finds the SASL initial response after the mechanism
// name following position i: the rest of the line, unless it is "=" (an
// empty response, RFC 4959 §3), which hides nothing.
func initialResponse(b []byte, i int) ([2]int, bool) {
	ms, me := token(b, i)
	if ms == me {
		return [2]int{}, false
	}
	s := skipSpaces(b, me)
	e := lineEnd(b, s)
	t := e
	for t > s && isSpace(b[t-1]) {
		t--
	}
	if s == e || (t == s+1 && b[s] == '=') {
		return [2]int{}, false
	}
	return [2]int{s, e}, true
}

// commandEnd returns the position after the command starting at pos: past
// the LF of its last line, lines ending in a literal header being continued
// after the literal's content; or len(b) if the command does not end in b.
func commandEnd(b []byte, pos int) int {
	for {
		eol := lineEnd(b, pos)
		if eol >= len(b) {
			return len(b)
		}
		next := eol + 1
		if b[eol] == '\r' && next < len(b) && b[next] == '\n' {
			next++
		}
		n, ok := trailingLiteral(b[pos:eol])
		if !ok {
			return next
		}
		if n >= len(b)-next {
			return len(b)
		}
		pos = next + n
	}
}

// trailingLiteral reports whether line ends with a literal header "{n}",
// "{n+}" or "{n-}", and n.
func trailingLiteral(line []byte) (int, bool) {
	i := len(line) - 1
	if i < 0 || line[i] != '}' {
		return 0, false
	}
	i--
	if i >= 0 && (line[i] == '+' || line[i] == '-') {
		i--
	}
	end := i + 1
	for i >= 0 && line[i] >= '0' && line[i] <= '9' {
		i--
	}
	if i < 0 || line[i] != '{' || i+1 == end {
		return 0, false
	}
	n := 0
	for _, c := range line[i+1 : end] {
		n = min(n*10+int(c-'0'), maxLiteral)
	}
	return n, true
}
