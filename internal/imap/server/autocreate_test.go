package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/autocreate"
	"github.com/corvusmail/corvus/internal/store"
)

// An account created at first login gets Cyrus's autocreate: INBOX and the
// listed folders subscribed, and the quota, which APPEND then enforces
// (NO [OVERQUOTA], RFC 9208) unless imapd runs with -q.
func TestAutocreateAtLogin(t *testing.T) {
	settings := autocreate.Settings{
		InboxFolders: []string{"Sent", "Drafts"}, SubscribeFolders: []string{"Sent"},
		Quota: &store.QuotaLimits{StorageKB: 1, Messages: store.Unlimited},
	}
	big := strings.Replace(testMsg, "needle", strings.Repeat("x", 2000), 1)
	for _, ignore := range []bool{false, true} {
		e := newEnv(t, func(o *Options) { o.Autocreate, o.IgnoreQuota = settings, ignore })
		c := e.dial()
		c.login("alice")
		l := c.mustOK(`LIST "" "*"`)
		for _, want := range []string{`"/" Sent`, `"/" Drafts`} {
			if !hasLine(l, want) {
				t.Errorf("LIST lacks autocreated %q: %q", want, l)
			}
		}
		if l := c.mustOK(`LSUB "" "*"`); len(l) != 2 || !hasLine(l, " INBOX") || !hasLine(l, " Sent") {
			t.Errorf("LSUB after autocreate: %q", l)
		}
		c.send(fmt.Sprintf("a APPEND INBOX {%d+}\r\n%s", len(big), big))
		_, st := c.until("a")
		switch {
		case !ignore && !strings.HasPrefix(st, "NO [OVERQUOTA]"):
			t.Errorf("APPEND over a 1 KiB quota: %q", st)
		case ignore && !strings.HasPrefix(st, "OK"):
			t.Errorf("APPEND over quota with -q: %q", st)
		}
	}
}
