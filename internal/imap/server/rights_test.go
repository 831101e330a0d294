package server

import (
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// Rights strings read and shown as Cyrus does with RIGHTS=kxten and its
// default deleteright "c" (RFC 4314 §2.1.1): c and d expand to their
// members only when none is named, and come back in what is shown.
func TestParseRights(t *testing.T) {
	tests := []struct {
		in, shown string
		err       string
	}{
		{"", "", ""},
		{"lrswipkxtean", "lrswipkxtecdan", ""},
		{"lrswipkxtecdan", "lrswipkxtecdan", ""},
		// RFC 4314 §3.3's example ACL, "rwipsldexta", in Cyrus's order.
		{"rwipsldexta", "lrswipxtecda", ""},
		// RFC 4314 §3.1's "+cda": c and d alone stand for k x and t e.
		{"cda", "kxtecda", ""},
		{"c", "kxc", ""},
		{"d", "ted", ""},
		{"lrc", "lrkxc", ""},
		{"lrkc", "lrkc", ""}, // c next to one of its members adds nothing
		{"xc", "xc", ""},
		{"lrsx", "lrsxc", ""},
		{"lrsd", "lrsted", ""},
		{"0123456789", "0123456789", ""},
		{"lrsz", "", "The z right is not supported"},
		{"L", "", "The L right is not supported"},
	}
	for _, tt := range tests {
		r, err := parseRights(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("parseRights(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || r.String() != tt.shown {
			t.Errorf("parseRights(%q) = %q, %v; want %q", tt.in, r, err, tt.shown)
		}
	}
}

// The store form has no c or d, and reading a stored set never fails.
func TestRightsStoreForm(t *testing.T) {
	r, _ := parseRights("lrc")
	if got := string(runesOf(r.letters())); got != "lrkx" {
		t.Errorf("letters = %q", got)
	}
	if got := storedRights(store.OwnerRights); got != allRights&^siteRights {
		t.Errorf("OwnerRights read as %q", got)
	}
	if got := storedRights(imap.RightSet("l?r")); got != rightLookup|rightRead {
		t.Errorf("junk in a stored set: %q", got)
	}
}

// siteRights are the digits 0-9.
const siteRights = allRights &^ (rightSite0 - 1)

func runesOf(set imap.RightSet) []byte {
	b := make([]byte, len(set))
	for i, r := range set {
		b[i] = byte(r)
	}
	return b
}

// Effective rights as Cyrus computes them, including the cases
// observed on Cyrus 3.6 (MYRIGHTS after SETACL -bob lr, after SETACL
// bob la with anyone lr).
func TestACLRights(t *testing.T) {
	acl := func(kv ...string) store.ACL {
		a := store.ACL{}
		for i := 0; i < len(kv); i += 2 {
			a[imap.RightsIdentifier(kv[i])] = imap.RightSet(kv[i+1])
		}
		return a
	}
	tests := []struct {
		name         string
		acl          store.ACL
		user         string
		owner, admin bool
		want         string
	}{
		{"owner", acl("bob", "lrswipkxtecdan"), "bob", true, false, "lrswipkxtecdan"},
		{"stranger", acl("bob", "lrswipkxtecdan"), "alice", false, false, ""},
		{"granted", acl("bob", "lrswipkxtecdan", "alice", "lrs"), "alice", false, false, "lrs"},
		{"anyone", acl("anyone", "lr"), "alice", false, false, "lr"},
		{"union", acl("anyone", "lr", "alice", "w"), "alice", false, false, "lrw"},
		{"negative", acl("anyone", "lrs", "-alice", "s"), "alice", false, false, "lr"},
		{"negative anyone", acl("alice", "lrs", "-anyone", "r"), "alice", false, false, "ls"},
		{"owner keeps implicit", acl("bob", "lrswipkxtecdan", "-bob", "lr"), "bob", true, false, "lswipkxtecdan"},
		{"owner la", acl("bob", "la", "anyone", "lr"), "bob", true, false, "lrkxcan"},
		{"admin", acl("bob", "lrswipkxtecdan"), "admin", false, true, "la"},
		{"admin granted", acl("admin", "x"), "admin", false, true, "lxca"},
		{"anonymous is not everyone", acl("anonymous", "lr"), "alice", false, false, ""},
		{"groups match nobody", acl("group:staff", "lr"), "alice", false, false, ""},
		{"case matters", acl("Alice", "lr"), "alice", false, false, ""},
	}
	for _, tt := range tests {
		if got := aclRights(tt.acl, tt.user, tt.owner, tt.admin).String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// LISTRIGHTS groups as Cyrus 3.6 sends them, and RFC 4314 §3.4's
// example for an identifier without implied rights.
func TestListRights(t *testing.T) {
	tests := []struct {
		owner, inbox     bool
		required, others string
	}{
		{true, true, "lkxcan", "rswipted0123456789"},
		{true, false, "lkxcan", "rswipted0123456789"},
		{false, true, "p", "lrswikxtecdan0123456789"},
		{false, false, "", "lrswipkxtecdan0123456789"},
	}
	for _, tt := range tests {
		req, opt := listRights(tt.owner, tt.inbox)
		if req.String() != tt.required || opt.String() != tt.others {
			t.Errorf("owner %v inbox %v: %q %q", tt.owner, tt.inbox, req, opt)
		}
	}
}

// FuzzRights: any string either fails to parse or shows as a string
// that reads back as the same rights.
func FuzzRights(f *testing.F) {
	for _, s := range []string{"", "lrswipkxtean", "cd", "lrkc", "rwipsldexta", "z", "0123456789a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRights(s)
		if err != nil {
			return
		}
		back, err := parseRights(r.String())
		if err != nil || back != r {
			t.Fatalf("%q → %q → %q, %v", s, r, back, err)
		}
		if storedRights(r.letters()) != r {
			t.Fatalf("%q does not survive the store form", s)
		}
	})
}
