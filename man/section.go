package man

import "strings"

// Section returns the text of the ".SH name" section of a roff page, from
// its heading to the next .SH, or "" when the page has none. The programs'
// tests use it to check that every flag they parse is in their page.
func Section(page, name string) string {
	start := strings.Index(page, ".SH "+name)
	if start < 0 {
		return ""
	}
	rest := page[start+4:]
	if end := strings.Index(rest, "\n.SH "); end >= 0 {
		return rest[:end]
	}
	return rest
}
