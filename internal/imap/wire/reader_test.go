package wire

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

func TestReadCommandFraming(t *testing.T) {
	tests := []struct {
		raw       string
		tag, name string
		uid       bool
		text      string
		lits      []string
		conts     int
	}{
		{raw: "a001 NOOP\r\n", tag: "a001", name: "NOOP", text: "a001 NOOP"},
		{raw: "a001 noop\n", tag: "a001", name: "NOOP", text: "a001 noop"},
		{raw: "A999 UID fetch 4827313:4828442 FLAGS\r\n", tag: "A999", name: "FETCH", uid: true,
			text: "A999 UID fetch 4827313:4828442 FLAGS"},
		// RFC 3501 §7.5 example of a synchronising literal.
		{raw: "A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n", tag: "A001", name: "LOGIN",
			text: "A001 LOGIN {11} {7}", lits: []string{"FRED FOOBAR", "fat man"}, conts: 2},
		// RFC 7888 non-synchronising literal: no continuation.
		{raw: "A002 LOGIN {3+}\r\nbob {4+}\r\npass\r\n", tag: "A002", name: "LOGIN",
			text: "A002 LOGIN {3+} {4+}", lits: []string{"bob", "pass"}},
		// RFC 3516 literal8.
		{raw: "A003 APPEND x ~{3}\r\na\x00b\r\n", tag: "A003", name: "APPEND",
			text: "A003 APPEND x ~{3}", lits: []string{"a\x00b"}, conts: 1},
		// A literal split between reads and a zero-length literal.
		{raw: "A004 LOGIN {0}\r\n {1}\r\nx\r\n", tag: "A004", name: "LOGIN",
			text: "A004 LOGIN {0} {1}", lits: []string{"", "x"}, conts: 2},
	}
	for _, tt := range tests {
		conts := 0
		r := NewReader(strings.NewReader(tt.raw), ReaderOptions{
			LiteralPlus: true,
			Continue:    func() error { conts++; return nil },
		})
		cmd, err := r.ReadCommand()
		if err != nil {
			t.Errorf("%q: %v", tt.raw, err)
			continue
		}
		if cmd.Tag != tt.tag || cmd.Name != tt.name || cmd.UID != tt.uid || string(cmd.Text()) != tt.text {
			t.Errorf("%q: got tag %q name %q uid %v text %q", tt.raw, cmd.Tag, cmd.Name, cmd.UID, cmd.Text())
		}
		lits := cmd.Literals()
		if len(lits) != len(tt.lits) {
			t.Errorf("%q: %d literals, want %d", tt.raw, len(lits), len(tt.lits))
		}
		for i := range min(len(lits), len(tt.lits)) {
			if string(lits[i].Data) != tt.lits[i] {
				t.Errorf("%q: literal %d = %q, want %q", tt.raw, i, lits[i].Data, tt.lits[i])
			}
		}
		if conts != tt.conts {
			t.Errorf("%q: %d continuations, want %d", tt.raw, conts, tt.conts)
		}
		if _, err := r.ReadCommand(); err != io.EOF {
			t.Errorf("%q: after the command: %v, want EOF", tt.raw, err)
		}
	}
}

func TestPipeliningAndBuffered(t *testing.T) {
	raw := "a1 NOOP\r\na2 LOGIN {3+}\r\nbob x\r\na3 CAPA"
	r := NewReader(strings.NewReader(raw), ReaderOptions{LiteralPlus: true})
	cmd, err := r.ReadCommand()
	if err != nil || cmd.Tag != "a1" {
		t.Fatalf("first: %v %v", cmd, err)
	}
	if got, want := string(r.Buffered()), "a2 LOGIN {3+}\r\nbob x\r\na3 CAPA"; got != want {
		t.Fatalf("Buffered = %q, want %q", got, want)
	}
	// A session moved elsewhere resumes from the saved bytes.
	r2 := NewReader(io.MultiReader(bytes.NewReader(r.Buffered()), strings.NewReader("BILITY\r\n")), ReaderOptions{LiteralPlus: true})
	for _, want := range []string{"a2", "a3"} {
		cmd, err := r2.ReadCommand()
		if err != nil || cmd.Tag != want {
			t.Fatalf("resumed: %v %v, want %s", cmd, err, want)
		}
	}
}

