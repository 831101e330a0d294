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
