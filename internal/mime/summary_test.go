package mime

import (
	"reflect"
	"testing"
	"time"
)

func TestSummary(t *testing.T) {
	tests := []struct {
		file string
		want Summary
	}{
		{"alternative.eml", Summary{
			Date:           date(2023, time.March, 14, 9, 5, 0, 60),
			Subject:        "Re: [Team] Status für Montag",
			BaseSubject:    "Status für Montag",
			ReplyOrForward: true,
			From:           "Jörg Müller <joerg@example.de>",
			To:             "team@example.com",
			ReplyTo:        "lists@example.de",
			MessageID:      "<20230314.abc@example.de>",
			InReplyTo:      "<orig.1@example.com>",
			References:     []string{"<root.0@example.com>", "<orig.1@example.com>"},
			FromMailbox:    "joerg",
			ToMailbox:      "team",
			FromDisplay:    "Jörg Müller",
			ToDisplay:      "team@example.com", // no display name: addr-spec (RFC 5957)
		}},
		{"group.eml", Summary{
			Date:        date(2006, time.February, 2, 15, 4, 5, -5*60),
			Subject:     "Group test",
			BaseSubject: "Group test",
			From:        "Newsletter <news@example.com>",
			To:          "undisclosed-recipients:;",
			Cc:          "Friends: Ann <ann@example.com>, ben@example.com;, Solo <solo@example.com>",
			Bcc:         "root@" + MissingHost,
			FromMailbox: "news",
			CcMailbox:   "ann", // group markers skipped
			FromDisplay: "Newsletter",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := Parse(load(t, tt.file)).Summary()
			if !sameTime(got.Date, tt.want.Date) {
				t.Errorf("Date = %v, want %v", got.Date, tt.want.Date)
			}
			got.Date, tt.want.Date = time.Time{}, time.Time{}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Summary\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
