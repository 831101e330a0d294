package cyrusconf

import (
	"strings"
	"testing"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		wants []want
	}{
		{"unknown with hint", services("imap cmd=imapd listen=imap prefrok=2"), []want{
			{warnD, "Unknown key", 2, 28, "prefrok is not a SERVICES key; ignored. Did you mean prefork?"}}},
		{"unknown case only", services("imap cmd=imapd listen=imap Prefork=2"), []want{
			{warnD, "Unknown key", 2, 28, "Did you mean prefork?"}}},
		{"unknown without hint", services("imap cmd=imapd listen=imap colour=blue"), []want{
			{warnD, "Unknown key", 2, 28, "ignored."}}},
		{"key of another section", "EVENTS {\ne cmd=x listen=imap\n}\n", []want{
			{warnD, "Unknown key", 2, 9, "not a EVENTS key"}}},
		{"duplicate key first wins", services("imap cmd=imapd listen=imap prefork=1 prefork=x"), []want{
			{warnD, "Duplicate key", 2, 38, "first one is used"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := parse(tt.src)
			checkDiags(t, diags, tt.wants)
			if strings.HasPrefix(tt.src, "SERVICES") && cfg.Service("imap") == nil {
				t.Error("warnings must not drop the entry")
			}
		})
	}
}

// TestDuplicateKeyValue checks that the first occurrence is the one used.
func TestDuplicateKeyValue(t *testing.T) {
	cfg, _ := parse(services("imap cmd=imapd listen=imap prefork=3 prefork=1"))
	if s := cfg.Service("imap"); s == nil || s.Prefork != 3 {
		t.Fatalf("service = %+v, want prefork 3", s)
	}
}
