package wire

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// fuzzOptions are small limits so the fuzzer reaches them.
var fuzzOptions = ReaderOptions{MaxLine: 256, MaxLiteral: 64, MaxLiterals: 4, MaxCommand: 400, MaxSkip: 2048}

// parseAny runs the parser that goes with cmd's name, as the engine would.
func parseAny(cmd *Command) error {
	d := cmd.Decoder()
	var err error
	switch cmd.Name {
	case "SEARCH":
		var s *Search
		if s, err = ParseSearch(d); err == nil {
			s.Criteria.IMAP()
		}
	case "FETCH":
		_, err = ParseFetch(d)
	case "STORE":
		_, err = ParseStore(d)
	case "SELECT", "EXAMINE":
		_, err = ParseSelect(d, cmd.Name == "EXAMINE")
	case "LIST":
		_, err = ParseList(d)
	case "LSUB":
		_, err = ParseLsub(d)
	case "STATUS":
		_, err = ParseStatus(d)
	case "APPEND":
		_, err = ParseAppend(d)
	case "CREATE":
		_, err = ParseCreate(d)
	case "ENABLE":
		_, err = ParseEnable(d)
	case "SORT":
		var p *Sort
		if p, err = ParseSort(d); err == nil {
			p.Criteria.IMAP()
		}
	case "SETQUOTA":
		_, err = ParseSetQuota(d)
	case "GETMETADATA":
		_, err = ParseGetMetadata(d)
	case "SETMETADATA":
		_, err = ParseSetMetadata(d)
	case "GETQUOTA", "GETQUOTAROOT":
		_, err = ParseQuotaRoot(d)
	case "ID":
		var p []IDParam
		if p, err = ParseID(d); err == nil {
			IDData(p)
		}
	default:
		if err = d.SP(); err == nil {
			_, err = d.Astring()
		}
	}
	var se *SyntaxError
	if err != nil && !errors.As(err, &se) {
		return err
	}
	return nil
}

var readSeeds = []string{
	"a001 NOOP\r\n",
	"A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n",
	"A1 APPEND INBOX (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {5+}\r\nhello ~{3+}\r\na\x00b UTF8 (~{1+}\r\nx)\r\n",
	"A2 UID FETCH 1:* (FLAGS BODY.PEEK[1.HEADER.FIELDS (A B)]<0.10>) (CHANGEDSINCE 1 VANISHED)\r\n",
	"A3 SEARCH RETURN (MIN SAVE) CHARSET UTF-8 OR (FROM {3}\r\nabc TO x) NOT MODSEQ \"/flags/\\\\seen\" all 5\r\n",
	"A4 STORE 1,2:* (UNCHANGEDSINCE 0) -FLAGS.SILENT (\\Deleted $x)\r\n",
	"A5 SELECT INBOX (CONDSTORE QRESYNC (1 2 3:4 (1 3)))\r\n",
	"A6 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (% \"a*\") RETURN (CHILDREN STATUS (MESSAGES SIZE))\r\n",
	"A7 STATUS {5}\r\nINBOX (MESSAGES UIDNEXT MAILBOXID)\r\n",
	"A8 CREATE x (USE (\\Sent))\r\nA9 ENABLE CONDSTORE\r\nA10 ID (\"name\" NIL)\r\n",
	"A11 X {99999+}\r\nxx\r\nA12 X {100}\r\n\r\n\nA13" + string(bytes.Repeat([]byte("y"), 300)) + "\r\n",
	"A14 LSUB \"\" {2+}\r\n*%\r\n",
	"A15 APPEND x CATENATE (URL {3+}\r\n/a/ TEXT ~{2+}\r\na\x00) {1+}\r\nz CATENATE (URL \"/b/;UID=1\")\r\n",
}

// FuzzReadCommand feeds arbitrary octets to the Reader: it must never
// panic, never keep more than its limits allow, and always make progress.
func FuzzReadCommand(f *testing.F) {
	for _, s := range readSeeds {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, literalPlus bool) {
		opts := fuzzOptions
		opts.LiteralPlus = literalPlus
		conts := 0
		opts.Continue = func() error { conts++; return nil }
		r := NewReader(bytes.NewReader(data), opts)
		for i := 0; i <= len(data); i++ {
			conts = 0
			cmd, err := r.ReadCommand()
			if err != nil {
				var se *SyntaxError
				var le *LiteralError
				switch {
				case errors.As(err, &se):
					continue
				case errors.As(err, &le) && !le.Fatal:
					continue
				case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &le):
					return
				default:
					t.Fatalf("unexpected error %v", err)
				}
			}
			checkLimits(t, cmd, opts, conts)
			if err := parseAny(cmd); err != nil {
				t.Fatalf("parser returned a non-syntax error: %v", err)
			}
		}
		t.Fatalf("more commands than input octets")
	})
}

