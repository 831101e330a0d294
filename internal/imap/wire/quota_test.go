package wire

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseSetQuota(t *testing.T) {
	tests := []struct {
		args string
		root string
		res  []QuotaResource
		ok   bool
	}{
		{` "" (STORAGE 512)`, "", []QuotaResource{{Name: "STORAGE", Limit: 512}}, true},
		{` user/bob (storage 100 MESSAGE 10)`, "user/bob", []QuotaResource{{Name: "STORAGE", Limit: 100}, {Name: "MESSAGE", Limit: 10}}, true},
		{` INBOX ()`, "INBOX", nil, true},
		{` INBOX (STORAGE)`, "", nil, false},
		{` INBOX (STORAGE -1)`, "", nil, false},
		{` INBOX (STORAGE 1 storage 2)`, "", nil, false},
		{` INBOX STORAGE 1`, "", nil, false},
		{` INBOX (STORAGE 99999999999999999999)`, "", nil, false},
		{``, "", nil, false},
	}
	for _, tt := range tests {
		d := decoderFor(t, "SETQUOTA", strings.TrimPrefix(tt.args, " "))
		p, err := ParseSetQuota(d)
		if (err == nil) != tt.ok {
			t.Errorf("%q: err %v", tt.args, err)
			continue
		}
		if err != nil {
			continue
		}
		if p.Root != tt.root || len(p.Limits) != len(tt.res) {
			t.Errorf("%q: %+v", tt.args, p)
			continue
		}
		for i := range tt.res {
			if p.Limits[i] != tt.res[i] {
				t.Errorf("%q: resource %d = %+v", tt.args, i, p.Limits[i])
			}
		}
	}
}

func TestWriteQuota(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.QuotaRoot("INBOX", []string{"INBOX"})
	w.Quota("user/bob", []QuotaResource{{"STORAGE", 10, 512}, {"MESSAGE", 3, 100}})
	w.QuotaRoot("Other Folder", nil)
	w.Flush()
	want := "* QUOTAROOT INBOX INBOX\r\n* QUOTA user/bob (STORAGE 10 512 MESSAGE 3 100)\r\n* QUOTAROOT \"Other Folder\"\r\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
