package wire

import (
	"reflect"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

func TestParseStore(t *testing.T) {
	tests := []struct {
		name, args string
		want       Store
	}{
		// RFC 3501 §6.4.6 example.
		{"STORE", `2:4 +FLAGS (\Deleted)`, Store{NumSet: imap.SeqSet{{Start: 2, Stop: 4}},
			Flags: imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}}}},
		{"STORE", `1 -flags.silent \seen $Junk`, Store{NumSet: imap.SeqSet{{Start: 1, Stop: 1}},
			Flags: imap.StoreFlags{Op: imap.StoreFlagsDel, Silent: true, Flags: []imap.Flag{imap.FlagSeen, "$Junk"}}}},
		{"STORE", `1 FLAGS ()`, Store{NumSet: imap.SeqSet{{Start: 1, Stop: 1}},
			Flags: imap.StoreFlags{Op: imap.StoreFlagsSet, Flags: []imap.Flag{}}}},
		// RFC 7162 §3.1.3 examples.
		{"STORE", `7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\Deleted)`, Store{
			NumSet: imap.SeqSet{{Start: 5, Stop: 5}, {Start: 7, Stop: 7}, {Start: 9, Stop: 9}}, UnchangedSince: 320162338, HasUnchangedSince: true,
			Flags: imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}}},
		{"UID STORE", `1:* (UNCHANGEDSINCE 0) +FLAGS.SILENT (\Seen)`, Store{
			NumSet: imap.UIDSet{{Start: 1, Stop: 0}}, HasUnchangedSince: true,
			Flags: imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}}},
	}
	for _, tt := range tests {
		got, err := ParseStore(decoderFor(t, tt.name, tt.args))
		if err != nil || !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s %s: %+v, %v", tt.name, tt.args, got, err)
		}
	}
	for _, bad := range []string{"1", "1 FLAGS", "1 +FLAGZ (a)", "1 (FOO 1) FLAGS (a)", "1 FLAGS (a", "1 FLAGS a ", "x FLAGS (a)"} {
		if _, err := ParseStore(decoderFor(t, "STORE", bad)); err == nil {
			t.Errorf("STORE %q accepted", bad)
		}
	}
}

func TestParseSelect(t *testing.T) {
	tests := []struct {
		args     string
		readOnly bool
		want     Select
	}{
		{"INBOX", false, Select{Mailbox: []byte("INBOX")}},
		{"blurdybloop", true, Select{Mailbox: []byte("blurdybloop"), Options: imap.SelectOptions{ReadOnly: true}}},
		// RFC 7162 §3.1.8 and §3.2.5 examples.
		{"INBOX (CONDSTORE)", false, Select{Mailbox: []byte("INBOX"), Options: imap.SelectOptions{CondStore: true}}},
		{"INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))", false, Select{Mailbox: []byte("INBOX"),
			QResync: &QResync{UIDValidity: 67890007, ModSeq: 20050715194045000,
				KnownUIDs: imap.UIDSet{{Start: 41, Stop: 41}, {Start: 43, Stop: 211}, {Start: 214, Stop: 541}}}}},
		{"INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))", false,
			Select{Mailbox: []byte("INBOX"), QResync: &QResync{UIDValidity: 67890007, ModSeq: 90060115194045000,
				KnownUIDs: imap.UIDSet{{Start: 1, Stop: 29997}},
				SeqMatch: &SeqMatch{
					SeqNums: imap.SeqSet{{Start: 5000, Stop: 5000}, {Start: 7500, Stop: 7500}, {Start: 9000, Stop: 9000}, {Start: 9990, Stop: 9999}},
					UIDs: imap.UIDSet{{Start: 15000, Stop: 15000}, {Start: 22500, Stop: 22500}, {Start: 27000, Stop: 27000}, {Start: 29970, Stop: 29970},
						{Start: 29973, Stop: 29973}, {Start: 29976, Stop: 29976}, {Start: 29979, Stop: 29979}, {Start: 29982, Stop: 29982},
						{Start: 29985, Stop: 29985}, {Start: 29988, Stop: 29988}, {Start: 29991, Stop: 29991}, {Start: 29994, Stop: 29994},
						{Start: 29997, Stop: 29997}}}}}},
		{"INBOX (CONDSTORE QRESYNC (1 2 (1 3)))", false, Select{Mailbox: []byte("INBOX"), Options: imap.SelectOptions{CondStore: true},
			QResync: &QResync{UIDValidity: 1, ModSeq: 2, SeqMatch: &SeqMatch{SeqNums: imap.SeqSet{{Start: 1, Stop: 1}}, UIDs: imap.UIDSet{{Start: 3, Stop: 3}}}}}},
	}
	for _, tt := range tests {
		got, err := ParseSelect(decoderFor(t, "SELECT", tt.args), tt.readOnly)
		if err != nil || !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("SELECT %s: %+v, %v", tt.args, got, err)
		}
	}
	for _, bad := range []string{"", "INBOX ()", "INBOX (FOO)", "INBOX (QRESYNC (1))", "INBOX (QRESYNC (0 1))",
		"INBOX (QRESYNC (1 2 1:*))", "INBOX (QRESYNC (1 2 3 ))", "INBOX extra"} {
		if _, err := ParseSelect(decoderFor(t, "SELECT", bad), false); err == nil {
			t.Errorf("SELECT %q accepted", bad)
		}
	}
}

