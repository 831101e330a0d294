package telemetry

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// encodings of an IMAP astring, RFC 9051 §4.
const (
	encAtom = iota
	encQuoted
	encLiteral
	encLiteralPlus
	encCount
)

// isAtom reports whether s can be sent as an atom (ASTRING-CHAR, RFC 9051).
func isAtom(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`(){%*"\`, c) >= 0 {
			return false
		}
	}
	return true
}

// encode renders s in the encoding enc (falling back to a literal when s
// cannot be sent that way) and splits it around what must be hidden: the
// returned head, content and tail concatenate to the encoding.
func encode(s string, enc uint8) (head, content, tail string) {
	switch e := enc % encCount; {
	case e == encAtom && isAtom(s):
		return "", s, ""
	case e == encQuoted && !strings.ContainsAny(s, "\r\n"):
		r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
		return `"`, r.Replace(s), `"`
	case e == encLiteralPlus:
		return "{" + strconv.Itoa(len(s)) + "+}\r\n", s, ""
	}
	return "{" + strconv.Itoa(len(s)) + "}\r\n", s, ""
}

// FuzzMaskIMAPLogin builds a LOGIN command from a random user and password,
// each in any encoding, with random spacing and case, possibly followed by
// a pipelined command, and checks that exactly the password is masked.
func FuzzMaskIMAPLogin(f *testing.F) {
	f.Add("a1", "alice", "secret", uint8(encAtom), uint8(encAtom), uint8(0))
	f.Add("A001", "al ice", `pa"ss\word`, uint8(encQuoted), uint8(encQuoted), uint8(1))
	f.Add("x", "bob", "p\r\nw", uint8(encLiteral), uint8(encLiteralPlus), uint8(6))
	f.Add("t", "LOGIN", "LOGIN", uint8(encAtom), uint8(encAtom), uint8(255))
	f.Add("3", "{3}", "~{2}", uint8(encQuoted), uint8(encAtom), uint8(0))
	f.Fuzz(func(t *testing.T, tag, user, pass string, encUser, encPass, style uint8) {
		if !isAtom(tag) || strings.ContainsAny(tag, "+]") ||
			strings.EqualFold(tag, "LOGIN") || strings.EqualFold(tag, "AUTHENTICATE") {
			tag = "a1"
		}
		sp := strings.Repeat(" ", 1+int(style%3))
		login := []string{"LOGIN", "login", "LoGiN", "lOgIn"}[style/3%4]
		uh, uc, ut := encode(user, encUser)
		ph, pc, pt := encode(pass, encPass)
		prefix := tag + sp + login + sp + uh + uc + ut + sp + ph
		suffix := pt + "\r\n"
		if style&0x80 != 0 {
			suffix += "a2 NOOP\r\n"
		}
		want := prefix + pc + suffix
		if pc != "" {
			want = prefix + Placeholder + suffix
		}
		in := []byte(prefix + pc + suffix)
		out := MaskIMAP(in)
		if string(out) != want {
			t.Fatalf("MaskIMAP(%q) = %q; want %q", in, out, want)
		}
		if len(pass) >= 4 && !strings.Contains(prefix+suffix, pass) && bytes.Contains(out, []byte(pass)) {
			t.Fatalf("password %q in %q", pass, out)
		}
	})
}

// FuzzIMAPSpans feeds arbitrary bytes: no panic, and ranges sorted,
// disjoint and starting inside the buffer (or at its end, for a literal to
// come).
func FuzzIMAPSpans(f *testing.F) {
	for _, s := range []string{
		"a1 LOGIN alice secret\r\n",
		"a1 LOGIN {5+}\r\nalice {6}\r\nsecret\r\na2 NOOP\r\n",
		"a0 APPEND INBOX {9}\r\nx LOGIN y\r\n",
		"a1 AUTHENTICATE PLAIN AGFs\r\n",
		"LOGIN \"a\\\" {99999999999999999999}\r\n",
		"a LOGIN ~",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSpans(t, data, IMAPSpans(data))
		MaskIMAP(data)
	})
}

// FuzzMaskSASL checks that a SASL payload (no spaces, one line) is masked
// as a continuation line and as an initial response, and that arbitrary
// bytes do not panic.
func FuzzMaskSASL(f *testing.F) {
	f.Add("AGFsaWNlAHNlY3JldA==", uint8(0), []byte("AUTH PLAIN x\r\ny\r\n"))
	f.Add("dXNlcg==", uint8(1), []byte("*\r\n"))
	f.Add("AUTH", uint8(2), []byte("a AUTHENTICATE\tX  =  \r"))
	f.Fuzz(func(t *testing.T, payload string, form uint8, data []byte) {
		checkSpans(t, data, SASLSpans(data))
		if payload == "" || payload == "*" || payload == "=" ||
			strings.ContainsAny(payload, " \t\r\n") {
			return
		}
		prefix := []string{"", "AUTH PLAIN ", "a1 AUTHENTICATE PLAIN ", "auth login "}[form%4]
		out := string(MaskSASL([]byte(prefix + payload + "\r\n")))
		if want := prefix + Placeholder + "\r\n"; out != want {
			t.Fatalf("MaskSASL(%q) = %q; want %q", prefix+payload, out, want)
		}
	})
}

// checkSpans checks the shape of ranges found in data.
func checkSpans(t *testing.T, data []byte, spans [][2]int) {
	t.Helper()
	for i, s := range spans {
		if s[0] < 0 || s[0] > len(data) || s[1] <= s[0] || (i > 0 && s[0] <= spans[i-1][1]) {
			t.Fatalf("bad spans %v for %q", spans, data)
		}
	}
}
