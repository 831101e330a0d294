package wire

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// written runs f on a fresh Writer and returns the flushed bytes.
func written(t *testing.T, utf8 bool, f func(w *Writer)) string {
	t.Helper()
	var out bytes.Buffer
	w := NewWriter(&out)
	w.SetUTF8(utf8)
	f(w)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestWriterStatus(t *testing.T) {
	uid := func(ranges ...imap.UID) imap.UIDSet {
		var s imap.UIDSet
		for i := 0; i+1 < len(ranges); i += 2 {
			s.AddRange(ranges[i], ranges[i+1])
		}
		return s
	}
	tests := []struct {
		f    func(w *Writer)
		want string
	}{
		{func(w *Writer) { w.Status("a1", imap.StatusResponseTypeOK, Code{}, "NOOP completed") }, "a1 OK NOOP completed\r\n"},
		{func(w *Writer) {
			w.Status("", imap.StatusResponseTypeOK, PlainCode(imap.ResponseCodeAlert), "System shutdown in 10 minutes")
		},
			"* OK [ALERT] System shutdown in 10 minutes\r\n"},
		{func(w *Writer) {
			w.Status("A003", imap.StatusResponseTypeOK, AppendUIDCode(38505, imap.UIDSetNum(3955)), "APPEND completed")
		}, "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n"},
		{func(w *Writer) {
			w.Status("A004", imap.StatusResponseTypeOK, CopyUIDCode(38505, uid(304, 304, 319, 320), uid(3956, 3958)), "Done")
		}, "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"},
		{func(w *Writer) {
			w.Status("a", imap.StatusResponseTypeNo, PlainCode(imap.ResponseCodeTooBig), "Message too large")
		},
			"a NO [TOOBIG] Message too large\r\n"},
		{func(w *Writer) {
			w.Status("a", imap.StatusResponseTypeNo, PlainCode(imap.ResponseCodeOverQuota), "Over quota")
		},
			"a NO [OVERQUOTA] Over quota\r\n"},
		{func(w *Writer) {
			w.Status("", imap.StatusResponseTypeOK, PermanentFlagsCode([]imap.Flag{imap.FlagDeleted, imap.FlagSeen, imap.FlagWildcard}), "Limited")
		}, "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"},
		{func(w *Writer) { w.Status("", imap.StatusResponseTypeOK, UIDValidityCode(3857529045), "UIDs valid") },
			"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"},
		{func(w *Writer) { w.Status("", imap.StatusResponseTypeOK, UIDNextCode(4392), "Predicted next UID") },
			"* OK [UIDNEXT 4392] Predicted next UID\r\n"},
		{func(w *Writer) { w.Status("", imap.StatusResponseTypeOK, HighestModSeqCode(715194045007), "Highest") },
			"* OK [HIGHESTMODSEQ 715194045007] Highest\r\n"},
		{func(w *Writer) { w.Status("", imap.StatusResponseTypeOK, UnseenCode(12), "Message 12 is first unseen") },
			"* OK [UNSEEN 12] Message 12 is first unseen\r\n"},
		{func(w *Writer) {
			w.Status("", imap.StatusResponseTypeOK, CapabilityCode([]imap.Cap{imap.CapIMAP4rev1, imap.CapLiteralPlus, "AUTH=PLAIN"}), "ready")
		}, "* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready\r\n"},
		{func(w *Writer) {
			w.Status("d105", imap.StatusResponseTypeOK, ModifiedCode(imap.SeqSetNum(7, 9)), "Conditional STORE failed")
		},
			"d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n"},
		{func(w *Writer) {
			w.Status("a", imap.StatusResponseTypeNo, BadCharsetCode([]string{"UTF-8", "US-ASCII"}), "No")
		},
			"a NO [BADCHARSET (UTF-8 US-ASCII)] No\r\n"},
		{func(w *Writer) {
			w.Status("a", imap.StatusResponseTypeOK, MailboxIDCode("F2212ea87-6097-4256-9d51-71338625"), "Completed")
		},
			"a OK [MAILBOXID (F2212ea87-6097-4256-9d51-71338625)] Completed\r\n"},
		{func(w *Writer) { w.Status("a", imap.StatusResponseTypeBad, Code{}, "evil\r\n* OK injected") },
			"a BAD evil  * OK injected\r\n"},
		{func(w *Writer) {
			w.StatusResponse("", &imap.StatusResponse{Type: imap.StatusResponseTypeBye, Code: imap.ResponseCodeAlert, Text: "Shutting down"})
		}, "* BYE [ALERT] Shutting down\r\n"},
		{func(w *Writer) { w.Continue("Ready for literal data") }, "+ Ready for literal data\r\n"},
		{func(w *Writer) { w.Continue("") }, "+ \r\n"},
	}
	for i, tt := range tests {
		if got := written(t, false, tt.f); got != tt.want {
			t.Errorf("%d: got %q\nwant %q", i, got, tt.want)
		}
	}
}

func TestWriterStrings(t *testing.T) {
	tests := []struct {
		utf8 bool
		f    func(w *Writer)
		want string
	}{
		{false, func(w *Writer) { w.AString("INBOX") }, "INBOX"},
		{false, func(w *Writer) { w.AString("a b") }, `"a b"`},
		{false, func(w *Writer) { w.AString("") }, `""`},
		{false, func(w *Writer) { w.AString("nil") }, `"nil"`},
		{false, func(w *Writer) { w.AString(`a"b\c`) }, `"a\"b\\c"`},
		{false, func(w *Writer) { w.Str("abc") }, `"abc"`},
		{false, func(w *Writer) { w.Str("a\r\nb") }, "{4}\r\na\r\nb"},
		{false, func(w *Writer) { w.Str("Entwürfe") }, "{9}\r\nEntwürfe"},
		{true, func(w *Writer) { w.Str("Entwürfe") }, `"Entwürfe"`},
		{true, func(w *Writer) { w.Str("bad\xffutf8") }, "{8}\r\nbad\xffutf8"},
		{false, func(w *Writer) { w.Str(strings.Repeat("x", maxQuoted+1)) }, "{1025}\r\n" + strings.Repeat("x", maxQuoted+1)},
		{false, func(w *Writer) { w.NStr("") }, "NIL"},
		{false, func(w *Writer) { w.Literal([]byte("a\x00b")) }, "~{3}\r\na\x00b"},
		{false, func(w *Writer) { w.FlagList([]imap.Flag{imap.FlagSeen, "$Junk", "bad flag"}) }, `(\Seen $Junk $Invalid)`},
		{false, func(w *Writer) { w.MailboxName("Entw&APw-rfe") }, "Entw&APw-rfe"},
	}
	for i, tt := range tests {
		if got := written(t, tt.utf8, tt.f); got != tt.want {
			t.Errorf("%d: got %q, want %q", i, got, tt.want)
		}
	}
}

func TestWriterData(t *testing.T) {
	u32 := func(n uint32) *uint32 { return &n }
	i64 := func(n int64) *int64 { return &n }
	tests := []struct {
		f    func(w *Writer)
		want string
	}{
		{func(w *Writer) { w.Capability([]imap.Cap{imap.CapIMAP4rev1, imap.CapIMAP4rev2, imap.CapIdle}) }, "* CAPABILITY IMAP4rev1 IMAP4rev2 IDLE\r\n"},
		{func(w *Writer) { w.FlagsData([]imap.Flag{imap.FlagAnswered, imap.FlagFlagged}) }, "* FLAGS (\\Answered \\Flagged)\r\n"},
		{func(w *Writer) { w.Exists(172); w.Recent(1); w.Expunge(3) }, "* 172 EXISTS\r\n* 1 RECENT\r\n* 3 EXPUNGE\r\n"},
		{func(w *Writer) {
			var s imap.UIDSet
			s.AddNum(41)
			s.AddRange(43, 116)
			w.Vanished(s, true)
		}, "* VANISHED (EARLIER) 41,43:116\r\n"},
		{func(w *Writer) { w.Vanished(imap.UIDSetNum(405), false) }, "* VANISHED 405\r\n"},
		{func(w *Writer) { w.Enabled([]imap.Cap{imap.CapCondStore}) }, "* ENABLED CONDSTORE\r\n"},
		{func(w *Writer) { w.Enabled(nil) }, "* ENABLED\r\n"},
		{func(w *Writer) { w.ID(&imap.IDData{Name: "Cyrus", Version: "3.0", SupportURL: "mailto:x@y"}) },
			"* ID (\"name\" \"Cyrus\" \"version\" \"3.0\" \"support-url\" \"mailto:x@y\")\r\n"},
		{func(w *Writer) { w.ID(nil) }, "* ID NIL\r\n"},
		// RFC 2342 §5 examples.
		{func(w *Writer) {
			w.Namespace(&imap.NamespaceData{Personal: []imap.NamespaceDescriptor{{Prefix: "", Delim: '/'}}})
		}, "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n"},
		{func(w *Writer) {
			w.Namespace(&imap.NamespaceData{
				Personal: []imap.NamespaceDescriptor{{Prefix: "INBOX.", Delim: '.'}},
				Other:    []imap.NamespaceDescriptor{{Prefix: "user.", Delim: '.'}},
				Shared:   []imap.NamespaceDescriptor{{Prefix: "", Delim: '\\'}},
			})
		}, "* NAMESPACE ((\"INBOX.\" \".\")) ((\"user.\" \".\")) ((\"\" \"\\\\\"))\r\n"},
		// RFC 9051 §7.3.1 / RFC 5258 examples.
		{func(w *Writer) {
			w.List(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: '/', Mailbox: "~/Mail/foo"})
		}, "* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n"},
		{func(w *Writer) { w.List(&imap.ListData{Attrs: nil, Delim: 0, Mailbox: ""}) }, "* LIST () NIL \"\"\r\n"},
		{func(w *Writer) {
			w.List(&imap.ListData{Delim: '/', Mailbox: "Foo", ChildInfo: &imap.ListDataChildInfo{Subscribed: true}})
		}, "* LIST () \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"},
		{func(w *Writer) {
			w.List(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrHasNoChildren}, Delim: '.', Mailbox: "New Name", OldName: "Old"})
		}, "* LIST (\\HasNoChildren) \".\" \"New Name\" (\"OLDNAME\" (Old))\r\n"},
		{func(w *Writer) {
			w.List(&imap.ListData{Delim: '/', Mailbox: "INBOX", Status: &imap.StatusData{Mailbox: "INBOX", NumMessages: u32(17), NumUnseen: u32(16)}})
		}, "* LIST () \"/\" INBOX\r\n* STATUS INBOX (MESSAGES 17 UNSEEN 16)\r\n"},
		{func(w *Writer) {
			w.Lsub(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: '.', Mailbox: "#news.comp.mail"})
		},
			"* LSUB (\\Noselect) \".\" #news.comp.mail\r\n"},
		{func(w *Writer) {
			w.StatusData(&imap.StatusData{Mailbox: "blurdybloop", NumMessages: u32(231), UIDNext: 44292}, "")
		}, "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n"},
		{func(w *Writer) {
			w.StatusData(&imap.StatusData{Mailbox: "a b", NumRecent: u32(0), UIDValidity: 7, NumDeleted: u32(1), Size: i64(4096),
				AppendLimit: u32(1000), DeletedStorage: i64(2), HighestModSeq: 9}, "F1")
		}, "* STATUS \"a b\" (RECENT 0 UIDVALIDITY 7 DELETED 1 SIZE 4096 APPENDLIMIT 1000 DELETED-STORAGE 2 HIGHESTMODSEQ 9 MAILBOXID (F1))\r\n"},
		{func(w *Writer) { w.Search([]uint32{2, 84, 882}, 0) }, "* SEARCH 2 84 882\r\n"},
		{func(w *Writer) { w.Search(nil, 0) }, "* SEARCH\r\n"},
		{func(w *Writer) { w.Search([]uint32{2, 5}, 917162500) }, "* SEARCH 2 5 (MODSEQ 917162500)\r\n"},
		// RFC 4731 §3.1 examples.
		{func(w *Writer) {
			w.ESearch("A282", false, imap.SearchOptions{ReturnMin: true, ReturnCount: true}, &imap.SearchData{Min: 2, Count: 3})
		}, "* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n"},
		{func(w *Writer) {
			var all imap.UIDSet
			all.AddNum(4, 5, 10)
			w.ESearch("A283", true, imap.SearchOptions{ReturnAll: true, ReturnMin: true}, &imap.SearchData{All: all, Min: 4})
		}, "* ESEARCH (TAG \"A283\") UID MIN 4 ALL 4:5,10\r\n"},
		{func(w *Writer) {
			w.ESearch("A284", false, imap.SearchOptions{ReturnMin: true, ReturnCount: true, ReturnAll: true}, &imap.SearchData{})
		}, "* ESEARCH (TAG \"A284\") COUNT 0\r\n"},
		{func(w *Writer) {
			w.ESearch("A285", true, imap.SearchOptions{ReturnMin: true, ReturnMax: true}, &imap.SearchData{Min: 7, Max: 3800})
		}, "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800\r\n"},
		{func(w *Writer) {
			w.ESearch("a", false, imap.SearchOptions{ReturnCount: true}, &imap.SearchData{Count: 1, ModSeq: 5})
		}, "* ESEARCH (TAG \"a\") COUNT 1 MODSEQ 5\r\n"},
	}
	for i, tt := range tests {
		if got := written(t, false, tt.f); got != tt.want {
			t.Errorf("%d: got %q\nwant %q", i, got, tt.want)
		}
	}
}

