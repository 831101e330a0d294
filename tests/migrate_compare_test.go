package tests

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// boxSnapshot is everything a client sees of one mailbox.
type boxSnapshot struct {
	UIDValidity uint32
	UIDNext     imap.UID
	Messages    []string // "uid flags date size": one line each
	Bodies      map[imap.UID]string
	ACL         string
}

// userSnapshot is a user's mailboxes, subscriptions and quota limit as
// seen over IMAP.
type userSnapshot struct {
	Boxes map[string]*boxSnapshot
	Subs  []string
	Quota string
}

// snapshot reads a user's whole visible state through c.
func snapshot(t *testing.T, c *imapclient.Client) *userSnapshot {
	t.Helper()
	s := &userSnapshot{Boxes: map[string]*boxSnapshot{}}
	ls, err := c.List("", "*", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if strings.HasPrefix(l.Mailbox, "Other Users") || strings.HasPrefix(l.Mailbox, "Shared Folders") {
			continue
		}
		s.Boxes[l.Mailbox] = snapshotBox(t, c, l.Mailbox)
	}
	subs, err := c.List("", "*", &imap.ListOptions{SelectSubscribed: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range subs {
		s.Subs = append(s.Subs, l.Mailbox)
	}
	slices.Sort(s.Subs)
	roots, err := c.GetQuotaRoot("INBOX").Wait()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roots {
		for res, v := range r.Resources {
			s.Quota += fmt.Sprintf("%s limit %d usage %d;", res, v.Limit, v.Usage)
		}
	}
	return s
}

func snapshotBox(t *testing.T, c *imapclient.Client, box string) *boxSnapshot {
	t.Helper()
	sel, err := c.Select(box, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("EXAMINE %s: %v", box, err)
	}
	b := &boxSnapshot{UIDValidity: sel.UIDValidity, UIDNext: sel.UIDNext, Bodies: map[imap.UID]string{}}
	if sel.NumMessages > 0 {
		section := &imap.FetchItemBodySection{Peek: true}
		msgs, err := c.Fetch(imap.UIDSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true,
			InternalDate: true, RFC822Size: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil {
			t.Fatalf("FETCH %s: %v", box, err)
		}
		slices.SortFunc(msgs, func(x, y *imapclient.FetchMessageBuffer) int { return int(x.UID) - int(y.UID) })
		for _, m := range msgs {
			var flags []string
			for _, f := range m.Flags {
				if !strings.EqualFold(string(f), `\Recent`) {
					flags = append(flags, strings.ToLower(string(f)))
				}
			}
			slices.Sort(flags)
			b.Messages = append(b.Messages, fmt.Sprintf("%d %v %s %d", m.UID, flags,
				m.InternalDate.Format(time.RFC3339), m.RFC822Size))
			b.Bodies[m.UID] = string(m.FindBodySection(section))
		}
	}
	acl, err := c.GetACL(box).Wait()
	if err != nil {
		t.Fatalf("GETACL %s: %v", box, err)
	}
	var ids []string
	for id, r := range acl.Rights {
		ids = append(ids, fmt.Sprintf("%s=%s", id, sortedRights(r)))
	}
	slices.Sort(ids)
	b.ACL = strings.Join(ids, " ")
	return b
}

func sortedRights(r imap.RightSet) string {
	b := []byte(string(r))
	slices.Sort(b)
	return string(b)
}

// compareUsers fails the test for every difference a client could see.
func compareUsers(t *testing.T, user string, want, got *userSnapshot) {
	t.Helper()
	for name, w := range want.Boxes {
		g, ok := got.Boxes[name]
		if !ok {
			t.Errorf("%s: mailbox %q missing in Corvus", user, name)
			continue
		}
		if w.UIDValidity != g.UIDValidity || w.UIDNext != g.UIDNext {
			t.Errorf("%s %s: UIDVALIDITY %d UIDNEXT %d in Corvus, %d %d in Cyrus", user, name,
				g.UIDValidity, g.UIDNext, w.UIDValidity, w.UIDNext)
		}
		if !slices.Equal(w.Messages, g.Messages) {
			t.Errorf("%s %s: messages differ\nCyrus:  %q\nCorvus: %q", user, name, w.Messages, g.Messages)
		}
		for uid, body := range w.Bodies {
			if g.Bodies[uid] != body {
				t.Errorf("%s %s UID %d: body differs\nCyrus:  %q\nCorvus: %q", user, name, uid, body, g.Bodies[uid])
			}
		}
		if w.ACL != g.ACL {
			t.Errorf("%s %s: ACL %q in Corvus, %q in Cyrus", user, name, g.ACL, w.ACL)
		}
	}
	for name := range got.Boxes {
		if _, ok := want.Boxes[name]; !ok {
			t.Errorf("%s: mailbox %q in Corvus only", user, name)
		}
	}
	if !slices.Equal(want.Subs, got.Subs) {
		t.Errorf("%s: subscriptions %q in Corvus, %q in Cyrus", user, got.Subs, want.Subs)
	}
	if want.Quota != got.Quota {
		t.Errorf("%s: quota %q in Corvus, %q in Cyrus", user, got.Quota, want.Quota)
	}
}
