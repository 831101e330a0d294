package server

import (
	"strings"
	"testing"
)

// expectStatus runs a command and checks the start of its tagged status.
func expectStatus(t *testing.T, c *client, cmd, want string) []string {
	t.Helper()
	lines, st := c.cmd(cmd)
	if !strings.HasPrefix(st, want) {
		t.Errorf("%s: %q (untagged %q), want %q", cmd, st, lines, want)
	}
	return lines
}

// expectLines runs a command that must succeed and checks its untagged
// answer, line for line.
func expectLines(t *testing.T, c *client, cmd string, want ...string) {
	t.Helper()
	lines := c.mustOK(cmd)
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %q\nwant %q", cmd, lines, want)
	}
}

// GETACL, SETACL, DELETEACL, MYRIGHTS and LISTRIGHTS (RFC 4314 §3) on
// one's own mailboxes, answered as Cyrus 3.6 answers them.
func TestACLCommands(t *testing.T) {
	e := newEnv(t, nil)
	bob := e.dial()
	bob.login("bob")
	caps := bob.mustOK("CAPABILITY")[0] + " "
	for _, c := range []string{" ACL ", " RIGHTS=kxten ", " LIST-MYRIGHTS "} {
		if !strings.Contains(caps, c) {
			t.Errorf("CAPABILITY lacks%s: %q", c, caps)
		}
	}
	expectLines(t, bob, "GETACL INBOX", "* ACL INBOX bob lrswipkxtecdan")
	expectLines(t, bob, "MYRIGHTS INBOX", "* MYRIGHTS INBOX lrswipkxtecdan")
	expectLines(t, bob, "LISTRIGHTS INBOX alice", "* LISTRIGHTS INBOX alice p l r s w i k x t e c d a n 0 1 2 3 4 5 6 7 8 9")
	expectLines(t, bob, "LISTRIGHTS INBOX bob", "* LISTRIGHTS INBOX bob lkxcan r s w i p t e d 0 1 2 3 4 5 6 7 8 9")
	bob.mustOK("CREATE Sub2")
	expectLines(t, bob, "LISTRIGHTS Sub2 anyone", `* LISTRIGHTS Sub2 anyone "" l r s w i p k x t e c d a n 0 1 2 3 4 5 6 7 8 9`)

	steps := []struct{ cmd, acl string }{
		{"SETACL Sub2 alice +lrc", "bob lrswipkxtecdan alice lrkxc"},
		{"SETACL Sub2 alice d", "bob lrswipkxtecdan alice ted"},
		{"SETACL Sub2 alice -d", "bob lrswipkxtecdan"},
		{"SETACL Sub2 alice lrsx", "bob lrswipkxtecdan alice lrsxc"},
		{"SETACL Sub2 alice +c", "bob lrswipkxtecdan alice lrskxc"},
		{"SETACL Sub2 -carol r", "bob lrswipkxtecdan alice lrskxc -carol r"},
		{"SETACL Sub2 ANYBODY lr", "bob lrswipkxtecdan alice lrskxc anyone lr -carol r"},
		{"DELETEACL Sub2 -carol", "bob lrswipkxtecdan alice lrskxc anyone lr"},
		{"DELETEACL Sub2 nobody", "bob lrswipkxtecdan alice lrskxc anyone lr"},
		{"SETACL Sub2 bob la", "bob lkxcan alice lrskxc anyone lr"},
		{"SETACL Sub2 bob +rswipte", "bob lrswipkxtecdan alice lrskxc anyone lr"},
	}
	for _, st := range steps {
		bob.mustOK(st.cmd)
		expectLines(t, bob, "GETACL Sub2", "* ACL Sub2 "+st.acl)
	}
	expectStatus(t, bob, "SETACL Sub2 alice lrsz", "BAD The z right is not supported")
	expectStatus(t, bob, `SETACL Sub2 "" lr`, "NO Invalid identifier")
	// As Cyrus: the owner may not take the a right from itself.
	expectStatus(t, bob, "SETACL Sub2 bob lr", "NO [NOPERM] Permission denied")
	expectStatus(t, bob, "SETACL Sub2 bob -a", "NO [NOPERM]")
	expectStatus(t, bob, "DELETEACL Sub2 bob", "NO [NOPERM]")
	expectStatus(t, bob, "SETACL nosuch alice lr", "NO [NONEXISTENT] Mailbox does not exist")
	expectStatus(t, bob, "GETACL nosuch", "NO [NONEXISTENT]")
	expectStatus(t, bob, "GETACL", "BAD")
	expectStatus(t, bob, "SETACL Sub2 alice", "BAD")
	expectLines(t, bob, `LIST "" "*" RETURN (MYRIGHTS)`,
		`* LIST (\HasNoChildren) "/" INBOX`, "* MYRIGHTS INBOX lrswipkxtecdan",
		`* LIST (\HasNoChildren) "/" Sub2`, "* MYRIGHTS Sub2 lrswipkxtecdan")
	// A new mailbox inherits its parent's ACL (as Cyrus).
	bob.mustOK("CREATE Sub2/Child")
	expectLines(t, bob, "GETACL Sub2/Child", "* ACL Sub2/Child bob lrswipkxtecdan alice lrskxc anyone lr")
}

