package idle

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// raw builds a datagram by hand, independently of Encode.
func raw(version, typ byte, pid []byte, modseq []byte, user, mbox string) []byte {
	b := []byte("CVID")
	b = append(b, version, typ)
	b = append(b, pid...)
	b = append(b, modseq...)
	b = append(b, byte(len(user)))
	b = append(b, user...)
	b = append(b, byte(len(mbox)))
	return append(b, mbox...)
}

var (
	pid1234 = []byte{0, 0, 0x04, 0xd2}
	zero8   = make([]byte, 8)
	seq42   = []byte{0, 0, 0, 0, 0, 0, 0, 42}
)

func TestEncodeLayout(t *testing.T) {
	// The example of idled(8), byte by byte.
	m := Message{Type: Notify, PID: 1234, User: "alice", MailboxID: "F1a2b", ModSeq: 42}
	got, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want := "43564944" + "01" + "03" + "000004d2" + "000000000000002a" + "05" + hex.EncodeToString([]byte("alice")) + "05" + hex.EncodeToString([]byte("F1a2b"))
	if hex.EncodeToString(got) != want {
		t.Errorf("Encode = %x\nwant      %s", got, want)
	}
}

func TestDecodeValid(t *testing.T) {
	long := strings.Repeat("x", MaxUser)
	longID := strings.Repeat("A", MaxMailboxID)
	tests := []struct {
		name string
		in   []byte
		want Message
	}{
		{"watch", raw(1, 1, pid1234, zero8, "alice", "F00"), Message{Type: Watch, PID: 1234, User: "alice", MailboxID: "F00"}},
		{"unwatch", raw(1, 2, pid1234, zero8, "bob@example.com", "x_-9"), Message{Type: Unwatch, PID: 1234, User: "bob@example.com", MailboxID: "x_-9"}},
		{"notify", raw(1, 3, pid1234, seq42, "alice", "F00"), Message{Type: Notify, PID: 1234, User: "alice", MailboxID: "F00", ModSeq: 42}},
		{"notify modseq unknown", raw(1, 3, pid1234, zero8, "alice", "F00"), Message{Type: Notify, PID: 1234, User: "alice", MailboxID: "F00"}},
		{"wake", raw(1, 4, pid1234, seq42, "alice", "F00"), Message{Type: Wake, PID: 1234, User: "alice", MailboxID: "F00", ModSeq: 42}},
		{"resync", raw(1, 5, pid1234, zero8, "", ""), Message{Type: Resync, PID: 1234}},
		{"utf-8 user", raw(1, 1, pid1234, zero8, "jörg", "F00"), Message{Type: Watch, PID: 1234, User: "jörg", MailboxID: "F00"}},
		{"longest names", raw(1, 3, pid1234, seq42, long, longID), Message{Type: Notify, PID: 1234, User: long, MailboxID: longID, ModSeq: 42}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.want {
				t.Errorf("Decode = %+v, want %+v", got, tt.want)
			}
			enc, err := got.Encode()
			if err != nil || !bytes.Equal(enc, tt.in) {
				t.Errorf("Encode = %x, %v; want %x", enc, err, tt.in)
			}
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	ok := raw(1, 3, pid1234, seq42, "alice", "F00")
	tests := []struct {
		name    string
		in      []byte
		wantErr error
		detail  string
	}{
		{"empty", nil, ErrMalformed, "fewer than"},
		{"header only", ok[:headerSize], ErrMalformed, "fewer than"},
		{"bad magic", append([]byte("CVIX"), ok[4:]...), ErrMalformed, "magic"},
		{"cyrus json", []byte(`{"@type":"notify","mailbox":"user.alice"}`), ErrMalformed, "JSON"},
		{"version 0", raw(0, 3, pid1234, seq42, "alice", "F00"), ErrVersion, "version 0"},
		{"version 2", raw(2, 3, pid1234, seq42, "alice", "F00"), ErrVersion, "version 2"},
		{"type 0", raw(1, 0, pid1234, seq42, "alice", "F00"), ErrMalformed, "unknown type"},
		{"type 7", raw(1, 7, pid1234, seq42, "alice", "F00"), ErrMalformed, "unknown type"},
		{"pid 0", raw(1, 3, []byte{0, 0, 0, 0}, seq42, "alice", "F00"), ErrMalformed, "pid"},
		{"pid negative", raw(1, 3, []byte{0xff, 0xff, 0xff, 0xff}, seq42, "alice", "F00"), ErrMalformed, "pid"},
		{"watch with modseq", raw(1, 1, pid1234, seq42, "alice", "F00"), ErrMalformed, "modseq"},
		{"unwatch with modseq", raw(1, 2, pid1234, seq42, "alice", "F00"), ErrMalformed, "modseq"},
		{"resync with user", raw(1, 5, pid1234, zero8, "alice", ""), ErrMalformed, "resync"},
		{"resync with modseq", raw(1, 5, pid1234, seq42, "", ""), ErrMalformed, "resync"},
		{"empty user", raw(1, 3, pid1234, seq42, "", "F00"), ErrMalformed, "user"},
		{"empty mailbox", raw(1, 3, pid1234, seq42, "alice", ""), ErrMalformed, "mailbox"},
		{"user with NUL", raw(1, 3, pid1234, seq42, "al\x00ce", "F00"), ErrMalformed, "control"},
		{"user with newline", raw(1, 3, pid1234, seq42, "alice\n", "F00"), ErrMalformed, "control"},
		{"user with C1 control", raw(1, 3, pid1234, seq42, "a\u0085", "F00"), ErrMalformed, "control"},
		{"user not utf-8", raw(1, 3, pid1234, seq42, "a\xff", "F00"), ErrMalformed, "UTF-8"},
		{"mailbox with dot", raw(1, 3, pid1234, seq42, "alice", "user.alice"), ErrMalformed, "objectid"},
		{"mailbox with space", raw(1, 3, pid1234, seq42, "alice", "F 0"), ErrMalformed, "objectid"},
		{"user runs past end", ok[:headerSize+3], ErrMalformed, "user runs past"},
		{"mailbox runs past end", ok[:len(ok)-1], ErrMalformed, "mailbox id runs past"},
		{"no mailbox length", ok[:headerSize+1+5], ErrMalformed, "mailbox id runs past"},
		{"trailing byte", append(append([]byte{}, ok...), 0), ErrMalformed, "after the mailbox id"},
		{"too long", make([]byte, MaxSize+1), ErrMalformed, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Decode = %+v, %v; want %v", m, err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("error %q does not mention %q", err, tt.detail)
			}
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		name string
		m    Message
	}{
		{"zero message", Message{}},
		{"no pid", Message{Type: Notify, User: "alice", MailboxID: "F00"}},
		{"user too long", Message{Type: Notify, PID: 1, User: strings.Repeat("u", MaxUser+1), MailboxID: "F00"}},
		{"mailbox too long", Message{Type: Notify, PID: 1, User: "alice", MailboxID: strings.Repeat("F", MaxMailboxID+1)}},
		{"mailbox name not id", Message{Type: Watch, PID: 1, User: "alice", MailboxID: "INBOX/Sent"}},
		{"watch with modseq", Message{Type: Watch, PID: 1, User: "alice", MailboxID: "F00", ModSeq: 1}},
		{"resync with mailbox", Message{Type: Resync, PID: 1, MailboxID: "F00"}},
		{"unknown type", Message{Type: 9, PID: 1, User: "alice", MailboxID: "F00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if b, err := tt.m.Encode(); !errors.Is(err, ErrMalformed) {
				t.Errorf("Encode = %x, %v; want ErrMalformed", b, err)
			}
		})
	}
}

func TestTypeString(t *testing.T) {
	tests := map[Type]string{Watch: "watch", Unwatch: "unwatch", Notify: "notify", Wake: "wake", Resync: "resync", 0: "type(0)", 200: "type(200)"}
	for typ, want := range tests {
		if got := typ.String(); got != want {
			t.Errorf("Type(%d).String() = %q, want %q", uint8(typ), got, want)
		}
	}
}

func TestSizes(t *testing.T) {
	if MinSize != 20 || MaxSize != 530 {
		t.Errorf("MinSize %d, MaxSize %d; idled(8) documents 20 and 530", MinSize, MaxSize)
	}
}
