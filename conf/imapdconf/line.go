package imapdconf

import (
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// line is one line of a file being parsed, with what is needed to turn
// byte offsets within it into hcl positions.
type line struct {
	file  string
	num   int    // 1-based line number
	start int    // byte offset of the line in the file
	text  string // the line without its newline
}

// pos is the position of byte offset off within the line. Columns count
// characters, as hcl's do.
func (l line) pos(off int) hcl.Pos {
	return hcl.Pos{Line: l.num, Column: 1 + utf8.RuneCountInString(l.text[:off]), Byte: l.start + off}
}

// rng is the range of bytes [from, to) of the line.
func (l line) rng(from, to int) hcl.Range {
	return hcl.Range{Filename: l.file, Start: l.pos(from), End: l.pos(to)}
}

// splitLines cuts src into lines, dropping the line terminators (LF, with
// an optional CR before it).
func splitLines(src []byte, file string) []line {
	var out []line
	start := 0
	for n := 1; start < len(src); n++ {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		text := string(src[start:end])
		if len(text) > 0 && text[len(text)-1] == '\r' {
			text = text[:len(text)-1]
		}
		out = append(out, line{file: file, num: n, start: start, text: text})
		start = end + 1
	}
	return out
}
