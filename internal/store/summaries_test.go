package store

import (
	"slices"
	"testing"
	"time"
)

func TestSortRowOf(t *testing.T) {
	internal := time.Date(2026, 3, 1, 10, 0, 0, 0, time.FixedZone("", 3600))
	sent := time.Date(2026, 2, 27, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		m    Message
		want SortRow
	}{
		{"no summary: sent is the internal date", Message{MessageFlags: MessageFlags{UID: 7}, InternalDate: internal, Size: 42},
			SortRow{UID: 7, Arrival: internal.Unix(), Sent: internal.Unix(), Size: 42}},
		{"summary without Date", Message{MessageFlags: MessageFlags{UID: 8}, InternalDate: internal,
			Summary: &Summary{Subject: "s", MessageID: "id@x", InReplyTo: []string{"p@x"}, References: []string{"r@x", "p@x"}}},
			SortRow{UID: 8, Arrival: internal.Unix(), Sent: internal.Unix(), Subject: "s"}},
		{"summary with Date", Message{MessageFlags: MessageFlags{UID: 9}, InternalDate: internal, Summary: &Summary{Date: sent}},
			SortRow{UID: 9, Arrival: internal.Unix(), Sent: sent.Unix()}},
		{"subject and From", Message{MessageFlags: MessageFlags{UID: 10}, InternalDate: internal,
			Summary: &Summary{Subject: "s", From: []Address{{Name: "N", Mailbox: "m", Host: "h"}, {Mailbox: "second"}}}},
			SortRow{UID: 10, Arrival: internal.Unix(), Sent: internal.Unix(), Subject: "s", FromMailbox: "m"}},
	}
	for _, tc := range tests {
		got := SortRowOf(&tc.m)
		if got.Summary != tc.m.Summary {
			t.Errorf("%s: summary not kept", tc.name)
		}
		if s := tc.m.Summary; s != nil && (got.Thread == nil || got.Thread.MessageID != s.MessageID ||
			!slices.Equal(got.Thread.InReplyTo, s.InReplyTo) || !slices.Equal(got.Thread.References, s.References)) {
			t.Errorf("%s: thread ids %+v", tc.name, got.Thread)
		}
		got.Summary, got.Thread = nil, nil
		if got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
