package imapdconf

import (
	"strings"
	"testing"
)

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		key, want string
	}{
		{"confgdirectory", "configdirectory"},
		{"configdirectroy", "configdirectory"},
		{"alowplaintext", "allowplaintext"},
		{"tls_server_crt", "tls_server_cert"},
		{"server_cert", "tls_server_cert"},
		{"imaps_tls_server_crt", "imaps_tls_server_cert"},
		{"sieve_maxscript", "sieve_maxscripts"}, // Cyrus-only names are suggested too
		{"imapidletimout", "imapidletimeout"},
		{"frobnicate", ""},
		{"zz", ""},
		{"xyz", ""},
	}
	for _, tt := range tests {
		if got := didYouMean(tt.key); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestDidYouMeanInDiagnostic(t *testing.T) {
	_, diags := parseTest(t, "confgdirectory: /x\n")
	checkDiags(t, diags, []wantDiag{wwarn(`unknown option "confgdirectory"; ignored`, 1, 1)})
	if !strings.Contains(diags[0].Detail, `did you mean "configdirectory"?`) {
		t.Errorf("detail = %q", diags[0].Detail)
	}
}