// Another user's mailboxes under Other Users, with every right enforced
// as Cyrus enforces it (the answers observed on Cyrus 3.6).
func TestOtherUsersRights(t *testing.T) {
	e := newEnv(t, nil)
	bob := e.dial()
	bob.login("bob")
	for _, r := range []string{"lr", "lrs", "lrw", "lrt", "lrte", "lri", "lrsn"} {
		bob.mustOK("CREATE R" + r)
		appendMsg(bob, "R"+r, testMsg)
		bob.mustOK("SETACL R" + r + " alice " + r)
	}
	bob.mustOK("CREATE Hidden")
	bob.mustOK("SETACL INBOX alice lrs")

	alice := e.dial()
	alice.login("alice")
	expectLines(t, alice, "NAMESPACE", `* NAMESPACE (("" "/")) (("Other Users/" "/")) NIL`)
	expectLines(t, alice, `LIST "" "%"`, `* LIST (\HasNoChildren) "/" INBOX`, `* LIST (\Noselect \HasChildren) "/" "Other Users"`)
	l := alice.mustOK(`LIST "" "*"`)
	if !hasLine(l, `* LIST (\HasChildren) "/" "Other Users/bob"`) || !hasLine(l, `"Other Users/bob/Rlr"`) || hasLine(l, "Hidden") {
		t.Errorf("LIST: %q", l)
	}
	expectLines(t, alice, `LIST "" "Other Users/bob/Rlrs*" RETURN (MYRIGHTS)`,
		`* LIST (\HasNoChildren) "/" "Other Users/bob/Rlrs"`, `* MYRIGHTS "Other Users/bob/Rlrs" lrs`,
		`* LIST (\HasNoChildren) "/" "Other Users/bob/Rlrsn"`, `* MYRIGHTS "Other Users/bob/Rlrsn" lrsn`)
	expectLines(t, alice, `MYRIGHTS "Other Users/bob"`, `* MYRIGHTS "Other Users/bob" lrs`)
	expectStatus(t, alice, `GETACL "Other Users/bob"`, "NO [NOPERM] Permission denied")
	expectStatus(t, alice, `LISTRIGHTS "Other Users/bob" alice`, "NO [NOPERM]")
	for _, cmd := range []string{`MYRIGHTS "Other Users/bob/Hidden"`, `SELECT "Other Users/bob/Hidden"`,
		`STATUS "Other Users/bob/Hidden" (MESSAGES)`, `GETACL "Other Users/bob/Hidden"`,
		`MYRIGHTS "Other Users/nobody"`, `DELETE "Other Users/bob/Hidden"`, `SELECT "Other Users"`} {
		expectStatus(t, alice, cmd, "NO [NONEXISTENT] Mailbox does not exist")
	}
	expectLines(t, alice, `STATUS "Other Users/bob/Rlr" (MESSAGES)`, `* STATUS "Other Users/bob/Rlr" (MESSAGES 1)`)

	type check struct{ cmd, status string }
	perRight := map[string][]check{
		"lr": {{"SELECT", "OK [READ-ONLY]"}, {"PERM", "* OK [PERMANENTFLAGS ()] Ok"},
			{`STORE 1 +FLAGS (\Flagged)`, "NO [NOPERM]"}, {"EXPUNGE", "NO [NOPERM]"}},
		"lrs": {{"SELECT", "OK [READ-WRITE]"}, {"PERM", `* OK [PERMANENTFLAGS (\Seen)] Ok`},
			{`STORE 1 +FLAGS (\Flagged)`, "NO [NOPERM]"}, {`STORE 1 +FLAGS (\Seen \Flagged \Deleted)`, "OK"},
			{"FLAGS", `\Seen \Flagged`}, {`STORE 1 FLAGS (\Draft)`, "NO [NOPERM]"}, {"EXPUNGE", "NO [NOPERM]"}},
		"lrw": {{"SELECT", "OK [READ-WRITE]"}, {"PERM", `* OK [PERMANENTFLAGS (\Answered \Flagged \Draft \*)] Ok`},
			{`STORE 1 +FLAGS (\Flagged)`, "OK"}, {`STORE 1 FLAGS (\Draft $Label)`, "OK"}, {"FLAGS", `\Draft $Label`}},
		"lrt": {{"SELECT", "OK [READ-WRITE]"}, {"PERM", `* OK [PERMANENTFLAGS (\Deleted)] Ok`},
			{`STORE 1 +FLAGS (\Seen \Flagged \Deleted)`, "OK"}, {"FLAGS", `\Flagged \Deleted`}, {"EXPUNGE", "NO [NOPERM]"}},
		"lrte": {{`STORE 1 +FLAGS (\Deleted)`, "OK"}, {"EXPUNGE", "OK"}, {"COUNT", "0"}},
		"lri":  {{"SELECT", "OK [READ-WRITE]"}, {"PERM", "* OK [PERMANENTFLAGS ()] Ok"}, {`STORE 1 +FLAGS (\Seen)`, "NO [NOPERM]"}},
	}
	for right, checks := range perRight {
		mbox := `"Other Users/bob/R` + right + `"`
		sel := alice.mustOK("SELECT " + mbox)
		for _, c := range checks {
			switch c.cmd {
			case "SELECT":
				_, st := alice.cmd("SELECT " + mbox)
				if !strings.HasPrefix(st, c.status) {
					t.Errorf("%s: SELECT %q", right, st)
				}
			case "PERM":
				if !hasLine(sel, c.status) {
					t.Errorf("%s: SELECT %q", right, sel)
				}
			case "FLAGS":
				// \Recent: bob never selected it, and alice does not claim it.
				if l := alice.mustOK("FETCH 1 FLAGS"); !hasLine(l, "FLAGS ("+c.status+` \Recent)`) {
					t.Errorf("%s: flags %q, want %s", right, l, c.status)
				}
			case "COUNT":
				if l := bob.mustOK("STATUS R" + right + " (MESSAGES)"); !hasLine(l, "MESSAGES "+c.status) {
					t.Errorf("%s: %q", right, l)
				}
			default:
				expectStatus(t, alice, c.cmd, c.status)
			}
		}
		alice.mustOK("CLOSE")
	}
	// FETCH BODY[] sets \Seen only with s; COPY and APPEND need i.
	alice.mustOK(`SELECT "Other Users/bob/Rlr"`)
	alice.mustOK("FETCH 1 BODY[]")
	if l := alice.mustOK("FETCH 1 FLAGS"); hasLine(l, `\Seen`) {
		t.Errorf("FETCH BODY[] without s: %q", l)
	}
	alice.mustOK("COPY 1 INBOX")
	expectStatus(t, alice, `COPY 1 "Other Users/bob/Rlrs"`, "NO [NOPERM]")
	expectStatus(t, alice, `COPY 1 "Other Users/bob/Hidden"`, "NO [TRYCREATE]")
	alice.mustOK(`COPY 1 "Other Users/bob/Rlri"`)
	expectStatus(t, alice, "MOVE 1 INBOX", "NO [NOPERM]")
	alice.send(`a1 APPEND "Other Users/bob/Rlrs" {3+}` + "\r\nabc")
	if _, st := alice.until("a1"); !strings.HasPrefix(st, "NO [NOPERM]") {
		t.Errorf("APPEND without i: %q", st)
	}
	appendMsg(alice, `"Other Users/bob/Rlri"`, testMsg)
	if l := bob.mustOK("STATUS Rlri (MESSAGES)"); !hasLine(l, "MESSAGES 3") {
		t.Errorf("COPY and APPEND into bob's mailbox: %q", l)
	}
	// METADATA: r to read and set /private, w to set /shared.
	alice.mustOK(`SETMETADATA "Other Users/bob/Rlr" (/private/comment "mine")`)
	expectStatus(t, alice, `SETMETADATA "Other Users/bob/Rlrsn" (/shared/comment "x")`, "NO [NOPERM]")
	alice.mustOK(`SETMETADATA "Other Users/bob/Rlrw" (/shared/comment "x")`)
	expectLines(t, alice, `LIST "" "Other Users/bob/Rlrw" RETURN (METADATA (/shared/comment))`,
		`* LIST (\HasNoChildren) "/" "Other Users/bob/Rlrw"`, `* METADATA "Other Users/bob/Rlrw" (/shared/comment "x")`)
	// CREATE needs k on the parent, DELETE x, RENAME x and k.
	expectStatus(t, alice, `CREATE "Other Users/bob/New"`, "NO [NOPERM]")
	bob.mustOK("SETACL Rlrs alice +kx")
	alice.mustOK(`CREATE "Other Users/bob/Rlrs/Child"`)
	expectLines(t, bob, "GETACL Rlrs/Child", "* ACL Rlrs/Child bob lrswipkxtecdan alice lrskxc")
	alice.mustOK(`DELETE "Other Users/bob/Rlrs/Child"`)
	expectStatus(t, alice, `RENAME "Other Users/bob/Rlrs" "Other Users/bob/Moved"`, "NO [NOPERM]")
	expectStatus(t, alice, `DELETE "Other Users/bob"`, "NO [NOPERM]")
	expectStatus(t, alice, `RENAME INBOX "Other Users/bob/x"`, "NO [NOPERM]")
	expectLines(t, alice, `GETQUOTAROOT "Other Users/bob/Rlr"`, `* QUOTAROOT "Other Users/bob/Rlr"`)
	expectStatus(t, alice, `GETQUOTA "Other Users/bob"`, "NO [NOPERM]")
	// Subscriptions to other users' mailboxes, shown by LSUB.
	alice.mustOK(`SUBSCRIBE "Other Users/bob/Rlr"`)
	expectStatus(t, alice, `SUBSCRIBE "Other Users/bob/Hidden"`, "NO [NONEXISTENT]")
	expectLines(t, alice, `LSUB "" "Other Users/*"`, `* LSUB () "/" "Other Users/bob/Rlr"`)
	// Taking l away hides the mailbox from LIST, but r still reads it.
	bob.mustOK("SETACL Rlr alice r")
	if l := alice.mustOK(`LIST "" "Other Users/bob/Rlr"`); len(l) != 0 {
		t.Errorf("LIST without l: %q", l)
	}
	alice.mustOK(`EXAMINE "Other Users/bob/Rlr"`)
	expectStatus(t, alice, `GETACL "Other Users/bob/Rlr"`, "NO [NONEXISTENT]")
}

