package notify

import (
	"reflect"
	"strings"
	"testing"
)

func TestRecipients(t *testing.T) {
	tests := []struct {
		name    string
		options []string
		want    []string
	}{
		{"address", []string{"alice@example.org"}, []string{"alice@example.org"}},
		{"local only", []string{"alice"}, []string{"alice"}},
		{"several options", []string{"a@x.org", " b@y.org "}, []string{"a@x.org", "b@y.org"}},
		{"mailto URI", []string{"mailto:alice@example.org"}, []string{"alice@example.org"}},
		{"mailto URI, upper case, headers", []string{"MAILTO:alice@example.org?subject=hi"}, []string{"alice@example.org"}},
		{"mailto URI, two addresses", []string{"mailto:a@x.org,b@x.org"}, []string{"a@x.org", "b@x.org"}},
		{"mailto URI, escapes", []string{"mailto:a%2Bb@x.org"}, []string{"a+b@x.org"}},
		{"atext", []string{"a!#$%&'*+/=?^_`{|}~-.b@x-y.example"}, []string{"a!#$%&'*+/=?^_`{|}~-.b@x-y.example"}},
		{"UTF-8", []string{"jörg@exämple.de"}, []string{"jörg@exämple.de"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := recipients(tt.options)
			if err != nil {
				t.Fatalf("recipients(%q): %v", tt.options, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("recipients(%q) = %q, want %q", tt.options, got, tt.want)
			}
		})
	}
}

func TestRecipientsRejects(t *testing.T) {
	tests := []struct {
		name    string
		options []string
		wantErr string
	}{
		{"none", nil, "no recipient address"},
		{"empty", []string{""}, "empty recipient"},
		{"option", []string{"-oQ/tmp"}, "starts with '-'"},
		{"option in URI", []string{"mailto:-bs"}, "starts with '-'"},
		{"option after comma", []string{"a@x.org,-t"}, "starts with '-'"},
		{"escaped option", []string{"mailto:%2Dbs"}, "starts with '-'"},
		{"newline", []string{"a@x.org\nBcc: b@y.org"}, "bad domain"},
		{"escaped newline", []string{"mailto:a@x.org%0ABcc:b@y.org"}, "bad domain"},
		{"space", []string{"a b@x.org"}, "bad local part"},
		{"angle brackets", []string{"<a@x.org>"}, "bad local part"},
		{"display name", []string{"Alice <a@x.org>"}, "bad local part"},
		{"quoted local", []string{`"a b"@x.org`}, "bad local part"},
		{"two at signs", []string{"a@b@x.org"}, "bad domain"},
		{"empty domain", []string{"a@"}, "bad domain"},
		{"double dot", []string{"a..b@x.org"}, "bad local part"},
		{"domain literal", []string{"a@[127.0.0.1]"}, "bad domain"},
		{"NEL", []string{"a\u0085@x.org"}, "bad local part"},
		{"bad escape", []string{"mailto:a%zz@x.org"}, "invalid URL escape"},
		{"invalid UTF-8", []string{"a\xff@x.org"}, "not valid UTF-8"},
		{"too long", []string{strings.Repeat("a", 250) + "@x.org"}, "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := recipients(tt.options)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("recipients(%q) = %q, %v; want error containing %q", tt.options, got, err, tt.wantErr)
			}
		})
	}
}
