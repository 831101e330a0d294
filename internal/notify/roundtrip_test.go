package notify

import (
	"errors"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"testing/quick"
)

// Property: for every notification, Encode either refuses it (a NUL in a
// field, or too large) or Decode gives back exactly that notification.
func TestEncodeDecodeRoundTrip(t *testing.T) {
	accepted := 0
	prop := func(n Notification) bool {
		b, err := n.Encode()
		if err != nil {
			return hasNUL(n) || errors.Is(err, ErrTooLarge)
		}
		accepted++
		got, err := Decode(b)
		if err != nil {
			t.Logf("Decode(Encode(%#v)): %v", n, err)
			return false
		}
		return reflect.DeepEqual(got, n)
	}
	cfg := &quick.Config{MaxCount: 5000, Values: randomNotification}
	if err := quick.Check(prop, cfg); err != nil {
		t.Fatal(err)
	}
	if accepted < 1000 {
		t.Errorf("only %d of 5000 generated notifications were encodable; generator too hostile", accepted)
	}
}

func hasNUL(n Notification) bool {
	all := append([]string{n.Method, n.Class, n.Priority, n.User, n.Mailbox, n.Message, n.File}, n.Options...)
	return strings.Contains(strings.Join(all, ""), "\x00")
}

// randomNotification fills a Notification with short strings drawn from
// an alphabet that includes NUL, 8-bit bytes and digits, now and then a
// long message, and nil Options when there are none (as Decode returns).
func randomNotification(args []reflect.Value, r *rand.Rand) {
	n := Notification{
		Method: randomString(r, 8), Class: randomString(r, 8), Priority: randomString(r, 4),
		User: randomString(r, 12), Mailbox: randomString(r, 20), Message: randomString(r, 40),
		File: randomString(r, 20),
	}
	if r.Intn(50) == 0 {
		n.Message = strings.Repeat("m", r.Intn(2*MaxSize))
	}
	for range r.Intn(6) {
		n.Options = append(n.Options, randomString(r, 16))
	}
	args[0] = reflect.ValueOf(n)
}

func randomString(r *rand.Rand, max int) string {
	const alphabet = "abcXYZ019 -@.:/\r\n\xc3\xa9\xff"
	b := make([]byte, r.Intn(max+1))
	for i := range b {
		if r.Intn(400) == 0 {
			b[i] = 0
			continue
		}
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}