func checkLimits(t *testing.T, cmd *Command, opts ReaderOptions, conts int) {
	t.Helper()
	if len(cmd.text) > opts.MaxLine {
		t.Fatalf("text of %d octets kept, limit %d", len(cmd.text), opts.MaxLine)
	}
	if len(cmd.lits) > opts.MaxLiterals {
		t.Fatalf("%d literals kept, limit %d", len(cmd.lits), opts.MaxLiterals)
	}
	if cmd.memory() > opts.MaxCommand {
		t.Fatalf("command holds %d octets, limit %d", cmd.memory(), opts.MaxCommand)
	}
	sync := 0
	for _, l := range cmd.lits {
		if int64(cap(l.lit.Data)) > opts.MaxLiteral || int64(len(l.lit.Data)) != l.lit.Size {
			t.Fatalf("literal of %d octets (cap %d), limit %d", len(l.lit.Data), cap(l.lit.Data), opts.MaxLiteral)
		}
		if l.lit.NonSync && !opts.LiteralPlus && l.lit.Size > literalMinusMax {
			t.Fatalf("LITERAL- accepted a %d-octet {n+}", l.lit.Size)
		}
		if !l.lit.NonSync {
			sync++
		}
	}
	if conts != sync {
		t.Fatalf("%d continuations for %d synchronising literals", conts, sync)
	}
}

// fuzzCommand frames "A1 name args" for the parser fuzzers.
func fuzzCommand(name, args string) (*Command, bool) {
	opts := fuzzOptions
	opts.LiteralPlus = true
	cmd, err := NewReader(bytes.NewReader([]byte("A1 "+name+" "+args+"\r\n")), opts).ReadCommand()
	return cmd, err == nil
}

// FuzzSearch fuzzes the SEARCH program parser.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		`FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"`, "CHARSET UTF-8 TEXT {6}\r\nXXXXXX", "RETURN () 1:*,$",
		`OR (UID 1:3 SMALLER 0) NOT (MODSEQ "/flags/x" priv 7 YOUNGER 5)`, "SAVEDON 1-Jan-2020 EMAILID a-b_c",
		"HEADER X y KEYWORD k UNKEYWORD l NEW OLD RECENT SENTON 2-Feb-2000",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, args string, uid bool) {
		name := "SEARCH"
		if uid {
			name = "UID SEARCH"
		}
		cmd, ok := fuzzCommand(name, args)
		if !ok {
			return
		}
		s, err := ParseSearch(cmd.Decoder())
		var se *SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("non-syntax error %v", err)
		}
		if err == nil {
			s.Criteria.IMAP()
		}
	})
}

// FuzzFetchAtts fuzzes the FETCH attribute parser; what parses must
// render back to a response item name without trouble.
func FuzzFetchAtts(f *testing.F) {
	for _, s := range []string{
		"ALL", "FULL", "(FLAGS BODY[HEADER.FIELDS (DATE FROM)])", "BODY.PEEK[1.2.MIME]<0.5>",
		"(BINARY.PEEK[1]<1.2> BINARY.SIZE[] RFC822 PREVIEW (LAZY)) (CHANGEDSINCE 3 VANISHED)",
		"(MODSEQ SAVEDATE EMAILID THREADID BODYSTRUCTURE BODY)",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, args string, uid bool) {
		name := "FETCH 1 "
		if uid {
			name = "UID FETCH 1:* "
		}
		cmd, ok := fuzzCommand(name[:len(name)-1], args)
		if !ok {
			return
		}
		fe, err := ParseFetch(cmd.Decoder())
		var se *SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("non-syntax error %v", err)
		}
		if err != nil {
			return
		}
		var out bytes.Buffer
		w := NewWriter(&out)
		fw := w.Fetch(1)
		for _, sec := range fe.Options.BodySection {
			fw.BodySection(sec, []byte("x"))
		}
		for _, sec := range fe.Options.BinarySection {
			fw.Binary(sec, []byte("x"))
		}
		fw.Close()
		if err := w.Flush(); err != nil || bytes.Count(out.Bytes(), []byte("\r\n")) != 1+len(fe.Options.BodySection)+len(fe.Options.BinarySection) {
			t.Fatalf("response %q", out.Bytes())
		}
	})
}

// FuzzParsers fuzzes the remaining command parsers.
func FuzzParsers(f *testing.F) {
	for i, s := range []string{
		`2:4 +FLAGS (\Deleted)`, "INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))",
		`(SPECIAL-USE) "" "*" RETURN (SPECIAL-USE STATUS (MESSAGES))`, "blurdybloop (UIDNEXT MESSAGES)",
		"saved (\\Seen) {3+}\r\nabc", `MySpecial (USE (\Drafts \Sent))`, "CONDSTORE X-GOOD-IDEA",
		`("name" "sodr" "version" NIL)`, `"#news." "comp.mail.*"`,
		`user/bob (STORAGE 512 MESSAGE 10)`, `"" ()`, `RETURN (MIN) (REVERSE DATE SUBJECT) UTF-8 UNSEEN`,
		`(MAXSIZE 10 DEPTH 1) INBOX (/shared/a /private/b)`, `"" "%" RETURN (METADATA (/shared/comment))`, "INBOX (/private/c {2}\r\nab /shared/d NIL)",
	} {
		f.Add(uint8(i), s)
	}
	names := []string{"STORE", "SELECT", "LIST", "STATUS", "APPEND", "CREATE", "ENABLE", "ID", "LSUB", "EXAMINE",
		"SETQUOTA", "GETQUOTA", "GETQUOTAROOT", "SORT", "GETMETADATA", "SETMETADATA"}
	f.Fuzz(func(t *testing.T, which uint8, args string) {
		cmd, ok := fuzzCommand(names[int(which)%len(names)], args)
		if !ok {
			return
		}
		if err := parseAny(cmd); err != nil {
			t.Fatalf("non-syntax error %v", err)
		}
	})
}
