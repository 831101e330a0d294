package mime

//go:generate python3 gen_charsets.py

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// charsetAliases maps the labels seen in mail to the canonical names of
// highHalf, "utf-8", "us-ascii" or "iso-8859-1".
var charsetAliases = map[string]string{
	"utf8": "utf-8", "ascii": "us-ascii", "us": "us-ascii",
	"ansi_x3.4-1968": "us-ascii", "iso646-us": "us-ascii",
	"latin1": "iso-8859-1", "l1": "iso-8859-1", "cp819": "iso-8859-1",
	"latin2": "iso-8859-2", "l2": "iso-8859-2",
	"latin3": "iso-8859-3", "latin4": "iso-8859-4",
	"cyrillic": "iso-8859-5", "arabic": "iso-8859-6", "greek": "iso-8859-7",
	"hebrew": "iso-8859-8", "iso-8859-8-i": "iso-8859-8",
	"latin5": "iso-8859-9", "latin6": "iso-8859-10", "tis-620": "iso-8859-11",
	"latin7": "iso-8859-13", "latin8": "iso-8859-14", "latin9": "iso-8859-15",
	"latin10": "iso-8859-16", "koi8r": "koi8-r",
}

// canonicalCharset folds the spellings of a charset label ("ISO_8859-2",
// "iso8859-2", "cp1250", "x-cp1250", "latin2") to one name.
func canonicalCharset(label string) string {
	c := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	c = strings.TrimPrefix(c, "x-")
	if a, ok := charsetAliases[c]; ok {
		return a
	}
	switch {
	case strings.HasPrefix(c, "iso_8859-"), strings.HasPrefix(c, "iso8859-"):
		c = "iso-8859-" + c[strings.IndexByte(c, '-')+1:]
	case strings.HasPrefix(c, "iso8859_"):
		c = "iso-8859-" + c[len("iso8859_"):]
	case strings.HasPrefix(c, "cp125") && len(c) == 6:
		c = "windows-" + c[2:]
	}
	// "iso-8859-1:1987" and similar year suffixes.
	if i := strings.IndexByte(c, ':'); i > 0 {
		c = c[:i]
	}
	return c
}

// toUTF8 converts text in the named charset to UTF-8; ok is false when the
// charset is not one we know, and the bytes are then returned unchanged.
//
// Mislabelled mail is the rule rather than the exception, so: text labelled
// us-ascii that holds 8-bit bytes is taken as UTF-8 if it is valid UTF-8 and
// as windows-1252 otherwise; iso-8859-1 is read as its superset
// windows-1252, as browsers do; invalid UTF-8 in text labelled utf-8 becomes
// U+FFFD.
func toUTF8(charset string, b []byte) (string, bool) {
	c := canonicalCharset(charset)
	if (c == "utf-8" || c == "us-ascii" || c == "") && utf8.Valid(b) {
		return string(b), true // the usual case, with one copy, not two
	}
	out, ok := appendCanonical(nil, c, b)
	return string(out), ok
}

// appendUTF8 is toUTF8 appending to dst, for callers that convert many
// parts into one reused buffer (SEARCH BODY reads every message's text).
func appendUTF8(dst []byte, charset string, b []byte) ([]byte, bool) {
	return appendCanonical(dst, canonicalCharset(charset), b)
}

// appendCanonical is appendUTF8 for a canonicalCharset name.
func appendCanonical(dst []byte, c string, b []byte) ([]byte, bool) {
	switch c {
	case "utf-8":
		return appendValidUTF8(dst, b), true
	case "us-ascii", "":
		return appendBestEffortUTF8(dst, b), true
	case "iso-8859-1":
		return appendSingleByte(dst, highHalf["windows-1252"], b), true
	default:
		t := highHalf[c]
		if t == nil {
			return append(dst, b...), false
		}
		return appendSingleByte(dst, t, b), true
	}
}

// bestEffortUTF8 returns b as UTF-8: as is when it already is valid UTF-8
// (RFC 6532 headers, unlabelled UTF-8 bodies), else read as windows-1252, the
// most common unlabelled 8-bit charset.
func bestEffortUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(appendSingleByte(nil, highHalf["windows-1252"], b))
}

func appendBestEffortUTF8(dst, b []byte) []byte {
	if utf8.Valid(b) {
		return append(dst, b...)
	}
	return appendSingleByte(dst, highHalf["windows-1252"], b)
}

// appendValidUTF8 appends b with each run of invalid UTF-8 replaced by
// one U+FFFD, as strings.ToValidUTF8 does.
func appendValidUTF8(dst, b []byte) []byte {
	if utf8.Valid(b) {
		return append(dst, b...)
	}
	invalid := false
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			dst = append(dst, b[i])
			i, invalid = i+1, false
			continue
		}
		_, n := utf8.DecodeRune(b[i:])
		if n == 1 { // an invalid byte: a valid U+FFFD is 3 bytes long
			if !invalid {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			}
			i, invalid = i+1, true
			continue
		}
		dst = append(dst, b[i:i+n]...)
		i, invalid = i+n, false
	}
	return dst
}

// appendSingleByte maps every byte of b through the table's upper half.
func appendSingleByte(dst []byte, t *[128]rune, b []byte) []byte {
	dst = slices.Grow(dst, len(b)+len(b)/4)
	for _, c := range b {
		if c < 0x80 {
			dst = append(dst, c)
		} else {
			dst = utf8.AppendRune(dst, t[c-0x80])
		}
	}
	return dst
}
