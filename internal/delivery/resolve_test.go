package delivery

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/store"
)

func TestResolve(t *testing.T) {
	e := newEnv(t, nil)
	e.user("bob")
	ctx := context.Background()

	got, err := e.d.Resolve(ctx, "<Bob+Lists@example.com>")
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	if got.User != "bob" || got.Folder != "Lists" || got.Autocreate {
		t.Errorf("Resolve = %+v", got)
	}

	_, err = e.d.Resolve(ctx, "nobody@example.com")
	if !errors.Is(err, ErrUnknownUser) || !errors.Is(err, store.ErrNoUser) {
		t.Errorf("unknown user: err = %v, want ErrUnknownUser wrapping store.ErrNoUser", err)
	}

	for _, addr := range []string{"../x", "a/b", "..", "x\x00y"} {
		if _, err := e.d.Resolve(ctx, addr); !errors.Is(err, ErrBadAddress) {
			t.Errorf("Resolve(%q) = %v, want ErrBadAddress", addr, err)
		}
	}
	// Nothing but bob's directory may exist in the partition.
	var dirs []string
	filepath.WalkDir(e.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && filepath.Base(filepath.Dir(p)) == "user" {
			dirs = append(dirs, filepath.Base(p))
		}
		return nil
	})
	if len(dirs) != 1 || dirs[0] != "bob" {
		t.Errorf("user directories after hostile addresses: %q", dirs)
	}
}

// TestDeliverUnknownUser: a user removed between RCPT and DATA fails alone.
func TestDeliverUnknownUser(t *testing.T) {
	e := newEnv(t, nil)
	e.user("alice", "bob")
	targets := e.resolve("alice", "bob")
	if err := e.st.DeleteUser(context.Background(), "bob"); err != nil {
		t.Fatal(err)
	}
	res := e.d.Deliver(context.Background(), message(rawMessage("u1@x", "hi")), targets)
	if res[0].Err != nil || res[0].Mailbox != store.Inbox || res[0].UID == 0 {
		t.Errorf("alice: %+v", res[0])
	}
	if !errors.Is(res[1].Err, ErrUnknownUser) || !errors.Is(res[1].Err, store.ErrNoUser) {
		t.Errorf("bob: err = %v, want ErrUnknownUser", res[1].Err)
	}
	if n := len(e.notes.all()); n != 1 {
		t.Errorf("%d notifications, want 1", n)
	}
}

func TestCheckQuota(t *testing.T) {
	e := newEnv(t, nil)
	e.user("bob")
	ctx := context.Background()
	tg := e.resolve("bob")[0]
	if err := e.account("bob").SetQuota(ctx, store.QuotaLimits{StorageKB: 1, Messages: store.Unlimited}); err != nil {
		t.Fatal(err)
	}
	if err := e.d.CheckQuota(ctx, tg, 4096, false); err != nil {
		t.Errorf("lenient check of an account under quota: %v", err)
	}
	mustOK(t, e.deliver(message(rawMessage("big@x", "big", bigHeader(3000))), "bob"))
	if err := e.d.CheckQuota(ctx, tg, 0, false); !errors.Is(err, ErrOverQuota) {
		t.Errorf("account over quota: err = %v, want ErrOverQuota", err)
	}
	if err := e.d.CheckQuota(ctx, tg, 0, true); err != nil {
		t.Errorf("IGNOREQUOTA: %v", err)
	}
}

func TestOptionsFrom(t *testing.T) {
	src := `configdirectory: /cfg
virtdomains: userid
defaultdomain: example.org
lmtp_downcase_rcpt: no
unixhierarchysep: no
duplicatesuppression: off
lmtp_strict_quota: yes
autocreate_post: yes
autocreate_users: alice bob
autocreate_inbox_folders: Sent | Trash|Lists.Go
autocreate_subscribe_folders: Sent
autocreate_quota: 2048
`
	c, diags := imapdconf.Parse([]byte(src), "imapd.conf", &diagnostics.Sources{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	o := OptionsFrom(c)
	if o.VirtDomains != auth.VirtDomainsUserid || o.DowncaseRcpt || o.UnixHierarchySep ||
		o.DuplicateSuppression || !o.StrictQuota || o.Names == nil {
		t.Errorf("options = %+v", o)
	}
	a := o.Autocreate
	if !a.Post || !slices.Equal(a.Users, []string{"alice", "bob"}) ||
		!slices.Equal(a.InboxFolders, []string{"Sent", "Trash", "Lists.Go"}) ||
		!slices.Equal(a.SubscribeFolders, []string{"Sent"}) ||
		a.Quota == nil || *a.Quota != (store.QuotaLimits{StorageKB: 2048, Messages: store.Unlimited}) {
		t.Errorf("autocreate = %+v (quota %+v)", a, a.Quota)
	}

	d := OptionsFrom(imapdconf.Default())
	if !d.DowncaseRcpt || !d.UnixHierarchySep || !d.DuplicateSuppression || d.StrictQuota ||
		d.Autocreate.Post || !slices.Equal(d.Autocreate.Users, []string{"anyone"}) || d.Autocreate.Quota != nil {
		t.Errorf("defaults = %+v", d)
	}
}
