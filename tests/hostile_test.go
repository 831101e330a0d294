package tests

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

// TestHostileInput is a catalogue of what broken and hostile clients send,
// over real sockets to the real master, imapd and lmtpd. Each row gets a
// clear BAD/NO/4xx/5xx or a clean close within its bound, and the next
// client is served. Afterwards: no worker died, no file appeared outside
// the spool, the spools are empty, and the messages stored before the
// catalogue are all there, intact, with nothing of the interrupted ones.
func TestHostileInput(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile input catalogue takes about 30 s")
	}
	h := startHostile(t)
	h.storeSentinels(t)
	before := h.snapshot(t)
	t.Run("catalogue", func(t *testing.T) {
		for _, c := range hostileCases() {
			t.Run(c.name, func(t *testing.T) {
				if c.slow {
					t.Parallel()
				}
				start := time.Now()
				if c.run != nil {
					c.run(t, h)
				} else {
					h.exchange(t, c)
				}
				h.served(t)
				t.Logf("%s", time.Since(start).Round(time.Millisecond))
			})
		}
	})
	h.checkWorkers(t)
	h.checkFiles(t, before)
	h.checkMail(t)
}

// hostileEnv is master with imapd (maxmessagesize 4 MB, failed logins
// paused up to a second) and lmtpd -a on TCP, the workers' temporary
// files (lmtpd's temp_path, imapd's TMPDIR) in one spool directory.
type hostileEnv struct {
	*imapdEnv
	lmtp  string
	spool string
	// sent are the messages stored before the catalogue ("keep-…") and
	// the ones the catalogue breaks off or delivers, by id.
	sent map[string]crashSent
}

// The bounds on slow clients are short so their rows end quickly;
// imap_prelogin_timeout leaves the 20 failed LOGINs of loginFailures
// (about 20 s) room.
const hostileSpecial = "maxmessagesize: 4000000\nfailedloginpause: 1s\ntemp_path: {dir}/spool\n" +
	"imap_command_timeout: 2s\nlmtp_command_timeout: 2s\nimap_prelogin_timeout: 30s\n"

func startHostile(t *testing.T) *hostileEnv {
	t.Helper()
	harness.Bin(t) // built before TMPDIR moves
	dir := harness.NewDir(t)
	spool := filepath.Join(dir, "spool")
	if err := os.Mkdir(spool, 0o700); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, spool)
	// Workers inherit master's environment: imapd spools APPENDs to
	// $TMPDIR.
	t.Setenv("TMPDIR", spool)
	lmtp := fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))
	e := startSuiteIn(t, dir, fmt.Sprintf("  lmtp cmd=\"lmtpd -a\" listen=\"%s\" prefork=1\n", lmtp), hostileSpecial)
	return &hostileEnv{imapdEnv: e, lmtp: lmtp, spool: spool, sent: map[string]crashSent{}}
}

// hostileCase is one row of the catalogue.
type hostileCase struct {
	name  string
	lmtp  bool // an LMTP exchange; else IMAP
	login bool // IMAP: LOGIN alice and SELECT Hostile first; LMTP: LHLO first
	send  []string
	// want are the replies in order: prefixes of the tagged (IMAP) or
	// final (LMTP) reply line, "|" between alternatives; "<close>" is a
	// close by the server. Untagged IMAP lines are skipped.
	want   []string
	hangup bool          // the client disconnects after want, mid-command
	within time.Duration // bound on the replies (5 s if zero)
	slow   bool          // long: runs in parallel with the other slow rows
	run    func(t *testing.T, h *hostileEnv)
}

// exchange dials, writes the row's input and checks the replies. A row
// that does not end with a close or a hang-up must leave a session that
// still answers NOOP.
func (h *hostileEnv) exchange(t *testing.T, c hostileCase) {
	t.Helper()
	conn := h.dialRow(t, c)
	defer conn.c.Close()
	within := c.within
	if within == 0 {
		within = 5 * time.Second
	}
	conn.c.SetDeadline(time.Now().Add(within))
	for _, s := range c.send {
		if _, err := conn.c.Write([]byte(s)); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	for _, w := range c.want {
		if w == "<close>" {
			conn.expectClose(t, c.lmtp)
			return
		}
		conn.expect(t, w, c.lmtp)
	}
	if c.hangup {
		return
	}
	if c.lmtp {
		conn.c.Write([]byte("NOOP\r\n"))
		conn.expect(t, "250", true)
	} else {
		conn.c.Write([]byte("z NOOP\r\n"))
		conn.expect(t, "z OK", false)
	}
}

// dialRow connects for a row and gets it to its starting state.
func (h *hostileEnv) dialRow(t *testing.T, c hostileCase) *crashConn {
	t.Helper()
	addr := h.addr
	if c.lmtp {
		addr = h.lmtp
	}
	conn, err := crashDial(addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if c.lmtp {
		conn.expect(t, "220", true)
		if c.login {
			conn.c.Write([]byte("LHLO hostile.example\r\n"))
			conn.expect(t, "250", true)
		}
		return conn
	}
	conn.expect(t, "* OK", false)
	if c.login {
		conn.c.Write([]byte("l LOGIN alice wonderland\r\ns SELECT Hostile\r\n"))
		conn.expect(t, "l OK", false)
		conn.expect(t, "s OK", false)
	}
	return conn
}

// expect reads up to the next reply that is not an untagged IMAP line and
// fails unless it starts with one of the alternatives in want.
func (c *crashConn) expect(t *testing.T, want string, lmtp bool) {
	t.Helper()
	for {
		var line string
		var err error
		if lmtp {
			_, line, err = c.reply()
		} else {
			line, err = c.line()
		}
		if err != nil {
			t.Fatalf("waiting for %q: %v (got %.200q)", want, err, line)
		}
		for _, alt := range strings.Split(want, "|") {
			if strings.HasPrefix(line, alt) {
				return
			}
		}
		if lmtp || !strings.HasPrefix(line, "* ") || strings.HasPrefix(want, "*") {
			t.Fatalf("got %.200q, want %q", line, want)
		}
	}
}

// expectClose: the server closes the connection, after untagged lines at
// most (a BYE).
func (c *crashConn) expectClose(t *testing.T, lmtp bool) {
	t.Helper()
	for {
		line, err := c.line()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("connection still open at the deadline")
			}
			return // EOF or reset: closed
		}
		if lmtp || !strings.HasPrefix(line, "* ") {
			t.Fatalf("got %.200q, want the connection closed", line)
		}
	}
}

