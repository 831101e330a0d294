package wire

import (
	"reflect"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestParseFetch(t *testing.T) {
	seq := func(a, b uint32) imap.SeqSet { var s imap.SeqSet; s.AddRange(a, b); return s }
	tests := []struct {
		name, args string
		want       Fetch
	}{
		// RFC 3501 §6.4.5 / RFC 9051 §6.4.5 examples.
		{"FETCH", "2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])", Fetch{NumSet: seq(2, 4), Options: imap.FetchOptions{
			Flags: true, BodySection: []*imap.FetchItemBodySection{{Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"DATE", "FROM"}}}}}},
		{"FETCH", "1 ALL", Fetch{NumSet: seq(1, 1), Options: imap.FetchOptions{Flags: true, InternalDate: true, RFC822Size: true, Envelope: true}}},
		{"FETCH", "1 fast", Fetch{NumSet: seq(1, 1), Options: imap.FetchOptions{Flags: true, InternalDate: true, RFC822Size: true}}},
		{"FETCH", "1 FULL", Fetch{NumSet: seq(1, 1), Body: true, Options: imap.FetchOptions{Flags: true, InternalDate: true, RFC822Size: true,
			Envelope: true, BodyStructure: &imap.FetchItemBodyStructure{}}}},
		{"FETCH", "12 (BODY BODYSTRUCTURE)", Fetch{NumSet: seq(12, 12), Body: true, Options: imap.FetchOptions{
			BodyStructure: &imap.FetchItemBodyStructure{Extended: true}}}},
		{"FETCH", "1 BODY[]", Fetch{NumSet: seq(1, 1), Options: imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{}}}}},
		{"FETCH", "1 (BODY.PEEK[1.2.TEXT]<0.2048> BODY[3.MIME] BODY[4] body.peek[HEADER.FIELDS.NOT (Received)])", Fetch{NumSet: seq(1, 1),
			Options: imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{
				{Peek: true, Part: []int{1, 2}, Specifier: imap.PartSpecifierText, Partial: &imap.SectionPartial{Offset: 0, Size: 2048}},
				{Part: []int{3}, Specifier: imap.PartSpecifierMIME},
				{Part: []int{4}},
				{Peek: true, Specifier: imap.PartSpecifierHeader, HeaderFieldsNot: []string{"Received"}},
			}}}},
		{"FETCH", "1 (RFC822 RFC822.HEADER RFC822.TEXT RFC822.SIZE ENVELOPE INTERNALDATE UID)", Fetch{NumSet: seq(1, 1),
			RFC822: true, RFC822Header: true, RFC822Text: true,
			Options: imap.FetchOptions{RFC822Size: true, Envelope: true, InternalDate: true, UID: true}}},
		// RFC 3516 §4.
		{"FETCH", "1 (BINARY.PEEK[1]<0.100> BINARY[] BINARY.SIZE[2.1])", Fetch{NumSet: seq(1, 1), Options: imap.FetchOptions{
			BinarySection: []*imap.FetchItemBinarySection{
				{Part: []int{1}, Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: 100}}, {}},
			BinarySectionSize: []*imap.FetchItemBinarySectionSize{{Part: []int{2, 1}}}}}},
		// RFC 7162 §3.1.4.2 and §3.2.6 examples.
		{"FETCH", "1:* (FLAGS) (CHANGEDSINCE 12345)", Fetch{NumSet: seq(1, 0), Options: imap.FetchOptions{Flags: true, ChangedSince: 12345}}},
		{"UID FETCH", "300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)", Fetch{NumSet: imap.UIDSet{{Start: 300, Stop: 500}}, Vanished: true,
			Options: imap.FetchOptions{Flags: true, ChangedSince: 12345}}},
		{"FETCH", "1 (MODSEQ SAVEDATE EMAILID THREADID)", Fetch{NumSet: seq(1, 1), SaveDate: true, EmailID: true, ThreadID: true,
			Options: imap.FetchOptions{ModSeq: true}}},
		// RFC 8970.
		{"FETCH", "1 (UID PREVIEW (LAZY))", Fetch{NumSet: seq(1, 1), Preview: true, PreviewLazy: true, Options: imap.FetchOptions{UID: true}}},
		{"FETCH", "1 PREVIEW (CHANGEDSINCE 5)", Fetch{NumSet: seq(1, 1), Preview: true, Options: imap.FetchOptions{ChangedSince: 5}}},
		// RFC 5182: "$".
		{"FETCH", "$ (UID)", Fetch{NumSet: imap.SearchRes(), Options: imap.FetchOptions{UID: true}}},
	}
	for _, tt := range tests {
		got, err := ParseFetch(decoderFor(t, tt.name, tt.args))
		if err != nil {
			t.Errorf("%s %s: %v", tt.name, tt.args, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", tt.name, tt.args, *got, tt.want)
		}
	}
}

func TestParseFetchErrors(t *testing.T) {
	for _, args := range []string{
		"", "1", "1 ()", "1 (ALL)", "1 BOGUS", "1 (FLAGS", "1 BODY[", "1 BODY[MIME]", "1 BODY[0]", "1 BODY[1.]",
		"1 BODY[HEADER.FIELDS ()]", "1 BODY[HEADER.FIELDS (a:b)]", "1 BODY[]<5>", "1 BODY[]<0.0>", "1 BODY.PEEK",
		"1 BINARY[TEXT]", "1 FLAGS (CHANGEDSINCE 0)", "1 FLAGS (VANISHED)", "1 FLAGS (CHANGEDSINCE 5 VANISHED)",
		"1 FLAGS (BOGUS)", "1 PREVIEW (FOO)", "1 FLAGS extra", "0 FLAGS",
	} {
		if _, err := ParseFetch(decoderFor(t, "FETCH", args)); err == nil {
			t.Errorf("FETCH %q accepted", args)
		}
	}
}
