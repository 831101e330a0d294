package mime

import (
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Sizes and line counts below were counted from the testdata files by hand
// (and with an independent script): a body part ends before the line break
// that precedes the next delimiter (RFC 2046 §5.1.1).
func TestBodyStructure(t *testing.T) {
	usascii := map[string]string{"charset": "us-ascii"}
	noExt := &imap.BodyStructureSinglePartExt{}
	text := func(sub string, params map[string]string, enc string, size uint32, lines int64) *imap.BodyStructureSinglePart {
		return &imap.BodyStructureSinglePart{Type: "text", Subtype: sub, Params: params,
			Encoding: enc, Size: size, Text: &imap.BodyStructureText{NumLines: lines}, Extended: noExt}
	}
	multi := func(sub, boundary string, children ...imap.BodyStructure) *imap.BodyStructureMultiPart {
		return &imap.BodyStructureMultiPart{Subtype: sub, Children: children,
			Extended: &imap.BodyStructureMultiPartExt{Params: map[string]string{"boundary": boundary}}}
	}
	orig := addr("Original Sender", "orig", "example.com")
	tests := []struct {
		file string
		want imap.BodyStructure
	}{
		// Parameter names lower-cased, values as written.
		{"plain.eml", text("plain", map[string]string{"charset": "US-ASCII"}, "7bit", 52, 5)},
		{"alternative.eml", multi("alternative", "==alt==",
			text("plain", map[string]string{"charset": "utf-8"}, "quoted-printable", 88, 2),
			text("html", map[string]string{"charset": "utf-8"}, "7bit", 60, 1))},
		{"mixed.eml", multi("mixed", "----=_Part_0_12345.67890",
			text("plain", usascii, "7bit", 24, 1),
			&imap.BodyStructureSinglePart{Type: "application", Subtype: "pdf",
				Params: map[string]string{"name": "report.pdf"}, ID: "<part2.q1@example.com>",
				Description: "Q1 report", Encoding: "base64", Size: 70,
				Extended: &imap.BodyStructureSinglePartExt{
					Disposition: &imap.BodyStructureDisposition{Value: "attachment",
						Params: map[string]string{"filename": "report.pdf", "size": "38"}},
					Language: []string{"en", "de"},
					Location: "http://example.com/q1.pdf",
				}})},
		{"nested.eml", multi("mixed", "outer",
			// "Content-Type: text/plain" without charset: no default added.
			text("plain", nil, "7bit", 10, 1),
			&imap.BodyStructureSinglePart{Type: "message", Subtype: "rfc822", Encoding: "7bit", Size: 412,
				MessageRFC822: &imap.BodyStructureMessageRFC822{
					Envelope: &imap.Envelope{
						Date:    date(2024, time.December, 31, 17, 30, 0, -5*60),
						Subject: "Meeting notes",
						From:    addrs(orig), Sender: addrs(orig), ReplyTo: addrs(orig),
						To:        addrs(addr("Forwarder", "fwd", "example.net")),
						MessageID: "notes.7@example.com",
					},
					BodyStructure: multi("alternative", "inner",
						text("plain", usascii, "7bit", 16, 1),
						text("html", usascii, "7bit", 23, 1)),
					NumLines: 17,
				},
				Extended: &imap.BodyStructureSinglePartExt{
					Disposition: &imap.BodyStructureDisposition{Value: "inline"}},
			})},
		// No close delimiter: the last part runs to the end.
		{"missing_end_boundary.eml", multi("mixed", "XYZ",
			text("plain", nil, "7bit", 10, 1),
			text("plain", nil, "7bit", 27, 1))},
		// Header ends at the first line that is not a field.
		{"no_separator.eml", text("plain", usascii, "7bit", 80, 2)},
		{"bare_lf.eml", multi("alternative", "lf",
			text("plain", nil, "7bit", 7, 2),
			text("html", nil, "7bit", 10, 1))},
		// RFC 2231: continuations joined, only "*" sections %-decoded.
		{"rfc2231.eml", multi("mixed", "b1",
			&imap.BodyStructureSinglePart{Type: "application", Subtype: "octet-stream",
				Params:   map[string]string{"name": "Grüße und%20Küsse.txt"},
				Encoding: "quoted-printable", Size: 17,
				Extended: &imap.BodyStructureSinglePartExt{
					Disposition: &imap.BodyStructureDisposition{Value: "attachment",
						Params: map[string]string{"filename": "Straße.txt"}}}})},
		// RFC 2046 §5.1.5: digest parts default to message/rfc822.
		{"digest.eml", &imap.BodyStructureMultiPart{Subtype: "digest",
			Extended: &imap.BodyStructureMultiPartExt{Params: map[string]string{"boundary": "d"}},
			Children: []imap.BodyStructure{
				&imap.BodyStructureSinglePart{Type: "message", Subtype: "rfc822", Encoding: "7bit", Size: 42,
					MessageRFC822: &imap.BodyStructureMessageRFC822{
						Envelope: &imap.Envelope{Subject: "first",
							From:    addrs(addr("", "a", "example.com")),
							Sender:  addrs(addr("", "a", "example.com")),
							ReplyTo: addrs(addr("", "a", "example.com"))},
						BodyStructure: text("plain", usascii, "7bit", 3, 1),
						NumLines:      4,
					}, Extended: noExt},
				text("plain", nil, "7bit", 13, 1),
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := Parse(load(t, tt.file)).BodyStructure(true)
			if !bodyStructureEqual(got, tt.want) {
				t.Errorf("BodyStructure(true)\n got %s\nwant %s", dumpBS(got), dumpBS(tt.want))
			}
		})
	}
}

// TestBodyNotExtended checks BODY leaves out extension data.
func TestBodyNotExtended(t *testing.T) {
	var walk func(bs imap.BodyStructure)
	walk = func(bs imap.BodyStructure) {
		switch bs := bs.(type) {
		case *imap.BodyStructureSinglePart:
			if bs.Extended != nil {
				t.Errorf("%s has extension data in BODY", bs.MediaType())
			}
			if bs.MessageRFC822 != nil {
				walk(bs.MessageRFC822.BodyStructure)
			}
		case *imap.BodyStructureMultiPart:
			if bs.Extended != nil {
				t.Errorf("%s has extension data in BODY", bs.MediaType())
			}
			for _, c := range bs.Children {
				walk(c)
			}
		}
	}
	walk(Parse(load(t, "nested.eml")).BodyStructure(false))
	walk(Parse(load(t, "mixed.eml")).BodyStructure(false))
}

func TestBodyStructureEdgeCases(t *testing.T) {
	tests := []struct {
		name, raw string
		want      imap.BodyStructure
	}{
		{"no header at all", "\r\nbody\r\n", &imap.BodyStructureSinglePart{Type: "text", Subtype: "plain",
			Params: map[string]string{"charset": "us-ascii"}, Encoding: "7bit", Size: 6,
			Text: &imap.BodyStructureText{NumLines: 1}}},
		{"invalid content-type defaults", "Content-Type: garbage\r\n\r\nx", &imap.BodyStructureSinglePart{
			Type: "text", Subtype: "plain", Params: map[string]string{"charset": "us-ascii"},
			Encoding: "7bit", Size: 1, Text: &imap.BodyStructureText{NumLines: 1}}},
		{"multipart without boundary is one implicit part",
			"Content-Type: multipart/mixed\r\n\r\nhello\r\n", &imap.BodyStructureMultiPart{Subtype: "mixed",
				Children: []imap.BodyStructure{&imap.BodyStructureSinglePart{Type: "text", Subtype: "plain",
					Params: map[string]string{"charset": "us-ascii"}, Encoding: "7bit", Size: 7,
					Text: &imap.BodyStructureText{NumLines: 1}}}}},
		{"base64 message/rfc822 is opaque",
			"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nRnJvbTogYQ==\r\n",
			&imap.BodyStructureSinglePart{Type: "application", Subtype: "octet-stream",
				Encoding: "base64", Size: 14}},
		{"comments and case", "Content-Type: (c) Text/HTML (x); Charset=\"UTF-8\" (y)\r\n" +
			"Content-Transfer-Encoding: (z) Base64\r\n\r\nPGI+\r\n",
			&imap.BodyStructureSinglePart{Type: "text", Subtype: "html",
				Params: map[string]string{"charset": "UTF-8"}, Encoding: "base64", Size: 6,
				Text: &imap.BodyStructureText{NumLines: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse([]byte(tt.raw)).BodyStructure(false)
			if !bodyStructureEqual(got, tt.want) {
				t.Errorf("got %s\nwant %s", dumpBS(got), dumpBS(tt.want))
			}
		})
	}
}

// TestDepthLimit checks that nesting past MaxDepth becomes an opaque leaf
// instead of recursing without bound.
func TestDepthLimit(t *testing.T) {
	var raw []byte
	for i := 0; i < MaxDepth+20; i++ {
		raw = append(raw, "Content-Type: message/rfc822\r\n\r\n"...)
	}
	raw = append(raw, "Subject: deep\r\n\r\nbody\r\n"...)
	s := Parse(raw)
	depth := 0
	bs := s.BodyStructure(false)
	for {
		sp := bs.(*imap.BodyStructureSinglePart)
		if sp.MessageRFC822 == nil {
			if sp.MediaType() != "application/octet-stream" {
				t.Errorf("innermost part is %s, want application/octet-stream", sp.MediaType())
			}
			break
		}
		depth++
		bs = sp.MessageRFC822.BodyStructure
	}
	if depth != MaxDepth {
		t.Errorf("nesting depth %d, want %d", depth, MaxDepth)
	}
}

// TestPartLimit checks that a multipart with more than MaxParts parts runs
// the excess into the last allowed part.
func TestPartLimit(t *testing.T) {
	raw := []byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n")
	for i := 0; i < MaxParts+50; i++ {
		raw = append(raw, "--b\r\n\r\nx\r\n"...)
	}
	raw = append(raw, "--b--\r\n"...)
	bs := Parse(raw).BodyStructure(false).(*imap.BodyStructureMultiPart)
	if n := len(bs.Children); n != MaxParts-1 {
		t.Errorf("%d parts, want %d (root counts as one)", n, MaxParts-1)
	}
}
