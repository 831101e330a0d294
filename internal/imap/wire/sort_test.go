package wire

import (
	"strings"
	"testing"
)

func TestParseSort(t *testing.T) {
	tests := []struct {
		args    string
		keys    string // "KEY" or "-KEY" for REVERSE, space-separated
		charset string
		esearch bool
		ok      bool
	}{
		{"(DATE) UTF-8 ALL", "DATE", "UTF-8", false, true},
		{"(REVERSE ARRIVAL subject) US-ASCII UNSEEN", "-ARRIVAL SUBJECT", "US-ASCII", false, true},
		{"RETURN (MIN COUNT) (DISPLAYFROM) UTF-8 ALL", "DISPLAYFROM", "UTF-8", true, true},
		{"(FROM REVERSE TO CC SIZE DISPLAYTO) UTF-8 FROM alice SINCE 1-Feb-1994", "FROM -TO CC SIZE DISPLAYTO", "UTF-8", false, true},
		{"() UTF-8 ALL", "", "", false, false},
		{"(DATE) ALL", "", "", false, false},
		{"(BOGUS) UTF-8 ALL", "", "", false, false},
		{"(REVERSE) UTF-8 ALL", "", "", false, false},
		{"(DATE) UTF-8", "", "", false, false},
		{"DATE UTF-8 ALL", "", "", false, false},
	}
	for _, tt := range tests {
		p, err := ParseSort(decoderFor(t, "SORT", tt.args))
		if (err == nil) != tt.ok {
			t.Errorf("%q: err %v", tt.args, err)
			continue
		}
		if err != nil {
			continue
		}
		var keys []string
		for _, k := range p.Keys {
			if k.Reverse {
				keys = append(keys, "-"+k.Key)
			} else {
				keys = append(keys, k.Key)
			}
		}
		if strings.Join(keys, " ") != tt.keys || p.Charset != tt.charset || p.ESearch != tt.esearch {
			t.Errorf("%q: keys %q charset %q esearch %v", tt.args, keys, p.Charset, p.ESearch)
		}
	}
}

func TestWriteThread(t *testing.T) {
	leaf := func(n uint32, kids ...*ThreadNode) *ThreadNode { return &ThreadNode{Num: n, Children: kids} }
	var b strings.Builder
	w := NewWriter(&b)
	// RFC 5256 §4's example: (2)(3 6 (4 23)(44 7 96))
	w.Thread([]*ThreadNode{
		leaf(2),
		leaf(3, leaf(6, leaf(4, leaf(23)), leaf(44, leaf(7, leaf(96))))),
	})
	// A missing parent with two children: ((1)(2)).
	w.Thread([]*ThreadNode{leaf(0, leaf(1), leaf(2))})
	w.Thread(nil)
	w.Flush()
	want := "* THREAD (2)(3 6 (4 23)(44 7 96))\r\n* THREAD ((1)(2))\r\n* THREAD\r\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestParseThread(t *testing.T) {
	for _, tt := range []struct {
		args string
		ok   bool
	}{
		{"ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000", true},
		{"references US-ASCII ALL", true},
		{"REFS UTF-8 ALL", false},
		{"REFERENCES ALL", false},
		{"REFERENCES UTF-8", false},
	} {
		_, err := ParseThread(decoderFor(t, "THREAD", tt.args))
		if (err == nil) != tt.ok {
			t.Errorf("%q: %v", tt.args, err)
		}
	}
}