func TestWriterFetch(t *testing.T) {
	// RFC 3501 §7.4.2's example, on one line.
	env := &imap.Envelope{
		Date:      time.Date(1996, 7, 17, 2, 23, 25, 0, time.FixedZone("PDT", -7*3600)),
		Subject:   "IMAP4rev1 WG mtg summary and minutes",
		From:      []imap.Address{{Name: "Terry Gray", Mailbox: "gray", Host: "cac.washington.edu"}},
		Sender:    []imap.Address{{Name: "Terry Gray", Mailbox: "gray", Host: "cac.washington.edu"}},
		ReplyTo:   []imap.Address{{Name: "Terry Gray", Mailbox: "gray", Host: "cac.washington.edu"}},
		To:        []imap.Address{{Mailbox: "imap", Host: "cac.washington.edu"}},
		Cc:        []imap.Address{{Mailbox: "minutes", Host: "CNRI.Reston.VA.US"}, {Name: "John Klensin", Mailbox: "KLENSIN", Host: "MIT.EDU"}},
		MessageID: "B27397-0100000@cac.washington.edu",
	}
	body := &imap.BodyStructureSinglePart{Type: "TEXT", Subtype: "PLAIN", Params: map[string]string{"CHARSET": "US-ASCII"},
		Encoding: "7BIT", Size: 3028, Text: &imap.BodyStructureText{NumLines: 92}}
	got := written(t, false, func(w *Writer) {
		f := w.Fetch(12)
		f.Flags([]imap.Flag{imap.FlagSeen})
		f.InternalDate(time.Date(1996, 7, 17, 2, 44, 25, 0, time.FixedZone("", -7*3600)))
		f.RFC822Size(4286)
		f.Envelope(env)
		f.BodyStructure(body, false)
		f.Close()
	})
	want := `* 12 FETCH (FLAGS (\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700" ` +
		`"IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ` +
		`(("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ((NIL NIL "minutes" "CNRI.Reston.VA.US")` +
		`("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>") ` +
		`BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))` + "\r\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}

	got = written(t, false, func(w *Writer) {
		f := w.Fetch(1)
		f.UID(4827313)
		f.ModSeq(12121231000)
		f.BodySection(&imap.FetchItemBodySection{Peek: true, Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"DATE", "FROM"}}, []byte("Date: x\r\n\r\n"))
		f.BodySection(&imap.FetchItemBodySection{Part: []int{1, 2}, Specifier: imap.PartSpecifierText, Partial: &imap.SectionPartial{Offset: 10, Size: 4}}, []byte("abcd"))
		f.BodySection(&imap.FetchItemBodySection{Part: []int{3}}, nil)
		f.Binary(&imap.FetchItemBinarySection{Part: []int{1}, Partial: &imap.SectionPartial{Offset: 0, Size: 3}}, []byte("a\x00b"))
		f.BinarySize([]int{1}, 3)
		f.RFC822("RFC822.HEADER", []byte("H: v\r\n\r\n"))
		f.SaveDate(time.Time{})
		f.EmailID("M6d99ac3275bb4e")
		f.ThreadID("")
		f.Preview("Hi there", false)
		f.Close()
	})
	want = "* 1 FETCH (UID 4827313 MODSEQ (12121231000) BODY[HEADER.FIELDS (DATE FROM)] {11}\r\nDate: x\r\n\r\n " +
		"BODY[1.2.TEXT]<10> {4}\r\nabcd BODY[3] NIL BINARY[1] ~{3}\r\na\x00b BINARY.SIZE[1] 3 RFC822.HEADER {8}\r\nH: v\r\n\r\n " +
		"SAVEDATE NIL EMAILID (M6d99ac3275bb4e) THREADID NIL PREVIEW \"Hi there\")\r\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestWriterBodyStructure(t *testing.T) {
	// A multipart/mixed with a text part, a message/rfc822 part and
	// extension data, as BODYSTRUCTURE and as BODY.
	inner := &imap.BodyStructureSinglePart{Type: "text", Subtype: "plain", Encoding: "quoted-printable", Size: 10,
		Text: &imap.BodyStructureText{NumLines: 1}}
	bs := &imap.BodyStructureMultiPart{
		Subtype: "mixed",
		Children: []imap.BodyStructure{
			&imap.BodyStructureSinglePart{Type: "text", Subtype: "html", Params: map[string]string{"charset": "utf-8"}, ID: "<id1>",
				Description: "desc", Encoding: "base64", Size: 100, Text: &imap.BodyStructureText{NumLines: 2},
				Extended: &imap.BodyStructureSinglePartExt{Disposition: &imap.BodyStructureDisposition{Value: "inline"},
					Language: []string{"en", "de"}, Location: "http://x/"}},
			&imap.BodyStructureSinglePart{Type: "message", Subtype: "rfc822", Encoding: "7bit", Size: 200,
				MessageRFC822: &imap.BodyStructureMessageRFC822{Envelope: &imap.Envelope{Subject: "fwd"}, BodyStructure: inner, NumLines: 12}},
			&imap.BodyStructureSinglePart{Type: "application", Subtype: "pdf", Encoding: "base64", Size: 300,
				Extended: &imap.BodyStructureSinglePartExt{Disposition: &imap.BodyStructureDisposition{Value: "attachment",
					Params: map[string]string{"filename": "a b.pdf"}}, Language: []string{"fr"}}},
		},
		Extended: &imap.BodyStructureMultiPartExt{Params: map[string]string{"boundary": "xyz"}},
	}
	env := `(NIL "fwd" NIL NIL NIL NIL NIL NIL NIL NIL)`
	wantExt := `BODYSTRUCTURE (("TEXT" "HTML" ("CHARSET" "utf-8") "<id1>" "desc" "BASE64" 100 2 NIL ("INLINE" NIL) ("en" "de") "http://x/")` +
		`("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 200 ` + env + ` ("TEXT" "PLAIN" NIL NIL NIL "QUOTED-PRINTABLE" 10 1 NIL NIL NIL NIL) 12 NIL NIL NIL NIL)` +
		`("APPLICATION" "PDF" NIL NIL NIL "BASE64" 300 NIL ("ATTACHMENT" ("FILENAME" "a b.pdf")) "fr" NIL)` +
		` "MIXED" ("BOUNDARY" "xyz") NIL NIL NIL)`
	wantBasic := `BODY (("TEXT" "HTML" ("CHARSET" "utf-8") "<id1>" "desc" "BASE64" 100 2)` +
		`("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 200 ` + env + ` ("TEXT" "PLAIN" NIL NIL NIL "QUOTED-PRINTABLE" 10 1) 12)` +
		`("APPLICATION" "PDF" NIL NIL NIL "BASE64" 300) "MIXED")`
	for _, tt := range []struct {
		ext  bool
		want string
	}{{true, wantExt}, {false, wantBasic}} {
		got := written(t, false, func(w *Writer) { f := w.Fetch(1); f.BodyStructure(bs, tt.ext); f.Close() })
		if want := "* 1 FETCH (" + tt.want + ")\r\n"; got != want {
			t.Errorf("extended=%v:\n got %q\nwant %q", tt.ext, got, want)
		}
	}
	// A missing structure still gives valid syntax.
	got := written(t, false, func(w *Writer) { f := w.Fetch(1); f.BodyStructure(nil, false); f.Close() })
	if want := "* 1 FETCH (BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0))\r\n"; got != want {
		t.Errorf("nil: %q", got)
	}
}

