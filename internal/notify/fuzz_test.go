package notify

import (
	"reflect"
	"testing"
)

// FuzzDecode: Decode never panics, and what it accepts encodes again and
// decodes to the same notification.
func FuzzDecode(f *testing.F) {
	seeds := []string{
		"\x00MAIL\x00\x00alice\x00INBOX\x000\x00You have mail\x00",
		"mailto\x00SIEVE\x00high\x00bob\x00user.bob\x002\x00a@x\x00mailto:b@x\x00hi\x00/f\x00",
		"external\x00c\x00p\x00u\x00m\x001\x00\x00m\x00\x00",
		"log\x00c\x00p\x00u\x00m\x0099999999999999999999\x00msg\x00",
		"log\x00c\x00p\x00u\x00m\x00-1\x00msg\x00",
		"log\x00c\x00p\x00u\x00m\x000\x00hello",
		"",
		"\x00",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := Decode(b)
		if err != nil {
			return
		}
		enc, err := n.Encode()
		if err != nil {
			t.Fatalf("Encode of decoded %q: %v", b, err)
		}
		if len(enc) > len(b) {
			t.Fatalf("re-encoding grew %d → %d bytes", len(b), len(enc))
		}
		again, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode of re-encoded %q: %v", enc, err)
		}
		if !reflect.DeepEqual(again, n) {
			t.Fatalf("round trip changed %#v into %#v", n, again)
		}
	})
}
