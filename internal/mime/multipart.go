package mime

import "bytes"

// splitParts finds the body parts of the multipart body raw[start:end]
// (RFC 2046 §5.1.1) and returns their [start, end) ranges, at most max.
//
// A delimiter is "--" boundary at the start of a line, followed by "--"
// (the close delimiter) or by nothing but transport padding up to the line
// break. The line break before a delimiter belongs to the delimiter, not to
// the part. The preamble and epilogue belong to no part. Without a close
// delimiter the last part runs to end; when max is reached, so does the
// last part allowed.
func splitParts(raw []byte, start, end int, boundary string, max int) [][2]int {
	if boundary == "" || max <= 0 {
		return nil
	}
	delim := make([]byte, 0, len(boundary)+2)
	delim = append(append(delim, "--"...), boundary...)
	var parts [][2]int
	partStart := -1
	for pos := start; pos < end; {
		i := bytes.Index(raw[pos:end], delim)
		if i < 0 {
			break
		}
		i += pos
		closing, ok := delimiterAt(raw, start, end, i, len(delim))
		if !ok {
			pos = i + 1
			continue
		}
		if partStart >= 0 {
			parts = append(parts, [2]int{partStart, trimBreakBefore(raw, partStart, i)})
		}
		if closing {
			return parts
		}
		partStart = lineEnd(raw, i+len(delim), end)
		if len(parts)+1 >= max {
			break
		}
		pos = partStart
	}
	if partStart >= 0 {
		parts = append(parts, [2]int{partStart, end})
	}
	return parts
}

// delimiterAt reports whether the n bytes of "--boundary" at i form a
// delimiter line, and whether it is the close delimiter.
func delimiterAt(raw []byte, start, end, i, n int) (closing, ok bool) {
	if i > start && raw[i-1] != '\n' {
		return false, false
	}
	j := i + n
	if j+1 < end && raw[j] == '-' && raw[j+1] == '-' {
		return true, true
	}
	for j < end && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\r') {
		j++
	}
	return false, j == end || raw[j] == '\n'
}

// trimBreakBefore returns i moved back over the line break before it, but
// not before partStart.
func trimBreakBefore(raw []byte, partStart, i int) int {
	if i > partStart && raw[i-1] == '\n' {
		i--
		if i > partStart && raw[i-1] == '\r' {
			i--
		}
	}
	return i
}

// countLines counts the lines of b: its line feeds, plus one for a last
// line without a line break.
func countLines(b []byte) int64 {
	n := int64(bytes.Count(b, []byte{'\n'}))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}