// served checks the next clients get through: an IMAP login and an LMTP
// greeting, each within five seconds.
func (h *hostileEnv) served(t *testing.T) {
	t.Helper()
	c := h.dialRow(t, hostileCase{login: true})
	c.c.Close()
	c = h.dialRow(t, hostileCase{lmtp: true, login: true})
	c.c.Close()
}

// storeSentinels stores messages before the catalogue, by APPEND and by
// LMTP, and creates the Hostile mailbox the rows APPEND to.
func (h *hostileEnv) storeSentinels(t *testing.T) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	c := h.dialRow(t, hostileCase{})
	defer c.c.Close()
	c.c.Write([]byte("l LOGIN alice wonderland\r\nc CREATE Hostile\r\n"))
	c.expect(t, "l OK", false)
	c.expect(t, "c OK", false)
	for i := range 3 {
		msg := h.message(rng, fmt.Sprintf("keep-a%d", i), "alice/INBOX")
		fmt.Fprintf(c.c, "a%d APPEND INBOX {%d+}\r\n%s\r\n", i, len(msg), msg)
		c.expect(t, fmt.Sprintf("a%d OK", i), false)
	}
	l := h.dialRow(t, hostileCase{lmtp: true, login: true})
	defer l.c.Close()
	for i := range 2 {
		msg := h.message(rng, fmt.Sprintf("keep-l%d", i), "alice/INBOX")
		l.c.Write([]byte("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice>\r\nDATA\r\n"))
		l.expect(t, "250", true)
		l.expect(t, "250", true)
		l.expect(t, "354", true)
		l.c.Write(append(msg, ".\r\n"...))
		l.expect(t, "250", true)
	}
}

// message makes a load message (see crashMessage) and records where it
// may be found: to is "user/mailbox", or "nowhere" for one that must not
// be stored.
func (h *hostileEnv) message(rng *rand.Rand, id, to string) []byte {
	msg := crashMessage(rng, id)
	h.sent[id] = crashSent{sum: sha256.Sum256(msg), kind: 'l', to: []string{to}}
	return msg
}

// checkWorkers: every child master saw end during the catalogue ended
// with status 0, and the services still have their workers.
func (h *hostileEnv) checkWorkers(t *testing.T) {
	t.Helper()
	for _, line := range strings.Split(h.m.Log(), "\n") {
		var ev struct{ Message, Status, Worker, Daemon string }
		if json.Unmarshal([]byte(line), &ev) != nil || ev.Message != "child ended" {
			continue
		}
		if ev.Status != "exit 0" {
			t.Errorf("a %s%s child died: %s", ev.Worker, ev.Daemon, line)
		}
	}
	for _, svc := range []string{"imap", "lmtp"} {
		if len(h.m.Workers(svc)) == 0 {
			t.Errorf("no %s worker left", svc)
		}
	}
}

// hostileMarker is in every mailbox name and recipient a row tries to
// climb out of the spool with.
const hostileMarker = "zzesc"

// snapshot lists the files (not directories) under the test's directory
// outside the mail partition, but sockets (each imapd worker binds one to hear from idled).
func (h *hostileEnv) snapshot(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	filepath.WalkDir(h.m.Dir, func(p string, d fs.DirEntry, err error) error {
		// Directories the store makes for its databases ({configdirectory}/corvus)
		// are not escapes; a file is what a hostile name would leave.
		if err == nil && !d.IsDir() && d.Type()&fs.ModeSocket == 0 && !strings.HasPrefix(p, filepath.Join(h.m.Dir, "part")+"/") {
			out[p] = true
		}
		return nil
	})
	return out
}

