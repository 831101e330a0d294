package saslauthd

import (
	"bytes"
	"strings"
	"testing"
)

func FuzzReadReply(f *testing.F) {
	for _, s := range []string{"\x00\x02OK", "\x00\x1aNO \"authentication failed\"", "\x00\x00", "\xff\xff", "\x00\x03NO"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ReadReply(bytes.NewReader(b))
		if err != nil {
			return
		}
		if r.OK != strings.HasPrefix(r.Text, "OK") || len(r.Text) > maxReply || len(r.Text)+2 > len(b) {
			t.Fatalf("ReadReply(%q) = %+v", b, r)
		}
	})
}

// FuzzEncodeRequest checks that what EncodeRequest writes a saslauthd
// reads back field for field.
func FuzzEncodeRequest(f *testing.F) {
	f.Add("alice", "wonder", "imap", "example.com", "")
	f.Add("", "\x00", "", "", "x")
	f.Fuzz(func(t *testing.T, a, b, c, d, e string) {
		req, err := EncodeRequest(a, b, c, d, e)
		if err != nil {
			return
		}
		got, err := readFields(bytes.NewReader(req), 5)
		if err != nil || got[0] != a || got[1] != b || got[2] != c || got[3] != d || got[4] != e {
			t.Fatalf("round trip: %q, %v", got, err)
		}
	})
}
