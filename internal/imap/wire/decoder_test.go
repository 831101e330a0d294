package wire

import (
	"reflect"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

func TestDecoderStrings(t *testing.T) {
	tests := []struct {
		args    string
		astring string
		ok      bool
	}{
		{"fred", "fred", true},
		{"fr]ed", "fr]ed", true},
		{`"fred smith"`, "fred smith", true},
		{`"a\"b\\c"`, `a"b\c`, true},
		{`""`, "", true},
		{"{5}\r\nhe\"lo", "he\"lo", true},
		{"{0}\r\n", "", true},
		{`"Entw` + "\xc3\xbc" + `rfe"`, "Entw\xc3\xbcrfe", true}, // RFC 6855 UTF-8 in quoted
		{`"a\b"`, "", false},
		{`"unterminated`, "", false},
		{"fr(ed", "", false},
		{"{3}\r\na\x00b", "", false}, // NUL only in literal8
		{"~{3}\r\nabc", "", false},   // literal8 not allowed in astring
		{"*", "", false},
		{`"a {1}` + "\r\n\"\r\n", "", false}, // a quoted string cannot swallow a literal
	}
	for _, tt := range tests {
		d := decoderFor(t, "X", tt.args)
		if err := d.SP(); err != nil {
			t.Fatal(err)
		}
		got, err := d.Astring()
		if err == nil {
			err = d.End()
		}
		if (err == nil) != tt.ok || (tt.ok && got != tt.astring) {
			t.Errorf("Astring(%q) = %q, %v; want %q ok=%v", tt.args, got, err, tt.astring, tt.ok)
		}
	}
}

func TestDecoderNString(t *testing.T) {
	d := decoderFor(t, "X", `NIL "nil" nil`)
	for i, want := range []struct {
		s     string
		isNil bool
	}{{"", true}, {"nil", false}, {"", true}} {
		d.SP()
		s, isNil, err := d.NString()
		if err != nil || s != want.s || isNil != want.isNil {
			t.Errorf("%d: %q %v %v", i, s, isNil, err)
		}
	}
}

func TestDecoderNumbers(t *testing.T) {
	tests := []struct {
		args   string
		fn     string
		want   uint64
		wantOK bool
	}{
		{"0", "number", 0, true},
		{"007", "number", 7, true},
		{"4294967295", "number", 4294967295, true},
		{"4294967296", "number", 0, false},
		{"0", "nz", 0, false},
		{"01", "nz", 0, false},
		{"9223372036854775807", "n64", 9223372036854775807, true},
		{"9223372036854775808", "n64", 0, false},
		{"x", "number", 0, false},
	}
	for _, tt := range tests {
		d := decoderFor(t, "X", tt.args)
		d.SP()
		var v uint64
		var err error
		switch tt.fn {
		case "number":
			var n uint32
			n, err = d.Number()
			v = uint64(n)
		case "nz":
			var n uint32
			n, err = d.NzNumber()
			v = uint64(n)
		case "n64":
			v, err = d.Number64()
		}
		if (err == nil) != tt.wantOK || v != tt.want {
			t.Errorf("%s(%q) = %d, %v", tt.fn, tt.args, v, err)
		}
	}
}

func TestDecoderNumSet(t *testing.T) {
	seq := func(r ...imap.SeqRange) imap.SeqSet { return imap.SeqSet(r) }
	tests := []struct {
		args string
		uid  bool
		want imap.NumSet
		ok   bool
	}{
		{"1", false, seq(imap.SeqRange{Start: 1, Stop: 1}), true},
		{"2:4,7", false, seq(imap.SeqRange{Start: 2, Stop: 4}, imap.SeqRange{Start: 7, Stop: 7}), true},
		{"4:2", false, seq(imap.SeqRange{Start: 2, Stop: 4}), true},
		{"1:*", false, seq(imap.SeqRange{Start: 1, Stop: 0}), true},
		{"*:4", false, seq(imap.SeqRange{Start: 4, Stop: 0}), true},
		{"*", false, seq(imap.SeqRange{Start: 0, Stop: 0}), true},
		{"41,43:116", true, imap.UIDSet{{Start: 41, Stop: 41}, {Start: 43, Stop: 116}}, true},
		{"0", false, nil, false},
		{"1,", false, nil, false},
		{"1:", false, nil, false},
		{"1,$", false, nil, false},
	}
	for _, tt := range tests {
		name := "X"
		if tt.uid {
			name = "UID X"
		}
		d := decoderFor(t, name, tt.args)
		d.SP()
		got, err := d.NumSet()
		if err == nil {
			err = d.End()
		}
		if (err == nil) != tt.ok || (tt.ok && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("NumSet(%q) = %#v, %v; want %#v", tt.args, got, err, tt.want)
		}
	}
	d := decoderFor(t, "X", "$")
	d.SP()
	if set, err := d.NumSet(); err != nil || !imap.IsSearchRes(set) {
		t.Errorf("$ = %v, %v; want SearchRes", set, err)
	}
}

func TestDecoderFlags(t *testing.T) {
	d := decoderFor(t, "X", `(\SEEN \answered $Forwarded \Custom Junk)`)
	d.SP()
	got, err := d.FlagList()
	want := []imap.Flag{imap.FlagSeen, imap.FlagAnswered, "$Forwarded", `\Custom`, "Junk"}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("FlagList = %v, %v", got, err)
	}
	d = decoderFor(t, "X", "()")
	d.SP()
	if got, err := d.FlagList(); err != nil || len(got) != 0 || got == nil {
		t.Fatalf("empty FlagList = %#v, %v", got, err)
	}
	for _, bad := range []string{`(\)`, `(\*)`, `(a`, `(a  b)`} {
		d = decoderFor(t, "X", bad)
		d.SP()
		if _, err := d.FlagList(); err == nil {
			t.Errorf("FlagList(%q) accepted", bad)
		}
	}
}

