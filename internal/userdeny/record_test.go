package userdeny

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"testing"
)

// The deny list Debian's Cyrus 3.6 cyr_deny wrote for these commands:
//
//	cyr_deny -s 'imap,pop3' -m 'Go away now' bob
//	cyr_deny -s '*,!imaps' -m 'tab<TAB>x\y' carol
//	cyr_deny -m $'nl\ncr\rff\xffend' dave
//	cyr_deny -m '' erin; cyr_deny -s '' frank; cyr_deny 'Ab C'; cyr_deny $'g\th'
var cyrusEntries = map[string]Entry{
	"Ab C":  {"Ab C", "*", DefaultMessage},
	"bob":   {"bob", "imap,pop3", "Go away now"},
	"carol": {"carol", "*,!imaps", "tab\tx\\y"},
	"dave":  {"dave", "*", "nl\ncr\rff\xffend"},
	"erin":  {"erin", "*", ""},
	"frank": {"frank", "", DefaultMessage},
	"g\th":  {"g\th", "*", DefaultMessage},
}

func TestCyrusFile(t *testing.T) {
	data, err := os.ReadFile("testdata/cyrus-3.6.db")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, cyrusEntries) {
		t.Errorf("Parse = %#v", got)
	}
	if enc := Encode(cyrusEntries); !bytes.Equal(enc, data) {
		t.Errorf("Encode differs from Cyrus's file:\n%q\n%q", enc, data)
	}
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		in   string
		good int
	}{
		{"alice\n", 0},
		{"alice\t1\t*\tx\n", 0},             // unknown version
		{"alice\t2\t*\n", 0},                // no message field
		{"\t2\xff\x89*\xff\x89m\n", 0},      // empty user
		{"a\xff\t2\xff\x89*\xff\x89m\n", 0}, // escape then raw tab: no field split
		{"a\t2\xff\x89*\xff\x89m\xff\n", 0}, // escape at end
		{"a\t2\xff\x89*\xff\x89m\r\n", 0},   // raw CR
		{"bad\nbob\t2\xff\x89*\xff\x89m\n", 1},
	}
	for _, tt := range tests {
		got, err := Parse([]byte(tt.in))
		if !errors.Is(err, ErrMalformed) || len(got) != tt.good {
			t.Errorf("Parse(%q) = %v, %v; want %d good and ErrMalformed", tt.in, got, err, tt.good)
		}
	}
}

func TestEntryDenies(t *testing.T) {
	tests := []struct {
		e       Entry
		service string
		deny    bool
		text    string
	}{
		{cyrusEntries["bob"], "imap", true, "Go away now"},
		{cyrusEntries["bob"], "imaps", false, ""},
		{cyrusEntries["carol"], "imap", true, "tab\tx\\y"},
		{cyrusEntries["carol"], "imaps", false, ""},
		{cyrusEntries["erin"], "lmtp", true, DefaultMessage},
		{cyrusEntries["frank"], "imap", false, ""},
	}
	for _, tt := range tests {
		if got := tt.e.Denies(tt.service); got != tt.deny {
			t.Errorf("%+v.Denies(%q) = %v", tt.e, tt.service, got)
		}
		if tt.deny && tt.e.Text() != tt.text {
			t.Errorf("%+v.Text() = %q", tt.e, tt.e.Text())
		}
	}
}

// FuzzParse: Parse never panics; what it accepts is written back by
// Encode into a file that parses to the same entries.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/cyrus-3.6.db"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{"", "a\t2\xff\x89*\xff\x89m\n", "a\t2\t*\tm", "\xff", "a\t\xff\xff", "\n\n\t"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, _ := Parse(data)
		again, err := Parse(Encode(got))
		if err != nil || len(again) != len(got) || (len(got) > 0 && !reflect.DeepEqual(again, got)) {
			t.Fatalf("round trip of %q: %#v → %#v, %v", data, got, again, err)
		}
	})
}
