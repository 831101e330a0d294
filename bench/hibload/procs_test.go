package main

import (
	"slices"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		comm    string
		cmdline string
		want    string
	}{
		{"imapd", "/x/bin/imapd\x00-R\x00-U\x000\x00", classThaw},
		{"imapd", "/x/bin/imapd\x00-U\x000\x00", classImapd},
		{"imapd", "/x/bin/imapd\x00-UR\x00", classImapd},
		{"imapd", "-R\x00", classImapd}, // argv[0] is not a flag
		{"idled", "/x/bin/idled\x00", classIdled},
		{"lmtpd", "/x/bin/lmtpd\x00-a\x00-R\x00", classLmtpd},
		{"imapd", "", classImapd},
	}
	for _, tt := range tests {
		if got := classify(tt.comm, splitCmdline([]byte(tt.cmdline))); got != tt.want {
			t.Errorf("classify(%q, %q) = %q, want %q", tt.comm, tt.cmdline, got, tt.want)
		}
	}
}

func TestSplitCmdline(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a\x00b\x00", []string{"a", "b"}},
		{"a\x00\x00c\x00", []string{"a", "", "c"}},
		{"", nil},
		{"solo", []string{"solo"}},
	}
	for _, tt := range tests {
		if got := splitCmdline([]byte(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("splitCmdline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEstablished(t *testing.T) {
	table := `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0FA1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0FA1 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:C350 0100007F:0FA1 01 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:0FA1 0100007F:C351 06 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 20 4 30 10 -1
   4: 0100007F:0FA1 0100007F:C352 01 00000000:00000000 00:00000000 00000000     0        0 444 1
garbage
`
	got := established(table, 0x0FA1)
	if !slices.Equal(got, []string{"222", "444"}) {
		t.Fatalf("established = %q", got)
	}
}
