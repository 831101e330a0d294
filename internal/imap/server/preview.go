package server

import (
	"strings"
	"unicode/utf8"
)

func init() {
	register(func(r *registry) {
		r.capPost("PREVIEW")
	})
}

// previewMax bounds a preview in characters; RFC 8970 §3 allows up to 256
// and suggests fewer.
const previewMax = 200

// preview is RFC 8970's PREVIEW text from a message's body text (text
// parts decoded, HTML tags removed): lines quoting another message (">")
// and signature separators onward are left out, white space is collapsed,
// and the result is cut to previewMax characters.
func preview(body string) string {
	var b strings.Builder
	for line := range strings.Lines(body) {
		line = strings.TrimRight(line, "\r\n")
		if line == "-- " {
			break // the signature follows
		}
		if strings.HasPrefix(strings.TrimSpace(line), ">") {
			continue
		}
		for _, w := range strings.Fields(line) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		if utf8.RuneCountInString(b.String()) > previewMax {
			break
		}
	}
	s := b.String()
	if utf8.RuneCountInString(s) <= previewMax {
		return s
	}
	r := []rune(s)[:previewMax]
	return strings.TrimRight(string(r), " ")
}

// preview computes the PREVIEW text of the message.
func (f *fetchMsg) preview() (string, error) {
	raw, err := f.bytes()
	if err != nil {
		return "", err
	}
	st, err := f.structure()
	if err != nil {
		return "", err
	}
	return preview(st.BodyText(raw)), nil
}
