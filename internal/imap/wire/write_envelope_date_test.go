package wire

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

func TestEnvelopeWithDate(t *testing.T) {
	env := &imap.Envelope{Date: time.Date(1994, 2, 7, 21, 52, 25, 0, time.FixedZone("", -8*3600)), Subject: "=?utf-8?q?Gr=C3=BC=C3=9Fe?="}
	tests := []struct {
		name, date, wantPrefix string
	}{
		{"raw header text", "Mon, 7 Feb 1994 21:52:25 -0800 (PST)", `* 1 FETCH (ENVELOPE ("Mon, 7 Feb 1994 21:52:25 -0800 (PST)" "=?utf-8?q?Gr=C3=BC=C3=9Fe?="`},
		{"fallback to the parsed date", "", `* 1 FETCH (ENVELOPE ("Mon, 07 Feb 1994 21:52:25 -0800" "=?utf-8?q?Gr=C3=BC=C3=9Fe?="`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf)
			f := w.Fetch(1)
			f.EnvelopeWithDate(env, tt.date)
			f.Close()
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(buf.String(), tt.wantPrefix) {
				t.Fatalf("got  %q\nwant %q…", buf.String(), tt.wantPrefix)
			}
		})
	}
}
