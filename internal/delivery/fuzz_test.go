package delivery

import (
	"errors"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/store"
)

// FuzzParseRecipient: the address parser never panics, fails only with
// the package's sentinels, and whatever it accepts is a user name the
// store and auth accept and a folder that is a canonical store name.
func FuzzParseRecipient(f *testing.F) {
	for _, s := range []string{
		"bob", "<bob@example.com>", "Bob+Lists/Go@Example.COM", `"bob smith"@x`, `"a\"b"@x`,
		"@r1,@r2:bob@x", "bob@[10.0.0.1]", "+", "../x", "a/b", "a\x00b", "", "<>", "jürgen+été",
		"bob+a.b.c", "bob+a//b", `b\`, "anyone", strings.Repeat("a+", 300),
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, addr string, alt bool) {
		o := parseOpts{}
		if alt {
			o = parseOpts{virt: auth.VirtDomainsUserid, keepCase: true, dotSep: true}
		}
		tg, err := parser(o).parse(addr)
		if err != nil {
			if !errors.Is(err, ErrBadAddress) && !errors.Is(err, ErrUnknownUser) {
				t.Fatalf("parse(%q): unexpected error %v", addr, err)
			}
			return
		}
		if err := store.CheckUser(tg.User); err != nil {
			t.Fatalf("parse(%q) = user %q that the store refuses: %v", addr, tg.User, err)
		}
		if err := auth.ValidateUser(tg.User); err != nil {
			t.Fatalf("parse(%q) = user %q that auth refuses: %v", addr, tg.User, err)
		}
		if tg.Folder != "" {
			if c, err := store.CanonicalMailbox(tg.Folder); err != nil || c != tg.Folder {
				t.Fatalf("parse(%q) = folder %q, canonical %q, %v", addr, tg.Folder, c, err)
			}
		}
	})
}

// FuzzNormalizeID: a duplicate-suppression id is "" or one bracketed
// token without white space, and normalizing is idempotent.
func FuzzNormalizeID(f *testing.F) {
	for _, s := range []string{"<a@x>", "a@x", "<>", " <a@\r\n x> (c)", "<<a>>", "x <", ">a<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		id := normalizeID(v)
		if id == "" {
			return
		}
		if len(id) < 3 || id[0] != '<' || id[len(id)-1] != '>' || strings.ContainsAny(id, " \t\r\n") {
			t.Fatalf("normalizeID(%q) = %q", v, id)
		}
		if again := normalizeID(id); again != id {
			t.Fatalf("normalizeID(%q) = %q, again %q", v, id, again)
		}
	})
}
