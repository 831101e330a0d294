package mime

import (
	"errors"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
)

const crlf = "\r\n"

// lines joins lines with CRLF and ends with one.
func lines(ls ...string) string { return strings.Join(ls, crlf) + crlf }

// Expected bytes are cut from the testdata files by hand, following RFC
// 9051 §6.4.5.
func TestSectionNested(t *testing.T) {
	raw := load(t, "nested.eml")
	innerHeader := lines(
		"From: Original Sender <orig@example.com>",
		"To: Forwarder <fwd@example.net>",
		"Subject: Meeting notes",
		"Date: Tue, 31 Dec 2024 17:30:00 -0500",
		"Message-ID: <notes.7@example.com>",
		"MIME-Version: 1.0",
		`Content-Type: multipart/alternative; boundary="inner"`,
		"")
	innerText := lines(
		"--inner",
		"Content-Type: text/plain; charset=us-ascii",
		"",
		"Notes: all good.",
		"--inner",
		"Content-Type: text/html; charset=us-ascii",
		"",
		"<p>Notes: all good.</p>",
		"--inner--")
	hdr := imap.PartSpecifierHeader
	tests := []struct {
		name string
		sec  imap.FetchItemBodySection
		want string
	}{
		{"whole message", imap.FetchItemBodySection{}, string(raw)},
		{"HEADER", imap.FetchItemBodySection{Specifier: hdr}, string(raw[:strings.Index(string(raw), "--outer")])},
		{"TEXT", imap.FetchItemBodySection{Specifier: imap.PartSpecifierText},
			string(raw[strings.Index(string(raw), "--outer"):])},
		{"HEADER.FIELDS", imap.FetchItemBodySection{Specifier: hdr, HeaderFields: []string{"subject", "FROM", "X-None"}},
			lines("From: Forwarder <fwd@example.net>", "Subject: Fwd: Meeting notes", "")},
		{"HEADER.FIELDS.NOT", imap.FetchItemBodySection{Specifier: hdr,
			HeaderFieldsNot: []string{"from", "to", "date", "message-id", "mime-version", "content-type"}},
			lines("Subject: Fwd: Meeting notes", "")},
		{"1", imap.FetchItemBodySection{Part: []int{1}}, "See below."},
		{"1.MIME", imap.FetchItemBodySection{Part: []int{1}, Specifier: imap.PartSpecifierMIME},
			lines("Content-Type: text/plain", "")},
		{"2 is the whole encapsulated message", imap.FetchItemBodySection{Part: []int{2}}, innerHeader + innerText},
		{"2.MIME", imap.FetchItemBodySection{Part: []int{2}, Specifier: imap.PartSpecifierMIME},
			lines("Content-Type: message/rfc822", "Content-Disposition: inline", "")},
		{"2.HEADER", imap.FetchItemBodySection{Part: []int{2}, Specifier: hdr}, innerHeader},
		{"2.TEXT", imap.FetchItemBodySection{Part: []int{2}, Specifier: imap.PartSpecifierText}, innerText},
		{"2.HEADER.FIELDS", imap.FetchItemBodySection{Part: []int{2}, Specifier: "HEADER.FIELDS",
			HeaderFields: []string{"Subject"}}, lines("Subject: Meeting notes", "")},
		{"2.1", imap.FetchItemBodySection{Part: []int{2, 1}}, "Notes: all good."},
		{"2.1.MIME", imap.FetchItemBodySection{Part: []int{2, 1}, Specifier: imap.PartSpecifierMIME},
			lines("Content-Type: text/plain; charset=us-ascii", "")},
		{"2.2", imap.FetchItemBodySection{Part: []int{2, 2}}, "<p>Notes: all good.</p>"},
		{"partial", imap.FetchItemBodySection{Part: []int{2, 2},
			Partial: &imap.SectionPartial{Offset: 3, Size: 5}}, "Notes"},
		{"partial past the end", imap.FetchItemBodySection{Part: []int{1},
			Partial: &imap.SectionPartial{Offset: 100, Size: 5}}, ""},
		{"partial running over", imap.FetchItemBodySection{Part: []int{1},
			Partial: &imap.SectionPartial{Offset: 4, Size: 500}}, "below."},
	}
	s := Parse(raw)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Section(raw, &tt.sec)
			if err != nil {
				t.Fatalf("Section: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Section\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSectionSinglePart(t *testing.T) {
	raw := load(t, "plain.eml")
	s := Parse(raw)
	body := "Hi Bob,\r\n\r\nShall we have lunch on Friday?\r\n\r\nAlice\r\n"
	header := string(raw[:len(raw)-len(body)])
	tests := []struct {
		name string
		sec  imap.FetchItemBodySection
		want string
	}{
		// RFC 9051 §6.4.5: a non-multipart message has part 1, its body.
		{"1", imap.FetchItemBodySection{Part: []int{1}}, body},
		{"1.MIME is the message header", imap.FetchItemBodySection{Part: []int{1}, Specifier: imap.PartSpecifierMIME}, header},
		{"TEXT", imap.FetchItemBodySection{Specifier: imap.PartSpecifierText}, body},
		// A folded field comes whole.
		{"folded field", imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Received"}},
			lines("Received: from mail.example.org (mail.example.org [192.0.2.1])",
				"\tby mx.example.com with ESMTPS id 4Q2x; Mon, 7 Feb 1994 21:52:30 -0800", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Section(raw, &tt.sec)
			if err != nil {
				t.Fatalf("Section: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Section\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSectionErrors(t *testing.T) {
	raw := load(t, "nested.eml")
	s := Parse(raw)
	tests := []struct {
		name string
		raw  []byte
		sec  imap.FetchItemBodySection
		want error
	}{
		{"part 0", raw, imap.FetchItemBodySection{Part: []int{0}}, ErrNoSuchPart},
		{"part 3 of 2", raw, imap.FetchItemBodySection{Part: []int{3}}, ErrNoSuchPart},
		{"below a text part", raw, imap.FetchItemBodySection{Part: []int{1, 1}}, ErrNoSuchPart},
		{"HEADER of a text part", raw, imap.FetchItemBodySection{Part: []int{1}, Specifier: imap.PartSpecifierHeader}, ErrNoSuchPart},
		{"2.3", raw, imap.FetchItemBodySection{Part: []int{2, 3}}, ErrNoSuchPart},
		{"MIME without part", raw, imap.FetchItemBodySection{Specifier: imap.PartSpecifierMIME}, ErrBadSection},
		{"unknown specifier", raw, imap.FetchItemBodySection{Specifier: "BOGUS"}, ErrBadSection},
		{"wrong message", raw[:len(raw)-1], imap.FetchItemBodySection{}, ErrSizeMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Section(tt.raw, &tt.sec)
			if !errors.Is(err, tt.want) {
				t.Errorf("Section error = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestSectionPlainPart1Only checks that a text/plain message has no 1.1.
func TestSectionPlainPart1Only(t *testing.T) {
	raw := load(t, "plain.eml")
	for _, part := range [][]int{{1, 1}, {2}} {
		if _, err := Parse(raw).Section(raw, &imap.FetchItemBodySection{Part: part}); !errors.Is(err, ErrNoSuchPart) {
			t.Errorf("part %v: err = %v, want ErrNoSuchPart", part, err)
		}
	}
}

// TestSectionTopLevelMessage: a message whose own type is message/rfc822
// has part 1 (the encapsulated message), 1.HEADER and 1.1.
func TestSectionTopLevelMessage(t *testing.T) {
	raw := []byte("Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nhello\r\n")
	s := Parse(raw)
	tests := []struct {
		sec  imap.FetchItemBodySection
		want string
	}{
		{imap.FetchItemBodySection{Part: []int{1}}, "Subject: inner\r\n\r\nhello\r\n"},
		{imap.FetchItemBodySection{Part: []int{1}, Specifier: imap.PartSpecifierHeader}, "Subject: inner\r\n\r\n"},
		{imap.FetchItemBodySection{Part: []int{1, 1}}, "hello\r\n"},
		{imap.FetchItemBodySection{Part: []int{1, 1}, Specifier: imap.PartSpecifierMIME}, "Subject: inner\r\n\r\n"},
	}
	for _, tt := range tests {
		got, err := s.Section(raw, &tt.sec)
		if err != nil || string(got) != tt.want {
			t.Errorf("Section(%v %s) = %q, %v; want %q", tt.sec.Part, tt.sec.Specifier, got, err, tt.want)
		}
	}
}

func TestApplyPartial(t *testing.T) {
	b := []byte("0123456789")
	tests := []struct {
		p    *imap.SectionPartial
		want string
	}{
		{nil, "0123456789"},
		{&imap.SectionPartial{Offset: 0, Size: 3}, "012"},
		{&imap.SectionPartial{Offset: 8, Size: 3}, "89"},
		{&imap.SectionPartial{Offset: 10, Size: 3}, ""},
		{&imap.SectionPartial{Offset: 2, Size: 0}, ""},
		{&imap.SectionPartial{Offset: -1, Size: 3}, ""},
	}
	for _, tt := range tests {
		if got := string(ApplyPartial(b, tt.p)); got != tt.want {
			t.Errorf("ApplyPartial(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestContentMD5(t *testing.T) {
	s := Parse(load(t, "mixed.eml"))
	if got := s.ContentMD5([]int{2}); got != "Q2hlY2sgSW50ZWdyaXR5IQ==" {
		t.Errorf("ContentMD5(2) = %q", got)
	}
	if got := s.ContentMD5([]int{1}); got != "" {
		t.Errorf("ContentMD5(1) = %q, want empty", got)
	}
	if got := s.ContentMD5([]int{9}); got != "" {
		t.Errorf("ContentMD5(9) = %q, want empty", got)
	}
}
