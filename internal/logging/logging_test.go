package logging

import (
	"log/syslog"
	"testing"
)

func TestFacility(t *testing.T) {
	tests := []struct {
		name    string
		want    syslog.Priority
		wantErr bool
	}{
		{"", syslog.LOG_LOCAL6, false}, // Cyrus's compiled-in default
		{"LOCAL6", syslog.LOG_LOCAL6, false},
		{"mail", syslog.LOG_MAIL, false},
		{"LOG_MAIL", syslog.LOG_MAIL, false},
		{"local0", syslog.LOG_LOCAL0, false},
		{"daemon", syslog.LOG_DAEMON, false},
		{"kitchen", 0, true},
	}
	for _, tt := range tests {
		got, err := Facility(tt.name)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("Facility(%q) = %v, %v; want %v, error %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestStderrWhenAsked(t *testing.T) {
	t.Setenv(EnvDest, "stderr")
	_, closer := New(Options{Ident: "test"})
	// The stderr logger has nothing to close; a syslog one would be a
	// *syslog.Writer.
	if _, isSyslog := closer.(*syslog.Writer); isSyslog {
		t.Fatal("CORVUS_LOG=stderr still logged to syslog")
	}
}