func TestReadCommandSyntaxErrors(t *testing.T) {
	tests := []struct {
		raw    string
		tag    string
		target error
	}{
		{"\r\n", "", ErrEmptyCommand},
		{"+tag NOOP\r\n", "", nil},
		{"a(b NOOP\r\n", "", nil},
		{"tag\r\n", "tag", nil},
		{"tag \r\n", "tag", nil},
		{"tag UID\r\n", "tag", nil},
		{"tag NO(OP\r\n", "tag", nil},
		// A bad first line ending in a sync literal: no continuation, and
		// the client will not send the octets.
		{"{5}\r\n", "", nil},
	}
	for _, tt := range tests {
		conts := 0
		r := NewReader(strings.NewReader(tt.raw+"ok NOOP\r\n"), ReaderOptions{Continue: func() error { conts++; return nil }})
		_, err := r.ReadCommand()
		var se *SyntaxError
		if !errors.As(err, &se) || se.Tag != tt.tag || (tt.target != nil && !errors.Is(err, tt.target)) {
			t.Errorf("%q: err %v, want syntax error with tag %q", tt.raw, err, tt.tag)
		}
		if conts != 0 {
			t.Errorf("%q: continuation sent for a bad command", tt.raw)
		}
		if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "ok" {
			t.Errorf("%q: next command: %v %v", tt.raw, cmd, err)
		}
	}
}

func TestLineTooLongResyncs(t *testing.T) {
	long := "a1 SEARCH TEXT " + strings.Repeat("x", 200) + " {5+}\r\nhello more\r\n"
	r := NewReader(strings.NewReader(long+"a2 NOOP\r\n"), ReaderOptions{MaxLine: 100, LiteralPlus: true})
	_, err := r.ReadCommand()
	var se *SyntaxError
	if !errors.As(err, &se) || !errors.Is(err, ErrLineTooLong) || se.Tag != "a1" {
		t.Fatalf("err = %v, want ErrLineTooLong", err)
	}
	if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "a2" {
		t.Fatalf("next: %v %v", cmd, err)
	}
	// Too long only after a literal: the tag is known.
	r = NewReader(strings.NewReader("a3 X {1}\r\nx "+strings.Repeat("y", 200)+"\r\na4 NOOP\r\n"), ReaderOptions{MaxLine: 100})
	if _, err := r.ReadCommand(); !errors.As(err, &se) || se.Tag != "a3" || !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("err = %v, want ErrLineTooLong for a3", err)
	}
	if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "a4" {
		t.Fatalf("next: %v %v", cmd, err)
	}
}