// checkFiles: the spool is empty (temporary files are unlinked at once),
// nothing new appeared outside the partition but the databases' own
// files, and no path anywhere around carries the marker of the rows that
// try to escape.
func (h *hostileEnv) checkFiles(t *testing.T, before map[string]bool) {
	t.Helper()
	if ents, _ := os.ReadDir(h.spool); len(ents) > 0 {
		t.Errorf("spool not empty: %v", ents)
	}
	for p := range h.snapshot(t) {
		if !before[p] && !strings.Contains(filepath.Base(p), ".db") && filepath.Base(p) != "master.log" {
			t.Errorf("new file outside the partition: %s", p)
		}
	}
	roots := []string{filepath.Dir(h.m.Dir), os.Getenv("TMPDIR"), "/tmp"}
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if strings.Contains(p, hostileMarker) {
				t.Errorf("a hostile name reached the file system: %s", p)
			}
			if root == "/tmp" && d.IsDir() && p != root {
				return filepath.SkipDir // other programs' files: the top level only
			}
			return nil
		})
	}
	h.checkPartition(t)
}

// checkPartition: every file in the partition belongs to one of the
// test's users (the store names nothing after a mailbox).
func (h *hostileEnv) checkPartition(t *testing.T) {
	t.Helper()
	part := filepath.Join(h.m.Dir, "part")
	filepath.WalkDir(part, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(part, p)
		f := strings.Split(rel, "/")
		if len(f) < 4 || f[1] != "user" || !slices.Contains([]string{"alice", "bob", "admin"}, f[2]) {
			t.Errorf("unexpected file in the partition: %s", rel)
		}
		return nil
	})
}

// checkMail: alice's INBOX holds exactly the messages stored before the
// catalogue and the ones rows delivered, each intact; nothing of the
// messages whose transfer was broken off is anywhere.
func (h *hostileEnv) checkMail(t *testing.T) {
	t.Helper()
	for _, mbox := range []string{"INBOX", "Hostile"} {
		box := "alice/" + mbox
		_, msgs := crashFetchAll(t, h.addr, "alice", "wonderland", mbox)
		seen := map[string]bool{}
		for _, m := range msgs {
			id, err := crashCheck(m.body, box, h.sent)
			if err != nil {
				if mbox == "Hostile" && !strings.Contains(string(m.body), "X-Crash-Id: ") {
					continue // a row's own small APPEND
				}
				t.Errorf("%s UID %d: %v", box, m.uid, err)
			}
			seen[id] = true
		}
		for id, s := range h.sent {
			if slices.Contains(s.to, box) && !seen[id] {
				t.Errorf("%s: %s lost", box, id)
			}
		}
	}
}

// hostileCases is the catalogue. Expected answers are Corvus's documented
// ones, as Cyrus's unless a row says otherwise.
func hostileCases() []hostileCase {
	var cases []hostileCase
	cases = append(cases, hostileSyntaxCases()...)
	cases = append(cases, hostileNameCases()...)
	cases = append(cases, hostileStateCases()...)
	cases = append(cases, hostileLMTPCases()...)
	// The long rows, in parallel (resumed last first): the longest last.
	cases = append(cases, hostileSlowCases()...)
	return append(cases,
		hostileCase{name: "IMAP 20 LOGIN failures in a row", slow: true, run: loginFailures},
		hostileCase{name: "IMAP 10000 mailboxes", slow: true, run: manyMailboxes},
		hostileCase{name: "IMAP slowloris before login", slow: true, run: slowPrelogin},
	)
}