// Admins as cyradm uses them: user/<name> names every account; CREATE
// and DELETE of user/<name> create and remove accounts; admins hold l
// and a everywhere and must grant themselves x to delete (as Cyrus).
func TestAdminOperations(t *testing.T) {
	e := newEnv(t, nil)
	bob := e.dial()
	bob.login("bob")
	bob.mustOK("CREATE Sub")
	admin := e.dial()
	admin.login("admin")
	expectLines(t, admin, "NAMESPACE", `* NAMESPACE (("" "/")) (("user/" "/")) NIL`)
	admin.mustOK("CREATE user/dave")
	expectStatus(t, admin, "CREATE user/dave", "NO [ALREADYEXISTS]")
	expectStatus(t, admin, "CREATE user/nobody/Sub", "NO [NOPERM]")
	admin.mustOK("CREATE user/dave/Work")
	expectLines(t, admin, `LIST "" "user/*"`,
		`* LIST (\HasChildren) "/" user/bob`, `* LIST (\HasNoChildren) "/" user/bob/Sub`,
		`* LIST (\HasChildren) "/" user/dave`, `* LIST (\HasNoChildren) "/" user/dave/Work`)
	if l := admin.mustOK(`LIST "" "%"`); !hasLine(l, `* LIST (\Noselect \HasChildren) "/" user`) {
		t.Errorf(`LIST "" "%%": %q`, l)
	}
	expectLines(t, admin, "MYRIGHTS user/bob/Sub", "* MYRIGHTS user/bob/Sub la")
	expectStatus(t, admin, "SELECT user/bob", "NO [NOPERM] Permission denied")
	expectStatus(t, admin, "STATUS user/bob (MESSAGES)", "NO [NOPERM]")
	admin.mustOK("SETACL user/bob alice lrs")
	expectLines(t, admin, "GETACL user/bob", "* ACL user/bob bob lrswipkxtecdan alice lrs")
	admin.mustOK("RENAME user/bob/Sub user/bob/Sub9")
	expectStatus(t, admin, "RENAME user/dave user/eve", "NO [CANNOT]")
	expectStatus(t, admin, "RENAME user/bob/Sub9 user/dave/Sub9", "NO [CANNOT]")
	admin.mustOK("SETQUOTA user/bob (STORAGE 10000)")
	expectLines(t, admin, "GETQUOTA user/bob", "* QUOTA user/bob (STORAGE 0 10000)")
	expectLines(t, admin, "GETQUOTAROOT user/bob/Sub9", "* QUOTAROOT user/bob/Sub9 user/bob", "* QUOTA user/bob (STORAGE 0 10000)")
	// Deleting: x first, as cyradm's documentation tells admins.
	expectStatus(t, admin, "DELETE user/bob/Sub9", "NO [NOPERM]")
	expectStatus(t, admin, "DELETE user/bob", "NO [NOPERM]")
	expectStatus(t, admin, "DELETE user/nobody", "NO [NONEXISTENT]")
	admin.mustOK("SETACL user/bob admin x")
	expectLines(t, admin, "GETACL user/bob", "* ACL user/bob bob lrswipkxtecdan admin xc alice lrs")
	admin.mustOK("DELETE user/bob")
	if users, err := e.srv.opts.Store.Users(t.Context()); err != nil || strings.Join(users, " ") != "admin dave" {
		t.Errorf("accounts after DELETE user/bob: %q, %v", users, err)
	}
	expectStatus(t, admin, "MYRIGHTS user/bob", "NO [NONEXISTENT]")
}