func TestOversizedLiterals(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		opts   ReaderOptions
		target error
	}{
		{"sync too big: refused without continuation", "a1 APPEND INBOX {100}\r\n",
			ReaderOptions{MaxLiteral: 10}, ErrLiteralTooBig},
		{"non-sync too big: skipped", "a1 APPEND INBOX {12+}\r\nhello world!\r\n",
			ReaderOptions{MaxLiteral: 10, LiteralPlus: true}, ErrLiteralTooBig},
		{"non-sync skipped with the rest of the command", "a1 APPEND INBOX {12+}\r\nhello world! {3+}\r\nabc {2+}\r\nxy\r\n",
			ReaderOptions{MaxLiteral: 10, LiteralPlus: true}, ErrLiteralTooBig},
		{"LITERAL- over 4096", "a1 APPEND INBOX {5000+}\r\n" + strings.Repeat("z", 5000) + "\r\n",
			ReaderOptions{MaxLiteral: 10000}, ErrNonSyncTooBig},
		{"too many literals", "a1 X {1+}\r\na {1+}\r\nb {1+}\r\nc\r\n",
			ReaderOptions{MaxLiterals: 2, LiteralPlus: true}, ErrTooManyLiterals},
		{"command memory", "a1 X {8+}\r\n12345678 {8+}\r\n12345678\r\n",
			ReaderOptions{MaxCommand: 25, LiteralPlus: true}, ErrLiteralTooBig},
		{"sync refused after a non-sync", "a1 X {1+}\r\na {100}\r\n",
			ReaderOptions{MaxLiteral: 10, LiteralPlus: true}, ErrLiteralTooBig},
	}
	for _, tt := range tests {
		conts := 0
		opts := tt.opts
		opts.Continue = func() error { conts++; return nil }
		r := NewReader(strings.NewReader(tt.raw+"a2 NOOP\r\n"), opts)
		_, err := r.ReadCommand()
		var le *LiteralError
		if !errors.As(err, &le) || !errors.Is(err, tt.target) || le.Fatal || le.Tag != "a1" {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.target)
			continue
		}
		if conts != 0 {
			t.Errorf("%s: %d continuations sent for a refused literal", tt.name, conts)
		}
		if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "a2" {
			t.Errorf("%s: next command: %v %v", tt.name, cmd, err)
		}
	}
}

func TestUnskippableLiteralIsFatal(t *testing.T) {
	for _, raw := range []string{
		"a1 APPEND x {999999999+}\r\n",
		"a1 APPEND x {9999999999999999999999+}\r\n",
	} {
		r := NewReader(strings.NewReader(raw), ReaderOptions{LiteralPlus: true, MaxSkip: 1 << 20})
		_, err := r.ReadCommand()
		var le *LiteralError
		if !errors.As(err, &le) || !le.Fatal {
			t.Errorf("%q: err = %v, want fatal literal error", raw, err)
		}
	}
	// A sync literal with an absurd length is refused, not fatal.
	r := NewReader(strings.NewReader("a1 X {9999999999999999999999}\r\na2 NOOP\r\n"), ReaderOptions{})
	_, err := r.ReadCommand()
	var le *LiteralError
	if !errors.As(err, &le) || le.Fatal || !errors.Is(err, ErrBadLiteral) {
		t.Fatalf("err = %v, want ErrBadLiteral", err)
	}
	if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "a2" {
		t.Fatalf("next command: %v %v", cmd, err)
	}
}

