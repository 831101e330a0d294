package store

import "testing"

func TestHeaderTestMatches(t *testing.T) {
	s := &Summary{
		Subject: "Re: Café plans for Monday",
		From:    []Address{{Name: "Tisi Morel", Mailbox: "tisi", Host: "example.com"}},
		To:      []Address{{Mailbox: "list", Host: "example.org"}, {Name: "Bo", Mailbox: "bo", Host: "example.net"}},
		Bcc:     []Address{{Mailbox: "undisclosed"}},
	}
	for _, tt := range []struct {
		field, value string
		want         bool
	}{
		{"SUBJECT", "café PLANS", true},
		{"subject", "CAFÉ", true},
		{"Subject", "tuesday", false},
		{"FROM", "tisi morel <TISI@", true},
		{"FROM", "@example.com>", true},
		{"FROM", "bo", false},
		{"TO", "LIST@EXAMPLE.ORG", true},
		{"TO", "example.org, Bo", false}, // never across two addresses
		{"TO", "Bo <bo@", true},
		{"CC", "a", false},
		{"BCC", "undisclosed", true},
		{"X-Other", "tisi", false},
	} {
		if got := (HeaderTest{Field: tt.field, Value: tt.value}).Matches(s); got != tt.want {
			t.Errorf("%s %q: %v, want %v", tt.field, tt.value, got, tt.want)
		}
	}
	if (HeaderTest{Field: "SUBJECT", Value: "x"}).Matches(nil) {
		t.Error("a message without a summary matched")
	}
}
