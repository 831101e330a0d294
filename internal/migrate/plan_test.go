package migrate

import (
	"fmt"
	"slices"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

func src(uid imap.UID, flags ...imap.Flag) srcMessage {
	return srcMessage{UID: uid, Flags: flags, Size: 100}
}

func tgt(uid imap.UID, flags ...imap.Flag) store.MessageFlags {
	return store.MessageFlags{UID: uid, Flags: flags}
}

func TestMakePlan(t *testing.T) {
	tests := []struct {
		name    string
		src     []srcMessage
		tgt     []store.MessageFlags
		uidNext imap.UID
		copy    []imap.UID
		flags   []imap.UID
		expunge []imap.UID
		skipped []imap.UID
	}{
		{"first copy", []srcMessage{src(1), src(3)}, nil, 1, []imap.UID{1, 3}, nil, nil, nil},
		{"nothing changed", []srcMessage{src(1, imap.FlagSeen, "$A")}, []store.MessageFlags{tgt(1, "$a", imap.FlagSeen)}, 2, nil, nil, nil, nil},
		{"resume", []srcMessage{src(1), src(2), src(5)}, []store.MessageFlags{tgt(1)}, 2, []imap.UID{2, 5}, nil, nil, nil},
		{"flag, expunge, new", []srcMessage{src(1, imap.FlagFlagged), src(4)}, []store.MessageFlags{tgt(1), tgt(2)}, 3,
			[]imap.UID{4}, []imap.UID{1}, []imap.UID{2}, nil},
		{"expunged in Corvus", []srcMessage{src(1), src(2)}, []store.MessageFlags{tgt(2)}, 3, nil, nil, nil, []imap.UID{1}},
		{"source emptied", nil, []store.MessageFlags{tgt(1), tgt(2)}, 3, nil, nil, []imap.UID{1, 2}, nil},
	}
	for _, tt := range tests {
		p := makePlan(tt.src, tt.tgt, tt.uidNext)
		var copied, flagged []imap.UID
		for _, m := range p.copy {
			copied = append(copied, m.UID)
		}
		for _, m := range p.flags {
			flagged = append(flagged, m.UID)
		}
		if !slices.Equal(copied, tt.copy) || !slices.Equal(flagged, tt.flags) ||
			!slices.Equal(p.expunge, tt.expunge) || !slices.Equal(p.skipped, tt.skipped) {
			t.Errorf("%s: copy %v flags %v expunge %v skipped %v; want %v %v %v %v", tt.name,
				copied, flagged, p.expunge, p.skipped, tt.copy, tt.flags, tt.expunge, tt.skipped)
		}
		if p.empty() != (len(tt.copy)+len(tt.flags)+len(tt.expunge) == 0) {
			t.Errorf("%s: empty() = %v", tt.name, p.empty())
		}
	}
}

func TestCleanFlags(t *testing.T) {
	keep, dropped := cleanFlags([]imap.Flag{`\Recent`, `\seen`, "$Junk", `\Bogus`, "bad(kw"})
	if !slices.Equal(keep, []imap.Flag{imap.FlagSeen, "$Junk"}) || !slices.Equal(dropped, []imap.Flag{`\Bogus`, "bad(kw"}) {
		t.Errorf("cleanFlags = %v, %v", keep, dropped)
	}
}

func TestBatches(t *testing.T) {
	var msgs []srcMessage
	for i := range 7 {
		msgs = append(msgs, srcMessage{UID: imap.UID(i + 1), Size: []int64{10, 10, 500, 10, 10, 10, 10}[i]})
	}
	tests := []struct {
		n    int
		size int64
		want string
	}{
		{3, 1000, "[3 3 1]"}, // by count
		{10, 100, "[2 1 4]"}, // the big one alone
		{100, 1 << 20, "[7]"},
		{1, 1, "[1 1 1 1 1 1 1]"},
	}
	for _, tt := range tests {
		var sizes []int
		for _, b := range batches(msgs, tt.n, tt.size) {
			sizes = append(sizes, len(b))
		}
		if got := fmt.Sprint(sizes); got != tt.want {
			t.Errorf("batches(n=%d, size=%d) = %s, want %s", tt.n, tt.size, got, tt.want)
		}
	}
}

func TestACLChanges(t *testing.T) {
	cur := store.ACL{"alice": imap.RightSet("lrswipkxtecdan"), "carol": imap.RightSet("lr")}
	want := store.ACL{"alice": imap.RightSet("lrswipkxtecdan"), "bob": imap.RightSet("lrs")}
	var got string
	for _, c := range aclChanges(cur, want) {
		got += fmt.Sprintf("%s=%s;", c.id, string(c.rights))
	}
	if got != "bob=lrs;carol=;" {
		t.Errorf("aclChanges = %s", got)
	}
}