func TestLiteralHook(t *testing.T) {
	var sink bytes.Buffer
	var infos []LiteralInfo
	var mbox string
	opts := ReaderOptions{
		MaxLiteral: 8,
		Literal: func(info LiteralInfo) (io.Writer, error) {
			infos = append(infos, info)
			if info.Command.Name == "APPEND" && info.Size > 8 {
				// The engine can look at the command so far.
				d := info.Command.Decoder()
				if err := d.SP(); err != nil {
					return nil, err
				}
				m, err := d.Mailbox()
				mbox = string(m)
				return &sink, err
			}
			return nil, nil
		},
	}
	r := NewReader(strings.NewReader("a1 APPEND {5}\r\nINBOX (\\Seen) {11}\r\nhello world\r\n"), opts)
	cmd, err := r.ReadCommand()
	if err != nil {
		t.Fatal(err)
	}
	if sink.String() != "hello world" || mbox != "INBOX" {
		t.Fatalf("sink %q, mailbox %q", sink.String(), mbox)
	}
	if len(infos) != 2 || infos[0].Index != 0 || infos[1].Index != 1 || infos[1].Size != 11 || infos[1].NonSync {
		t.Fatalf("infos = %+v", infos)
	}
	a, err := ParseAppend(cmd.Decoder())
	if err != nil {
		t.Fatal(err)
	}
	m := a.Messages[0]
	if string(a.Mailbox) != "INBOX" || !m.Literal.Streamed || m.Literal.Data != nil || m.Index != 1 || m.Literal.Size != 11 {
		t.Fatalf("append = %+v, message %+v", a, m.Literal)
	}

	// Refusal by the hook: no continuation, the error is passed on.
	errTooBig := errors.New("over APPENDLIMIT")
	conts := 0
	r = NewReader(strings.NewReader("a2 APPEND INBOX {50}\r\na3 NOOP\r\n"), ReaderOptions{
		Continue: func() error { conts++; return nil },
		Literal:  func(LiteralInfo) (io.Writer, error) { return nil, errTooBig },
	})
	if _, err := r.ReadCommand(); !errors.Is(err, errTooBig) || conts != 0 {
		t.Fatalf("err = %v, conts %d", err, conts)
	}
	if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "a3" {
		t.Fatalf("next: %v %v", cmd, err)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.n += len(p)
	return 0, errors.New("disk full")
}

func TestLiteralSinkFailureResyncs(t *testing.T) {
	fw := &failWriter{}
	r := NewReader(strings.NewReader("a1 APPEND x {10+}\r\n0123456789 {3+}\r\nabc\r\na2 NOOP\r\n"), ReaderOptions{
		LiteralPlus: true,
		Literal:     func(LiteralInfo) (io.Writer, error) { return fw, nil },
	})
	_, err := r.ReadCommand()
	var le *LiteralError
	if !errors.As(err, &le) || le.Fatal || le.Tag != "a1" {
		t.Fatalf("err = %v", err)
	}
	if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "a2" {
		t.Fatalf("next: %v %v", cmd, err)
	}
}

func TestUnexpectedEOF(t *testing.T) {
	for _, raw := range []string{"a1 NOOP", "a1 LOGIN {5}\r\nab", "a1 LOGIN {2}\r\nab"} {
		r := NewReader(strings.NewReader(raw), ReaderOptions{})
		if _, err := r.ReadCommand(); err != io.ErrUnexpectedEOF {
			t.Errorf("%q: err = %v, want ErrUnexpectedEOF", raw, err)
		}
	}
}

func TestContinueErrorStops(t *testing.T) {
	boom := errors.New("connection reset")
	r := NewReader(strings.NewReader("a1 LOGIN {3}\r\n"), ReaderOptions{Continue: func() error { return boom }})
	if _, err := r.ReadCommand(); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

func TestReadLineAndReset(t *testing.T) {
	r := NewReader(strings.NewReader("dGVzdA==\r\nDONE\n"+strings.Repeat("x", 50)+"\r\nleft"), ReaderOptions{MaxLine: 20})
	for _, want := range []string{"dGVzdA==", "DONE"} {
		if got, err := r.ReadLine(); err != nil || string(got) != want {
			t.Fatalf("ReadLine = %q %v, want %q", got, err, want)
		}
	}
	if _, err := r.ReadLine(); !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("long line: %v", err)
	}
	r.Reset(strings.NewReader("b1 NOOP\r\n"))
	if len(r.Buffered()) != 0 {
		t.Fatal("Reset kept buffered octets")
	}
	if cmd, err := r.ReadCommand(); err != nil || cmd.Tag != "b1" {
		t.Fatalf("after Reset: %v %v", cmd, err)
	}
}

func TestAnnouncedSizeAllocatesLittle(t *testing.T) {
	// A client announcing a large (accepted) literal and sending little
	// must not make the reader commit the announced size.
	raw := "a1 X {900000}\r\nhello"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := NewReader(strings.NewReader(raw), ReaderOptions{MaxLiteral: 1 << 20, MaxCommand: 2 << 20})
	_, err := r.ReadCommand()
	runtime.ReadMemStats(&after)
	if err != io.ErrUnexpectedEOF {
		t.Fatalf("err = %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 200<<10 {
		t.Fatalf("allocated %d octets for a literal of which 5 arrived", grew)
	}
}