func TestDecoderDates(t *testing.T) {
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		args string
		want time.Time
		ok   bool
	}{
		{"1-Feb-1994", utc(1994, 2, 1), true},
		{"01-feb-1994", utc(1994, 2, 1), true},
		{`"17-Jul-1996"`, utc(1996, 7, 17), true},
		{"31-Feb-1994", time.Time{}, false},
		{"1-Foo-1994", time.Time{}, false},
		{"1-Feb-94", time.Time{}, false},
		{`"1-Feb-1994`, time.Time{}, false},
	} {
		d := decoderFor(t, "X", tt.args)
		d.SP()
		got, err := d.Date()
		if err == nil {
			err = d.End()
		}
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("Date(%q) = %v, %v", tt.args, got, err)
		}
	}
	for _, tt := range []struct {
		args string
		want string
		ok   bool
	}{
		{`"17-Jul-1996 02:44:25 -0700"`, "1996-07-17T02:44:25-07:00", true},
		{`" 7-Jul-1996 02:44:25 +0130"`, "1996-07-07T02:44:25+01:30", true},
		{`"7-Jul-1996 02:44:25 -0700"`, "", false},
		{`"17-Jul-1996 24:00:00 -0700"`, "", false},
		{`"17-Jul-1996 02:44:25"`, "", false},
		{`"17-Jul-1996 02:44:25 0700"`, "", false},
	} {
		d := decoderFor(t, "X", tt.args)
		d.SP()
		got, err := d.DateTime()
		if (err == nil) != tt.ok || (tt.ok && got.Format(time.RFC3339) != tt.want) {
			t.Errorf("DateTime(%q) = %v, %v", tt.args, got, err)
		}
	}
}

func TestDecoderMailbox(t *testing.T) {
	for _, tt := range []struct {
		args, want string
		list       bool
	}{
		{"inbox", "INBOX", false},
		{`"InBoX"`, "INBOX", false},
		{"INBOX.Sent", "INBOX.Sent", false},
		{`"~peter/mail/&U,BTFw-/&ZeVnLIqe-"`, "~peter/mail/&U,BTFw-/&ZeVnLIqe-", false},
		{"%", "%", true},
		{"~smith/Mail/foo*", "~smith/Mail/foo*", true},
		{`"*"`, "*", true},
	} {
		d := decoderFor(t, "X", tt.args)
		d.SP()
		var got []byte
		var err error
		if tt.list {
			got, err = d.ListMailbox()
		} else {
			got, err = d.Mailbox()
		}
		if err != nil || string(got) != tt.want || d.End() != nil {
			t.Errorf("%q: %q, %v", tt.args, got, err)
		}
	}
	d := decoderFor(t, "X", "foo%")
	d.SP()
	if _, err := d.Mailbox(); err == nil && d.End() == nil {
		t.Error("Mailbox accepted a wildcard")
	}
}

func TestSyntaxErrorCarriesTag(t *testing.T) {
	d := decoderFor(t, "FETCH", "x")
	_, err := ParseFetch(d)
	se, ok := err.(*SyntaxError)
	if !ok || se.Tag != "A1" || se.Reason == "" {
		t.Fatalf("err = %#v", err)
	}
}
