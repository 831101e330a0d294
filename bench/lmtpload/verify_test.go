package main

import "testing"

func TestStatusMessages(t *testing.T) {
	tests := []struct {
		line string
		n    int
		ok   bool
	}{
		{"* STATUS INBOX (MESSAGES 231)", 231, true},
		{"* status inbox (messages 0)", 0, true},
		{"* STATUS \"MESSAGES (x)\" (UIDNEXT 5 MESSAGES 7)", 7, true},
		{"* STATUS MESSAGES (MESSAGES 3)", 3, true},
		{"* STATUS INBOX (UIDNEXT 5)", 0, false},
		{"* STATUS INBOX (MESSAGES)", 0, false},
		{"* STATUS INBOX (MESSAGES -1)", 0, false},
		{"* 3 EXISTS", 0, false},
		{"* STATUS INBOX", 0, false},
	}
	for _, tt := range tests {
		n, ok := statusMessages(tt.line)
		if n != tt.n || ok != tt.ok {
			t.Errorf("statusMessages(%q) = %d, %v; want %d, %v", tt.line, n, ok, tt.n, tt.ok)
		}
	}
}