func TestWriterEnvelopeGroups(t *testing.T) {
	env := &imap.Envelope{
		To:        []imap.Address{{Mailbox: "undisclosed-recipients"}, {}},
		InReplyTo: []string{"a@b", "c@d"},
	}
	got := written(t, false, func(w *Writer) { f := w.Fetch(2); f.Envelope(env); f.Close() })
	want := `* 2 FETCH (ENVELOPE (NIL NIL NIL NIL NIL ((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) NIL NIL "<a@b> <c@d>" NIL))` + "\r\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestWriterFlushObserverAndStreaming(t *testing.T) {
	var out bytes.Buffer
	var chunks []string
	w := NewWriter(&out)
	w.SetObserver(func(p []byte) { chunks = append(chunks, string(p)) })
	w.Exists(1)
	if out.Len() != 0 || w.Buffered() == 0 {
		t.Fatal("wrote before Flush")
	}
	w.Flush()
	f := w.Fetch(1)
	if err := f.BodySectionFrom(&imap.FetchItemBodySection{}, strings.NewReader("hello"), 5); err != nil {
		t.Fatal(err)
	}
	f.Close()
	w.Status("a", imap.StatusResponseTypeOK, Code{}, "done")
	w.Flush()
	want := "* 1 EXISTS\r\n* 1 FETCH (BODY[] {5}\r\nhello)\r\na OK done\r\n"
	if out.String() != want || strings.Join(chunks, "") != want {
		t.Fatalf("out %q chunks %q", out.String(), chunks)
	}
	if len(chunks) != 4 || chunks[0] != "* 1 EXISTS\r\n" || chunks[2] != "hello" {
		t.Fatalf("chunks = %q", chunks)
	}
	// A short reader leaves a sticky error.
	if err := w.LiteralFrom(strings.NewReader("ab"), 5, false); err == nil || w.Err() == nil {
		t.Fatal("short literal source not reported")
	}
	// A write error sticks.
	w = NewWriter(errWriter{})
	w.Exists(1)
	if err := w.Flush(); err == nil || w.Err() == nil {
		t.Fatal("write error not reported")
	}
}

func TestWriterAutoFlush(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	for i := 0; out.Len() == 0 && i < 100000; i++ {
		w.Exists(uint32(i))
	}
	if out.Len() == 0 || out.Len() < autoFlushSize {
		t.Fatalf("no automatic flush past %d octets (%d written)", autoFlushSize, out.Len())
	}
}
