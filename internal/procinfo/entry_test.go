package procinfo

import (
	"errors"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Entry
		err  bool
	}{
		{"empty", "", nil, false},
		{"cyrus full", "imap\th [1.2.3.4]\talice\tuser.alice\tidle\n",
			[]Entry{{"imap", "h [1.2.3.4]", "alice", "user.alice", "idle"}}, false},
		{"cyrus short", "imap\thost\n", []Entry{{Service: "imap", Host: "host"}}, false},
		{"two lines", "imap\ta\tu\t\tauthenticated\nimap\tb\tv\tINBOX\thibernated\n",
			[]Entry{{"imap", "a", "u", "", "authenticated"}, {"imap", "b", "v", "INBOX", "hibernated"}}, false},
		{"torn last line", "imap\ta\nimap\tb", []Entry{{Service: "imap", Host: "a"}}, false},
		{"extra tabs stay in state", "s\th\tu\tm\tx\ty\n", []Entry{{"s", "h", "u", "m", "x\ty"}}, false},
		{"no service", "\thost\n", nil, true},
		{"blank line", "imap\th\n\n", nil, true},
	}
	for _, tt := range tests {
		got, err := Parse([]byte(tt.in))
		if (err != nil) != tt.err || (err != nil && !errors.Is(err, ErrMalformed)) {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		if !tt.err && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Parse = %#v, want %#v", tt.name, got, tt.want)
		}
	}
}

func TestAppendLineCleans(t *testing.T) {
	tests := []struct {
		e    Entry
		want string
	}{
		{Entry{"imap", "[::1]", "alice", "INBOX", StateSelected}, "imap\t[::1]\talice\tINBOX\tselected\n"},
		{Entry{Service: "imap", Host: "[x]", State: StateConnected}, "imap\t[x]\t\t\tconnected\n"},
		{Entry{"i\tmap", "h\nx", "a\rb", "m\x00", "s\x7f"}, "i?map\th?x\ta?b\tm?\ts?\n"},
	}
	for _, tt := range tests {
		if got := string(tt.e.AppendLine(nil)); got != tt.want {
			t.Errorf("AppendLine(%#v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

// FuzzParse: Parse never panics, and what it returns survives being
// written and read again.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "imap\th\n", "imap\ta\tu\tm\tidle\n", "\t\n", "a\tb\tc\td\te\tf\n", "x", "a\n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := Parse(data)
		if err != nil {
			return
		}
		var b []byte
		for _, e := range entries {
			b = e.AppendLine(b)
		}
		again, err := Parse(b)
		if err != nil || len(again) != len(entries) {
			t.Fatalf("re-parse of %q: %v, %d entries, want %d", b, err, len(again), len(entries))
		}
	})
}