// hostileSyntaxCases are the IMAP rows about framing: literals, long
// lines, NUL and bare CR or LF, and the limit on errors in a row.
func hostileSyntaxCases() []hostileCase {
	mb := strings.Repeat("x", 1<<20)
	var cases []hostileCase
	add := func(c ...hostileCase) { cases = append(cases, c...) }
	// Literals: refused before a byte is read when too big; a
	// non-synchronising one too big to skip ends the connection.
	add(hostileCase{name: "IMAP 100 MB literal announced, not sent",
		send: []string{"a LOGIN {104857600}\r\n"}, want: []string{"a BAD [TOOBIG]"}},
		hostileCase{name: "IMAP APPEND 100 MB over maxmessagesize", login: true,
			send: []string{"a APPEND Hostile {104857600}\r\n"}, want: []string{"a NO [TOOBIG]"}},
		hostileCase{name: "IMAP APPEND 100 MB non-synchronising", login: true,
			send: []string{"a APPEND Hostile {104857600+}\r\n"}, want: []string{"a NO [TOOBIG]", "<close>"}},
		hostileCase{name: "IMAP literal size over int64",
			send: []string{"a LOGIN {99999999999999999999}\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP 1100 literals in one command",
			send: []string{"a ID (" + strings.Repeat("{1+}\r\nx ", 1100) + ")\r\n"}, want: []string{"a BAD"}},
	)
	// Long lines: the reader keeps 64 kB of a command and answers BAD.
	add(hostileCase{name: "IMAP 1 MB command line", send: []string{"a NOOP " + mb + "\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP 1 MB mailbox name", login: true, send: []string{"a SELECT " + mb + "\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP 1 MB quoted string", send: []string{`a LOGIN "` + mb + `" x` + "\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP 200 kB AUTHENTICATE response",
			send: []string{"a AUTHENTICATE PLAIN\r\n", strings.Repeat("A", 200000) + "\r\n"}, want: []string{"+", "a BAD"}},
	)
	// NUL and bare CR: CHAR8 excludes NUL outside literal8; CR only
	// comes before LF (RFC 9051 §9).
	add(hostileCase{name: "IMAP NUL in command name", send: []string{"a NO\x00OP\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP NUL in atom", send: []string{"a LOGIN al\x00ice wonderland\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP NUL in quoted string", send: []string{"a LOGIN \"al\x00ice\" wonderland\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP NUL in literal", send: []string{"a LOGIN {6}\r\nal\x00ice wonderland\r\n"}, want: []string{"+", "a BAD"}},
		// As Cyrus's APPEND ("Message contains NUL characters", "Message
		// contains bare newlines") and Corvus's own lmtpd (554 5.6.0): a
		// message with NUL needs literal8 (RFC 3516), lines end in CRLF.
		appendRow("IMAP NUL in APPEND message", "Subject: x\r\n\r\nbo\x00dy\r\n", "a NO"),
		appendRow("IMAP bare LF in APPEND message", "Subject: x\n\nbare lf\n", "a NO"),
		hostileCase{name: "IMAP bare CR inside a command", send: []string{"a NOOP\rb NOOP\r\n"}, want: []string{"a BAD"}},
		hostileCase{name: "IMAP bare CR in quoted string", send: []string{"a LOGIN \"ali\rce\" wonderland\r\n"}, want: []string{"a BAD|a NO"}},
		// As Cyrus: ten protocol errors in a row end the session.
		hostileCase{name: "IMAP ten BAD in a row close the connection",
			send: []string{strings.Repeat("x BOGUS\r\n", 12)},
			want: append(slices.Repeat([]string{"x BAD"}, 10), "* BYE", "<close>")},
	)
	return cases
}

// hostileNameCases are the IMAP rows about mailbox names.
func hostileNameCases() []hostileCase {
	var cases []hostileCase
	add := func(c ...hostileCase) { cases = append(cases, c...) }
	// Mailbox names never reach the file system (the store names files
	// by random ids), so dot segments are ordinary names; wildcards,
	// empty levels and broken modified UTF-7 are refused.
	for _, n := range []string{"..", "../" + hostileMarker + "1", "a/../../" + hostileMarker + "2", "INBOX/../../" + hostileMarker + "3"} {
		add(hostileCase{name: "IMAP CREATE " + n, login: true, send: []string{fmt.Sprintf("a CREATE %q\r\n", n)}, want: []string{"a OK|a NO"}})
	}
	for _, n := range []string{"/" + hostileMarker + "4", "a//b", "%", "*", "a%b", "a*b", `""`, "&Jjo", "&AGE-", "&2D3-", "a&", "&ZeVnLIqe"} {
		q := n
		if !strings.HasPrefix(n, `"`) {
			q = fmt.Sprintf("%q", n)
		}
		add(hostileCase{name: "IMAP CREATE " + n, login: true, send: []string{"a CREATE " + q + "\r\n"}, want: []string{"a NO"}})
	}
	add(hostileCase{name: "IMAP 200-level hierarchy", login: true,
		send: []string{"a CREATE " + strings.Repeat("d/", 199) + "d\r\n", `b LIST "" "d/*"` + "\r\n", `c DELETE ` + strings.Repeat("d/", 199) + "d\r\n"},
		want: []string{"a OK", "b OK", "c OK"}},
		hostileCase{name: "IMAP 2000-level hierarchy", login: true,
			send: []string{"a CREATE " + strings.Repeat("d/", 1999) + "d\r\n"}, want: []string{"a NO"}},
	)
	return cases
}

// hostileStateCases are the IMAP rows about commands in the wrong state
// and clients that vanish.
func hostileStateCases() []hostileCase {
	// Commands in the wrong state: BAD, as Cyrus.
	cases := []hostileCase{{name: "IMAP commands before LOGIN",
		send: []string{"a SELECT INBOX\r\nb FETCH 1 FLAGS\r\nc UID FETCH 1 FLAGS\r\nd CLOSE\r\ne IDLE\r\nf CREATE x\r\n"},
		want: []string{"a BAD", "b BAD", "c BAD", "d BAD", "e BAD", "f BAD"}},
		hostileCase{name: "IMAP commands before SELECT",
			send: []string{"l LOGIN alice wonderland\r\na FETCH 1 FLAGS\r\nb STORE 1 +FLAGS (\\Seen)\r\nc EXPUNGE\r\nd CLOSE\r\ne UID SEARCH ALL\r\n"},
			want: []string{"l OK", "a BAD", "b BAD", "c BAD", "d BAD", "e BAD"}},
		hostileCase{name: "IMAP LOGIN and AUTHENTICATE after login", login: true,
			send: []string{"a LOGIN alice wonderland\r\nb AUTHENTICATE PLAIN\r\n"}, want: []string{"a BAD", "b BAD"}},
		hostileCase{name: "IMAP DONE outside IDLE", login: true, send: []string{"DONE\r\n"}, want: []string{"DONE BAD"}},
		hostileCase{name: "IMAP junk instead of DONE", login: true, send: []string{"a IDLE\r\nJUNK\r\n"}, want: []string{"+", "a BAD"}},
	}
	// Clients that vanish mid-command: the session ends, nothing is
	// stored (checked at the end), the worker serves the next client.
	return append(cases, hostileCase{name: "IMAP disconnect mid-APPEND", run: cutAppend},
		hostileCase{name: "IMAP disconnect mid-MULTIAPPEND", run: cutMultiAppend},
		hostileCase{name: "IMAP disconnect mid-literal before login",
			send: []string{"a LOGIN {50}\r\nali"}, want: []string{"+"}, hangup: true},
		hostileCase{name: "IMAP disconnect during IDLE", login: true, send: []string{"a IDLE\r\n"}, want: []string{"+"}, hangup: true},
	)
}

// appendRow is a row APPENDing msg to Hostile with a synchronising
// literal.
func appendRow(name, msg, want string) hostileCase {
	return hostileCase{name: name, login: true,
		send: []string{fmt.Sprintf("a APPEND Hostile {%d}\r\n%s\r\n", len(msg), msg)}, want: []string{"+", want}}
}

// hostileLMTPCases are the LMTP rows: 5xx for what is malformed or out
// of order, the session going on (as Cyrus, LMTP has no error limit).
func hostileLMTPCases() []hostileCase {
	return []hostileCase{
		{name: "LMTP garbage commands", lmtp: true,
			send: []string{"FOO\r\n\x00\x01\x02\r\n\xff\xfe\r\n"}, want: []string{"500", "500", "500"}},
		{name: "LMTP commands out of order", lmtp: true,
			send: []string{"MAIL FROM:<s@example.org>\r\nLHLO x\r\nRCPT TO:<alice>\r\nDATA\r\n"}, want: []string{"503", "250", "503", "503"}},
		{name: "LMTP 1 MB command line", lmtp: true,
			send: []string{"LHLO " + strings.Repeat("x", 1<<20) + "\r\n"}, want: []string{"500 5.5.2"}},
		{name: "LMTP NUL in address", lmtp: true, login: true,
			send: []string{"MAIL FROM:<s\x00x@example.org>\r\n"}, want: []string{"501"}},
		{name: "LMTP SIZE 100 MB", lmtp: true, login: true,
			send: []string{"MAIL FROM:<s@example.org> SIZE=104857600\r\n"}, want: []string{"552 5.2.3"}},
		{name: "LMTP recipients climbing out", lmtp: true, login: true,
			send: []string{"MAIL FROM:<s@example.org>\r\nRCPT TO:<../../" + hostileMarker + "5>\r\n" +
				"RCPT TO:<alice+../../" + hostileMarker + "6>\r\nRCPT TO:<alice/../bob>\r\nRSET\r\n"},
			want: []string{"250", "5", "250|5", "5", "250"}},
		{name: "LMTP 1 MB body line", lmtp: true, login: true, run: longBodyLine},
		{name: "LMTP disconnect mid-DATA", lmtp: true, run: cutData},
		{name: "LMTP disconnect mid-BDAT", lmtp: true, run: cutBdat},
		{name: "LMTP BDAT 100 MB announced, not sent", lmtp: true, login: true,
			send: []string{"MAIL FROM:<s@example.org>\r\nRCPT TO:<alice>\r\nBDAT 104857600 LAST\r\n"},
			want: []string{"250", "250"}, hangup: true},
	}
}

// hostileRNG makes the catalogue's messages (their content does not
// matter, only that they are checked).
func hostileRNG() *rand.Rand { return rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3)) }

// cutAppend sends half of an APPEND's message and hangs up.
func cutAppend(t *testing.T, h *hostileEnv) {
	msg := h.message(hostileRNG(), "cut-append", "nowhere")
	c := h.dialRow(t, hostileCase{login: true})
	defer c.c.Close()
	fmt.Fprintf(c.c, "a APPEND INBOX {%d}\r\n", len(msg))
	c.expect(t, "+", false)
	c.c.Write(msg[:len(msg)/2])
}

// cutMultiAppend sends one whole message of a MULTIAPPEND and half of
// the second: RFC 3502 makes it all or nothing.
func cutMultiAppend(t *testing.T, h *hostileEnv) {
	rng := hostileRNG()
	one := h.message(rng, "cut-multi-1", "nowhere")
	two := h.message(rng, "cut-multi-2", "nowhere")
	c := h.dialRow(t, hostileCase{login: true})
	defer c.c.Close()
	fmt.Fprintf(c.c, "a APPEND INBOX {%d+}\r\n%s {%d+}\r\n%s", len(one), one, len(two), two[:len(two)/2])
	time.Sleep(100 * time.Millisecond) // the first message reaches the server
}

// longBodyLine delivers a message with a 1 MB body line: accepted (within
// maxmessagesize), as Cyrus, which does not limit body lines.
func longBodyLine(t *testing.T, h *hostileEnv) {
	msg := loadMessage("long-line", []byte(strings.Repeat("y", 1<<20)+"\r\n"))
	h.sent["long-line"] = crashSent{sum: sha256.Sum256(msg), kind: 'l', to: []string{"alice/INBOX"}}
	c := h.dialRow(t, hostileCase{lmtp: true, login: true})
	defer c.c.Close()
	c.c.Write([]byte("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice>\r\nDATA\r\n"))
	c.expect(t, "250", true)
	c.expect(t, "250", true)
	c.expect(t, "354", true)
	c.c.Write(append(msg, ".\r\n"...))
	c.expect(t, "250", true)
}

// cutData sends half a message after DATA and hangs up.
func cutData(t *testing.T, h *hostileEnv) {
	msg := h.message(hostileRNG(), "cut-data", "nowhere")
	c := h.dialRow(t, hostileCase{lmtp: true, login: true})
	defer c.c.Close()
	c.c.Write([]byte("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice>\r\nDATA\r\n"))
	c.expect(t, "250", true)
	c.expect(t, "250", true)
	c.expect(t, "354", true)
	c.c.Write(msg[:len(msg)/2])
}

// cutBdat announces a whole message in one BDAT LAST, sends half of it
// and hangs up.
func cutBdat(t *testing.T, h *hostileEnv) {
	msg := h.message(hostileRNG(), "cut-bdat", "nowhere")
	c := h.dialRow(t, hostileCase{lmtp: true, login: true})
	defer c.c.Close()
	fmt.Fprintf(c.c, "MAIL FROM:<s@example.org>\r\nRCPT TO:<alice>\r\nBDAT %d LAST\r\n%s", len(msg), msg[:len(msg)/2])
	c.expect(t, "250", true)
	c.expect(t, "250", true)
}

// loginFailures: twenty wrong passwords on one connection. As imapd(8)
// says, the first is answered at once, the next after half a second, then
// doubling up to failedloginpause (1 s here; Cyrus pauses
// failedloginpause after every failure). The right password then works on
// that connection, and a new connection is not locked out.
func loginFailures(t *testing.T, h *hostileEnv) {
	c := h.dialRow(t, hostileCase{})
	defer c.c.Close()
	c.c.SetDeadline(time.Now().Add(45 * time.Second))
	var delays []time.Duration
	for i := range 20 {
		start := time.Now()
		fmt.Fprintf(c.c, "f%d LOGIN alice wrong%d\r\n", i, i)
		c.expect(t, fmt.Sprintf("f%d NO [AUTHENTICATIONFAILED]", i), false)
		delays = append(delays, time.Since(start))
	}
	t.Logf("delays: %v", delays)
	for i, d := range delays {
		lo, hi := 900*time.Millisecond, 2*time.Second
		switch i {
		case 0:
			lo, hi = 0, 400*time.Millisecond
		case 1:
			lo, hi = 400*time.Millisecond, 1500*time.Millisecond
		}
		if d < lo || d > hi {
			t.Errorf("failure %d answered after %s, want %s to %s", i+1, d, lo, hi)
		}
	}
	start := time.Now()
	c.c.Write([]byte("g LOGIN alice wonderland\r\n"))
	c.expect(t, "g OK", false)
	other := h.dialRow(t, hostileCase{login: true})
	other.c.Close()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("right password after the failures took %s", d)
	}
}

// manyMailboxes creates 10 000 mailboxes in one pipelined burst, then
// lists them all, a few, and none with a pattern that makes a naive
// matcher backtrack exponentially. Each CREATE is a committed (fsync'd)
// transaction: about 8 s in all on an idle disk, so the bound is loose.
func manyMailboxes(t *testing.T, h *hostileEnv) {
	c, err := crashDial(h.addr, 100*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.c.Close()
	c.expect(t, "* OK", false)
	c.c.Write([]byte("l LOGIN bob builder\r\n"))
	c.expect(t, "l OK", false)
	start := time.Now()
	var b strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&b, "c%d CREATE many/box%05d\r\n", i, i)
	}
	go c.c.Write([]byte(b.String())) // answers come back meanwhile
	for i := range 10000 {
		c.expect(t, fmt.Sprintf("c%d OK", i), false)
	}
	t.Logf("10000 CREATE: %s", time.Since(start).Round(time.Millisecond))
	for _, l := range []struct {
		pattern string
		n       int
		within  time.Duration
	}{
		{"many/*", 10000, 5 * time.Second},
		{"many/box0999%", 10, 2 * time.Second},
		{strings.Repeat("*o", 30) + "x", 0, 5 * time.Second},
	} {
		start := time.Now()
		fmt.Fprintf(c.c, "x LIST \"\" %q\r\n", l.pattern)
		n := 0
		for {
			line, err := c.line()
			if err != nil {
				t.Fatalf("LIST %s: %v after %d lines", l.pattern, err, n)
			}
			if strings.HasPrefix(line, "* LIST") {
				n++
				continue
			}
			if !strings.HasPrefix(line, "x OK") {
				t.Fatalf("LIST %s: %q", l.pattern, line)
			}
			break
		}
		d := time.Since(start)
		t.Logf("LIST %q: %d mailboxes in %s", l.pattern, n, d.Round(time.Millisecond))
		if n != l.n || d > l.within {
			t.Errorf("LIST %q: %d mailboxes in %s, want %d within %s", l.pattern, n, d, l.n, l.within)
		}
	}
}

// hostileSlowBound is imap_command_timeout and lmtp_command_timeout in
// the catalogue; hostilePrelogin is imap_prelogin_timeout.
const (
	hostileSlowBound = 2 * time.Second
	hostilePrelogin  = 30 * time.Second
)

// hostileSlowCases are the slowloris rows: clients that trickle a command
// line, a literal or message data are cut off past their bound with a
// BYE or a 421, other clients are served meanwhile, and nothing of what
// they sent is stored.
func hostileSlowCases() []hostileCase {
	return []hostileCase{
		{name: "IMAP slowloris command line", slow: true, run: slowIMAPLine},
		{name: "IMAP slowloris literal", slow: true, run: slowIMAPLiteral},
		{name: "LMTP slowloris command line", slow: true, run: slowLMTPLine},
		{name: "LMTP slowloris DATA", slow: true, run: slowLMTPData},
		{name: "IMAP client that never reads", slow: true, run: neverReads},
		{name: "LMTP client that never reads", slow: true, run: neverReadsLMTP},
	}
}

// neverReads APPENDs a 1 MB message, then asks for it 40 times without
// reading the answers. Once the socket buffers are full imapd's write
// must give up within imap_command_timeout (it cannot even say BYE);
// without that bound the 40 answers would all arrive as soon as the
// client read again.
func neverReads(t *testing.T, h *hostileEnv) {
	c := h.dialRow(t, hostileCase{login: true})
	defer c.c.Close()
	c.c.SetDeadline(time.Now().Add(30 * time.Second))
	// Not a load message (no X-Crash-Id): the mail check passes over it.
	msg := "Subject: never read\r\n\r\n" + strings.Repeat(strings.Repeat("r", 98)+"\r\n", 10000)
	fmt.Fprintf(c.c, "a APPEND Hostile {%d}\r\n", len(msg))
	c.expect(t, "+", false)
	c.c.Write([]byte(msg + "\r\n"))
	line, err := c.line()
	for err == nil && strings.HasPrefix(line, "* ") {
		line, err = c.line()
	}
	var validity, uid uint32
	if err != nil || !strings.HasPrefix(line, "a OK [APPENDUID ") {
		t.Fatalf("APPEND: %q, %v", line, err)
	}
	fmt.Sscanf(line, "a OK [APPENDUID %d %d]", &validity, &uid)
	const asks = 40
	c.c.Write([]byte(strings.Repeat(fmt.Sprintf("f UID FETCH %d BODY.PEEK[]\r\n", uid), asks)))
	start := time.Now()
	time.Sleep(hostileSlowBound + 3*time.Second)
	h.served(t)
	answered := 0
	for {
		line, err := c.line()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("connection still open %s after the client stopped reading", time.Since(start).Round(time.Second))
			}
			break // EOF or reset: imapd gave up
		}
		if strings.HasPrefix(line, "f OK") {
			answered++
		}
	}
	if answered >= asks {
		t.Fatalf("all %d answers were written to a client that did not read for %s", asks, hostileSlowBound+3*time.Second)
	}
	t.Logf("imapd gave up after %d of %d answers", answered, asks)
}

// neverReadsLMTP pipelines NOOPs and reads none of the replies. Once the
// socket buffers are full lmtpd's write must give up within
// lmtp_command_timeout and close the connection, which ends the
// client's blocked write; without that bound the session would hold its
// worker for the five minutes a write may otherwise take.
func neverReadsLMTP(t *testing.T, h *hostileEnv) {
	c := h.dialRow(t, hostileCase{lmtp: true, login: true})
	defer c.c.Close()
	c.c.(*net.TCPConn).SetReadBuffer(4096) // the replies fill it sooner
	c.c.SetDeadline(time.Now().Add(60 * time.Second))
	noops := []byte(strings.Repeat("NOOP\r\n", 1000))
	done := make(chan error, 1)
	go func() {
		// Up to 12 MB of commands, 40 MB of replies: far past what the
		// socket buffers hold on either side.
		for range 2000 {
			if _, err := c.c.Write(noops); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	bound := hostileSlowBound + 15*time.Second
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("lmtpd took 2 million NOOPs from a client that read none of the replies")
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("the client's write timed out: lmtpd kept the connection open (%v)", err)
		}
		t.Logf("lmtpd closed the connection: the client's write failed with %v", err)
	case <-time.After(bound):
		t.Fatalf("lmtpd still held the connection %s after the client stopped reading", bound)
	}
	h.served(t)
}

// slowIMAPLine trickles a command line one octet every 250 ms.
func slowIMAPLine(t *testing.T, h *hostileEnv) {
	c := h.dialRow(t, hostileCase{login: true})
	defer c.c.Close()
	h.cutOff(t, c, false, trickle{s: "a NOOP " + strings.Repeat("x", 60) + "\r\n", n: 1, gap: 250 * time.Millisecond},
		hostileSlowBound, "* BYE Command line not complete")
}

// slowIMAPLiteral APPENDs a 20 kB message at 800 octets a second, under
// the 16 KiB each imap_command_timeout a literal must bring.
func slowIMAPLiteral(t *testing.T, h *hostileEnv) {
	msg := h.slowMessage("slow-literal")
	c := h.dialRow(t, hostileCase{login: true})
	defer c.c.Close()
	in := fmt.Sprintf("a APPEND Hostile {%d+}\r\n%s\r\n", len(msg), msg)
	h.cutOff(t, c, false, trickle{s: in, n: 200, gap: 250 * time.Millisecond}, hostileSlowBound, "* BYE Literal data too slow")
}

// slowPrelogin sends a NOOP every second and never logs in: the
// not-authenticated state ends after imap_prelogin_timeout.
func slowPrelogin(t *testing.T, h *hostileEnv) {
	c := h.dialRow(t, hostileCase{})
	defer c.c.Close()
	h.cutOff(t, c, false, trickle{s: strings.Repeat("n NOOP\r\n", 60), n: 8, gap: time.Second},
		hostilePrelogin, "* BYE Autologout; no login within")
}

// slowLMTPLine trickles LHLO one octet every 250 ms.
func slowLMTPLine(t *testing.T, h *hostileEnv) {
	c := h.dialRow(t, hostileCase{lmtp: true})
	defer c.c.Close()
	h.cutOff(t, c, true, trickle{s: "LHLO " + strings.Repeat("slow.", 12) + "example\r\n", n: 1, gap: 250 * time.Millisecond},
		hostileSlowBound, "421 4.4.2")
}

// slowLMTPData sends a 20 kB message after DATA at 800 octets a second.
func slowLMTPData(t *testing.T, h *hostileEnv) {
	msg := h.slowMessage("slow-data")
	c := h.dialRow(t, hostileCase{lmtp: true, login: true})
	defer c.c.Close()
	c.c.Write([]byte("MAIL FROM:<s@example.org>\r\nRCPT TO:<alice>\r\nDATA\r\n"))
	c.expect(t, "250", true)
	c.expect(t, "250", true)
	c.expect(t, "354", true)
	h.cutOff(t, c, true, trickle{s: string(msg) + ".\r\n", n: 200, gap: 250 * time.Millisecond}, hostileSlowBound, "421 4.4.2")
}

// slowMessage is a 20 kB message that must not be stored.
func (h *hostileEnv) slowMessage(id string) []byte {
	msg := loadMessage(id, []byte(strings.Repeat(strings.Repeat("s", 78)+"\r\n", 250)))
	h.sent[id] = crashSent{sum: sha256.Sum256(msg), kind: 'l', to: []string{"nowhere"}}
	return msg
}

// trickle is what a slow client sends: s, n octets every gap.
type trickle struct {
	s   string
	n   int
	gap time.Duration
}

// run writes until all is sent or the server has closed.
func (tr trickle) run(c net.Conn) {
	for i := 0; i < len(tr.s); i += tr.n {
		if _, err := c.Write([]byte(tr.s[i:min(i+tr.n, len(tr.s))])); err != nil {
			return
		}
		time.Sleep(tr.gap)
	}
}

// cutOff trickles tr on c and checks that other clients are served
// meanwhile, and that the server ends the connection with want (a BYE's
// prefix, or an LMTP reply's) and closes it within bound and a margin.
func (h *hostileEnv) cutOff(t *testing.T, c *crashConn, lmtp bool, tr trickle, bound time.Duration, want string) {
	t.Helper()
	start := time.Now()
	c.c.SetDeadline(start.Add(bound + 10*time.Second))
	done := make(chan struct{})
	go func() { defer close(done); tr.run(c.c) }()
	defer func() { c.c.Close(); <-done }()
	time.Sleep(min(bound/2, time.Second))
	h.served(t)
	for {
		line, err := c.line()
		if err != nil {
			t.Fatalf("waiting for %q after %s: %v", want, time.Since(start).Round(time.Millisecond), err)
		}
		if strings.HasPrefix(line, want) {
			break
		}
		// An IMAP client's own NOOPs are answered until the cut.
		if lmtp || strings.HasPrefix(line, "* BYE") || !strings.HasPrefix(line, "n OK") && !strings.HasPrefix(line, "* ") {
			t.Fatalf("got %.200q, want %q", line, want)
		}
	}
	c.expectClose(t, lmtp)
	d := time.Since(start)
	t.Logf("cut off after %s", d.Round(time.Millisecond))
	if d > bound+5*time.Second {
		t.Errorf("cut off after %s, bound %s", d, bound)
	}
}
