package delivery

import (
	"context"
	"testing"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

func TestMayPost(t *testing.T) {
	tests := []struct {
		name   string
		acl    map[string]string
		poster string
		want   bool
	}{
		{"owner only", map[string]string{"bob": "lrswipkxtecdan"}, "", false},
		{"anyone p", map[string]string{"anyone": "p"}, "", true},
		{"anyone p, named poster", map[string]string{"anyone": "lp"}, "carol", true},
		{"anonymous p", map[string]string{"anonymous": "p"}, "", true},
		{"anonymous p is not carol's", map[string]string{"anonymous": "p"}, "carol", false},
		{"poster p", map[string]string{"carol": "p"}, "carol", true},
		{"other user p", map[string]string{"carol": "p"}, "dave", false},
		{"no poster, user p", map[string]string{"carol": "p"}, "", false},
		{"negative for poster", map[string]string{"anyone": "p", "-carol": "p"}, "carol", false},
		{"negative for anyone", map[string]string{"carol": "p", "-anyone": "p"}, "carol", false},
		{"negative without p", map[string]string{"anyone": "p", "-carol": "r"}, "carol", true},
		{"read only", map[string]string{"anyone": "lr"}, "", false},
		{"empty", nil, "", false},
	}
	for _, tc := range tests {
		if got := mayPost(toACL(tc.acl), tc.poster); got != tc.want {
			t.Errorf("%s: mayPost = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestDetailDelivery delivers user+detail against real ACLs.
func TestDetailDelivery(t *testing.T) {
	tests := []struct {
		name    string
		folder  string            // created with acl
		acl     map[string]string // besides bob's own rights
		dotSep  bool
		addr    string
		poster  string
		wantBox string
	}{
		{"anyone may post", "Lists/Go", map[string]string{"anyone": "p"}, false, "bob+Lists/Go", "", "Lists/Go"},
		{"no post right", "Lists/Go", nil, false, "bob+Lists/Go", "", store.Inbox},
		{"poster may post", "Lists/Go", map[string]string{"carol": "p"}, false, "bob+Lists/Go", "carol", "Lists/Go"},
		{"other poster may not", "Lists/Go", map[string]string{"carol": "p"}, false, "bob+Lists/Go", "dave", store.Inbox},
		{"anonymous may post", "Lists/Go", map[string]string{"anonymous": "p"}, false, "bob+Lists/Go", "", "Lists/Go"},
		{"negative right", "Lists/Go", map[string]string{"anyone": "p", "-carol": "p"}, false, "bob+Lists/Go", "carol", store.Inbox},
		{"missing folder", "Lists/Go", map[string]string{"anyone": "p"}, false, "bob+Lists/Rust", "", store.Inbox},
		{"case must match", "Lists/Go", map[string]string{"anyone": "p"}, false, "bob+lists/go", "", store.Inbox},
		{"dot separator", "Lists/Go", map[string]string{"anyone": "p"}, true, "bob+Lists.Go", "", "Lists/Go"},
		{"dot separator, slash detail", "Lists/Go", map[string]string{"anyone": "p"}, true, "bob+Lists/Go", "", store.Inbox},
		{"detail names INBOX", "Lists/Go", nil, false, "bob+inbox", "", store.Inbox},
		{"owner posting", "Lists/Go", nil, false, "bob+Lists/Go", "bob", "Lists/Go"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(o *Options) { o.UnixHierarchySep = !tc.dotSep })
			e.user("bob")
			acl := toACL(tc.acl)
			acl["bob"] = store.OwnerRights
			ctx := context.Background()
			if _, err := e.account("bob").CreateMailbox(ctx, tc.folder, store.CreateOptions{ACL: acl}); err != nil {
				t.Fatal(err)
			}
			m := message(rawMessage("d@x", "detail"))
			m.AuthUser = tc.poster
			res := e.deliver(m, tc.addr)
			mustOK(t, res)
			if res[0].Mailbox != tc.wantBox {
				t.Fatalf("delivered to %q, want %q", res[0].Mailbox, tc.wantBox)
			}
			if n := e.count("bob", tc.wantBox); n != 1 {
				t.Errorf("%s holds %d messages, want 1", tc.wantBox, n)
			}
			ev := e.notes.all()
			if len(ev) != 1 || ev[0].Mailbox != tc.wantBox || ev[0].UID != res[0].UID || ev[0].User != "bob" {
				t.Errorf("notifications = %+v", ev)
			}
		})
	}
}

// TestDetailFolderDeleted: a folder deleted between the ACL check and the
// store call falls back to INBOX instead of failing.
func TestDetailFolderDeleted(t *testing.T) {
	e := newEnv(t, nil)
	e.user("bob")
	ctx := context.Background()
	acl := store.ACL{"bob": store.OwnerRights, "anyone": imap.RightSet("p")}
	if _, err := e.account("bob").CreateMailbox(ctx, "Gone", store.CreateOptions{ACL: acl}); err != nil {
		t.Fatal(err)
	}
	p, err := parseMessage(message(rawMessage("g@x", "gone")))
	if err != nil {
		t.Fatal(err)
	}
	out := []Result{{Target: e.resolve("bob+Gone")[0]}}
	b := e.d.plan(ctx, p, Message{}, out)
	if len(b.rcpts) != 1 || b.rcpts[0].Mailbox != "Gone" {
		t.Fatalf("plan = %+v", b.rcpts)
	}
	if err := e.account("bob").DeleteMailbox(ctx, "Gone"); err != nil {
		t.Fatal(err)
	}
	retry := e.d.deliverBatch(ctx, p, b, out)
	if len(retry.rcpts) != 1 || retry.rcpts[0].Mailbox != "" {
		t.Fatalf("retry = %+v", retry.rcpts)
	}
	e.d.deliverBatch(ctx, p, retry, out)
	if out[0].Err != nil || out[0].Mailbox != store.Inbox || e.count("bob", store.Inbox) != 1 {
		t.Errorf("result %+v, INBOX count %d", out[0], e.count("bob", store.Inbox))
	}
}

// toACL converts a table's ACL.
func toACL(m map[string]string) store.ACL {
	acl := store.ACL{}
	for id, r := range m {
		acl[imap.RightsIdentifier(id)] = imap.RightSet(r)
	}
	return acl
}
