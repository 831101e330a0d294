package idle

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// randomMessage returns a valid message of any type, names of any allowed
// length and content.
func randomMessage(r *rand.Rand) Message {
	m := Message{Type: Type(1 + r.IntN(5)), PID: 1 + r.Int32N(1<<31-1)}
	if m.Type == Resync {
		return m
	}
	m.User = randomUser(r)
	const idChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
	id := make([]byte, 1+r.IntN(MaxMailboxID))
	for i := range id {
		id[i] = idChars[r.IntN(len(idChars))]
	}
	m.MailboxID = string(id)
	if m.Type == Notify || m.Type == Wake {
		m.ModSeq = r.Uint64()
	}
	return m
}

// randomUser mixes ASCII and multi-byte runes within MaxUser bytes.
func randomUser(r *rand.Rand) string {
	runes := []rune("abcxyz.@-_+ éöß€日本😀")
	var b strings.Builder
	limit := 1 + r.IntN(MaxUser)
	for b.Len() < limit {
		c := runes[r.IntN(len(runes))]
		if b.Len()+len(string(c)) > MaxUser {
			break
		}
		b.WriteRune(c)
	}
	if b.Len() == 0 {
		return "a"
	}
	return b.String()
}

// Every valid message survives Encode then Decode unchanged, within the
// size bounds.
func TestRoundTripProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		m := randomMessage(r)
		b, err := m.Encode()
		if err != nil {
			t.Fatalf("#%d Encode(%+v): %v", i, m, err)
		}
		if len(b) < MinSize || len(b) > MaxSize {
			t.Fatalf("#%d: %d bytes, outside %d..%d", i, len(b), MinSize, MaxSize)
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatalf("#%d Decode(Encode(%+v)): %v", i, m, err)
		}
		if got != m {
			t.Fatalf("#%d round trip: %+v became %+v", i, m, got)
		}
	}
}
