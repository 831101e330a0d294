package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseRollup(t *testing.T) {
	tests := []struct {
		in      string
		want    memUse
		wantErr bool
	}{
		{"55d0-7ffe ---p 00000000 00:00 0 [rollup]\nRss:  9784 kB\nPss:  2358 kB\nPss_Anon: 1000 kB\n", memUse{pss: 2358, rss: 9784}, false},
		{"Rss: 10 kB\n", memUse{rss: 10}, true},
		{"Rss: x kB\nPss: 1 kB\n", memUse{}, true},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "rollup")
		if err := os.WriteFile(p, []byte(tt.in), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseRollup(f)
		f.Close()
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("parseRollup(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestFindInode(t *testing.T) {
	table := `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000   998        0 1111 1 0 100 0 0 10 0
   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000   998        0 2222 1 0 20 4 30 10 -1
   2: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 3333 1 0 20 4 30 10 -1
`
	tests := []struct {
		port int
		want string
		ok   bool
	}{
		{0xD431, "2222", true},
		{0x1F90, "3333", true},
		{1234, "", false},
	}
	for _, tt := range tests {
		got, ok := findInode(table, tt.port)
		if got != tt.want || ok != tt.ok {
			t.Errorf("findInode(%d) = %q, %v; want %q, %v", tt.port, got, ok, tt.want, tt.ok)
		}
	}
}