func TestParseList(t *testing.T) {
	bs := func(s ...string) [][]byte {
		var out [][]byte
		for _, x := range s {
			out = append(out, []byte(x))
		}
		return out
	}
	tests := []struct {
		args string
		want List
	}{
		// RFC 3501 §6.3.8 and RFC 5258 §5 examples.
		{`"" ""`, List{Reference: []byte{}, Patterns: bs("")}},
		{`/usr/staff/jones ""`, List{Reference: []byte("/usr/staff/jones"), Patterns: bs("")}},
		{`~/Mail/ %`, List{Reference: []byte("~/Mail/"), Patterns: bs("%")}},
		{`(SUBSCRIBED) "" "*"`, List{Reference: []byte{}, Patterns: bs("*"), Extended: true,
			Options: imap.ListOptions{SelectSubscribed: true}}},
		{`(SUBSCRIBED RECURSIVEMATCH) "" % RETURN (CHILDREN)`, List{Reference: []byte{}, Patterns: bs("%"), Extended: true,
			Options: imap.ListOptions{SelectSubscribed: true, SelectRecursiveMatch: true, ReturnChildren: true}}},
		{`"" ("INBOX" "Drafts" Sent/%)`, List{Reference: []byte{}, Patterns: bs("INBOX", "Drafts", "Sent/%"), Extended: true}},
		{`"" % RETURN ()`, List{Reference: []byte{}, Patterns: bs("%"), Extended: true}},
		{`() "" % RETURN (SUBSCRIBED REMOTE)`, List{}}, // REMOTE is not a return option: error below
		// RFC 5819 and RFC 6154 examples.
		{`"" % RETURN (STATUS (MESSAGES UNSEEN))`, List{Reference: []byte{}, Patterns: bs("%"), Extended: true,
			Options: imap.ListOptions{ReturnStatus: &imap.StatusOptions{NumMessages: true, NumUnseen: true}}}},
		{`(SPECIAL-USE) "" "*" RETURN (SPECIAL-USE STATUS (MAILBOXID SIZE))`, List{Reference: []byte{}, Patterns: bs("*"), Extended: true,
			StatusMailboxID: true, Options: imap.ListOptions{SelectSpecialUse: true, ReturnSpecialUse: true,
				ReturnStatus: &imap.StatusOptions{Size: true}}}},
		{`(REMOTE) "" *`, List{Reference: []byte{}, Patterns: bs("*"), Extended: true, Options: imap.ListOptions{SelectRemote: true}}},
		// RFC 8440 §3 (LIST-MYRIGHTS).
		{`"" "%" RETURN (MYRIGHTS)`, List{Reference: []byte{}, Patterns: bs("%"), Extended: true, MyRights: true}},
	}
	for _, tt := range tests {
		got, err := ParseList(decoderFor(t, "LIST", tt.args))
		if tt.want.Patterns == nil {
			if err == nil {
				t.Errorf("LIST %s accepted", tt.args)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("LIST %s: %+v, %v", tt.args, got, err)
		}
	}
	for _, bad := range []string{`"" `, `(RECURSIVEMATCH) "" %`, `(BOGUS) "" %`, `"" % RETURN (BOGUS)`, `"" % EXTRA`,
		`"" ()`, `"" % RETURN (STATUS ())`} {
		if _, err := ParseList(decoderFor(t, "LIST", bad)); err == nil {
			t.Errorf("LIST %q accepted", bad)
		}
	}
	got, err := ParseLsub(decoderFor(t, "LSUB", `"#news." "comp.mail.*"`))
	if err != nil || string(got.Reference) != "#news." || string(got.Patterns[0]) != "comp.mail.*" {
		t.Errorf("LSUB: %+v %v", got, err)
	}
}

func TestParseStatus(t *testing.T) {
	got, err := ParseStatus(decoderFor(t, "STATUS", "blurdybloop (UIDNEXT MESSAGES)"))
	if err != nil || string(got.Mailbox) != "blurdybloop" || !got.Items.UIDNext || !got.Items.NumMessages || got.Items.NumUnseen {
		t.Errorf("STATUS: %+v %v", got, err)
	}
	got, err = ParseStatus(decoderFor(t, "STATUS", "inbox (messages recent uidnext uidvalidity unseen deleted size highestmodseq appendlimit deleted-storage mailboxid)"))
	want := imap.StatusOptions{NumMessages: true, NumRecent: true, UIDNext: true, UIDValidity: true, NumUnseen: true, NumDeleted: true,
		Size: true, HighestModSeq: true, AppendLimit: true, DeletedStorage: true}
	if err != nil || string(got.Mailbox) != "INBOX" || got.Items != want || !got.MailboxID {
		t.Errorf("STATUS all: %+v %v", got, err)
	}
	for _, bad := range []string{"INBOX", "INBOX ()", "INBOX (FOO)", "INBOX (MESSAGES"} {
		if _, err := ParseStatus(decoderFor(t, "STATUS", bad)); err == nil {
			t.Errorf("STATUS %q accepted", bad)
		}
	}
}

func TestParseAppend(t *testing.T) {
	// RFC 3501 §6.3.11 example.
	msg := "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nSubject: afternoon meeting\r\n\r\nHello Joe\r\n"
	raw := "A003 APPEND saved-messages (\\Seen) {" + itoa(len(msg)) + "}\r\n" + msg + "\r\n"
	a, err := ParseAppend(readOne(t, raw).Decoder())
	if err != nil || string(a.Mailbox) != "saved-messages" || len(a.Messages) != 1 {
		t.Fatalf("APPEND: %+v %v", a, err)
	}
	m := a.Messages[0]
	if string(m.Literal.Data) != msg || !reflect.DeepEqual(m.Options.Flags, []imap.Flag{imap.FlagSeen}) || !m.Options.Time.IsZero() {
		t.Errorf("message: %+v", m)
	}
	// MULTIAPPEND (RFC 3502 §6) with date-time, literal8 and UTF8.
	raw = "A4 APPEND INBOX \" 7-Feb-1994 21:52:25 -0800\" {3+}\r\none () {3+}\r\ntwo ~{3+}\r\nt\x00o UTF8 (~{4+}\r\nf\xc3\xbcr)\r\n"
	a, err = ParseAppend(readOne(t, raw).Decoder())
	if err != nil || len(a.Messages) != 4 {
		t.Fatalf("MULTIAPPEND: %+v %v", a, err)
	}
	wantTime := time.Date(1994, 2, 7, 21, 52, 25, 0, time.FixedZone("", -8*3600))
	if !a.Messages[0].Options.Time.Equal(wantTime) || a.Messages[0].Options.Flags != nil || string(a.Messages[0].Literal.Data) != "one" {
		t.Errorf("msg 0: %+v", a.Messages[0])
	}
	if a.Messages[1].Options.Flags == nil || a.Messages[1].Index != 1 || string(a.Messages[2].Literal.Data) != "t\x00o" || !a.Messages[2].Literal.Binary {
		t.Errorf("msgs 1,2: %+v %+v", a.Messages[1], a.Messages[2])
	}
	if !a.Messages[3].UTF8 || string(a.Messages[3].Literal.Data) != "f\xc3\xbcr" {
		t.Errorf("msg 3: %+v", a.Messages[3])
	}
	for _, bad := range []string{
		"a APPEND INBOX\r\n", "a APPEND INBOX (\\Seen)\r\n", "a APPEND INBOX \"bad date\" {1}\r\nx\r\n",
		"a APPEND INBOX {1}\r\nx extra\r\n", "a APPEND INBOX UTF8 ({1}\r\nx)\r\n", "a APPEND INBOX UTF8 (~{1}\r\nx\r\n",
	} {
		if _, err := ParseAppend(readOne(t, bad).Decoder()); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func itoa(n int) string { return string(appendInt(nil, n)) }

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

func TestParseCreateEnableID(t *testing.T) {
	c, err := ParseCreate(decoderFor(t, "CREATE", `MySpecial (USE (\drafts \Sent \X-Custom))`))
	if err != nil || string(c.Mailbox) != "MySpecial" ||
		!reflect.DeepEqual(c.Options.SpecialUse, []imap.MailboxAttr{imap.MailboxAttrDrafts, imap.MailboxAttrSent, `\X-Custom`}) {
		t.Errorf("CREATE: %+v %v", c, err)
	}
	if c, err := ParseCreate(decoderFor(t, "CREATE", "owatagusiam/")); err != nil || string(c.Mailbox) != "owatagusiam/" {
		t.Errorf("CREATE plain: %+v %v", c, err)
	}
	for _, bad := range []string{"", "x (FOO (\\Sent))", "x (USE (Sent))", "x ()"} {
		if _, err := ParseCreate(decoderFor(t, "CREATE", bad)); err == nil {
			t.Errorf("CREATE %q accepted", bad)
		}
	}

	caps, err := ParseEnable(decoderFor(t, "ENABLE", "CONDSTORE X-GOOD-IDEA"))
	if err != nil || !reflect.DeepEqual(caps, []imap.Cap{"CONDSTORE", "X-GOOD-IDEA"}) {
		t.Errorf("ENABLE: %v %v", caps, err)
	}
	if _, err := ParseEnable(decoderFor(t, "ENABLE", "")); err == nil {
		t.Error("empty ENABLE accepted")
	}

	// RFC 2971 §4 example.
	params, err := ParseID(decoderFor(t, "ID", `("name" "sodr" "version" "19.34" "vendor" "Pink Floyd Music Limited" "x" NIL)`))
	if err != nil || len(params) != 4 || params[3].Value != nil {
		t.Fatalf("ID: %+v %v", params, err)
	}
	if d := IDData(params); d.Name != "sodr" || d.Version != "19.34" || d.Vendor != "Pink Floyd Music Limited" {
		t.Errorf("IDData: %+v", d)
	}
	if params, err := ParseID(decoderFor(t, "ID", "NIL")); err != nil || params != nil {
		t.Errorf("ID NIL: %v %v", params, err)
	}
	for _, bad := range []string{"", "()", `("a")`, `("a" "b"`, `("this-key-is-longer-than-thirty-octets" "b")`} {
		if _, err := ParseID(decoderFor(t, "ID", bad)); err == nil {
			t.Errorf("ID %q accepted", bad)
		}
	}
}