// The standard namespace with '.': other users under user.<name>, a '.'
// in a user's name shown as '^' (as Cyrus).
func TestOtherUsersDotSeparator(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.UnixHierarchySep, o.AltNamespace = false, false })
	jd := e.dial()
	jd.login("john.doe")
	jd.mustOK("CREATE INBOX.Shared")
	jd.mustOK("SETACL INBOX.Shared alice lr")
	alice := e.dial()
	alice.login("alice")
	expectLines(t, alice, "NAMESPACE", `* NAMESPACE (("INBOX." ".")) (("user." ".")) NIL`)
	// A level without a visible mailbox shows for "%" only (as Cyrus).
	expectLines(t, alice, `LIST "" "user.%"`, `* LIST (\Noselect \HasChildren) "." user.john^doe`)
	expectLines(t, alice, `LIST "" "user.*"`, `* LIST (\HasNoChildren) "." user.john^doe.Shared`)
	expectLines(t, alice, "MYRIGHTS user.john^doe.Shared", "* MYRIGHTS user.john^doe.Shared lr")
}

// A mailbox shared after another user's LIST built the store's grant
// index still shows in that user's next LIST: SETACL notes the grant.
func TestListSeesNewGrant(t *testing.T) {
	e := newEnv(t, nil)
	bob := e.dial()
	bob.login("bob")
	bob.mustOK("CREATE Later")
	alice := e.dial()
	alice.login("alice")
	expectLines(t, alice, `LIST "" "Other Users/*"`)
	bob.mustOK("SETACL Later alice lr")
	expectLines(t, alice, `LIST "" "Other Users/*"`, `* LIST (\HasNoChildren) "/" "Other Users/bob/Later"`)
	bob.mustOK("SETACL INBOX anyone l")
	expectLines(t, alice, `LIST "" "Other Users/*"`, `* LIST (\HasChildren) "/" "Other Users/bob"`,
		`* LIST (\HasNoChildren) "/" "Other Users/bob/Later"`)
}
