package man

import (
	"bufio"
	"regexp"
	"strings"
)

// sections returns the names of the .SH headings of a roff page, with any
// quotes around them removed.
func sections(src string) map[string]bool {
	have := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, ".SH ") {
			continue
		}
		have[strings.Trim(strings.TrimSpace(line[4:]), `"`)] = true
	}
	return have
}

// nameLine returns the text of the NAME section as it should read once
// rendered: its text lines joined, the common escapes resolved and blanks
// collapsed.
func nameLine(src string) string {
	var parts []string
	in := false
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, ".SH"):
			if in {
				return plain(unescape(strings.Join(parts, " ")))
			}
			in = strings.Trim(strings.TrimSpace(line[3:]), `"`) == "NAME"
		case in && !strings.HasPrefix(line, ".") && !strings.HasPrefix(line, "'"):
			parts = append(parts, line)
		}
	}
	return plain(unescape(strings.Join(parts, " ")))
}

// fontEscape matches roff font changes such as \fB, \fI, \fR, \fP, \f(CW
// and \f[B].
var fontEscape = regexp.MustCompile(`\\f(\(..|\[[^]]*\]|.)`)

// unescape resolves the roff escapes that appear in NAME lines.
func unescape(s string) string {
	s = fontEscape.ReplaceAllString(s, "")
	return strings.NewReplacer(`\-`, "-", `\e`, `\`, `\&`, "").Replace(s)
}

// overstrike matches the backspace sequences some pagers leave for bold
// and underline.
var overstrike = regexp.MustCompile(".\b")

// lineBreakHyphen matches a hyphen that ends a rendered line, with the
// indentation of the next line.
var lineBreakHyphen = regexp.MustCompile(`[-\x{2010}]\n[ \t]*`)

// plain turns rendered text into a comparable form: no overstrike, the
// hyphen and minus glyphs groff picks in UTF-8 locales turned back into
// ASCII, and runs of blanks collapsed.
func plain(s string) string {
	s = overstrike.ReplaceAllString(s, "")
	s = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2212", "-").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// rendersAs reports whether the rendered text contains want (a line of
// page source as nameLine returns it). Blanks are ignored, since groff
// justifies and wraps; a hyphen at the end of a rendered line may be
// groff's own hyphenation or a hyphen of the text, so both readings are
// tried.
func rendersAs(rendered, want string) bool {
	squash := func(s string) string { return strings.Join(strings.Fields(plain(s)), "") }
	w := squash(want)
	return strings.Contains(squash(rendered), w) ||
		strings.Contains(squash(lineBreakHyphen.ReplaceAllString(rendered, "")), w)
}
