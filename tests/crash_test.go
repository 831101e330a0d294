package tests

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/corvusmail/corvus/tests/harness"
)

// TestKill9 delivers over LMTP and appends over IMAP from several clients
// while kill -9 hits lmtpd and imapd workers, idled and master itself, many
// times. Then, after a clean restart on the same data, every message that
// got LMTP 250 or APPEND OK must be in its mailbox byte for byte, nothing
// half-written may be visible, UIDs must follow acknowledgement order and
// UIDVALIDITY must not have moved. Along the way: the orphans of a killed
// master exit by themselves (parent-death signal), master replaces killed
// workers and babysits idled.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 chaos run takes about 90 s")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rig := newCrashRig(t)
	base := rig.baseline()
	load := startCrashLoad(rig, seed)
	stopped := false
	defer func() {
		if !stopped {
			load.stop(t)
		}
	}()
	kills := rig.chaos(rand.New(rand.NewPCG(seed, 1)), 60*time.Second, 30)
	load.stop(t)
	stopped = true

	rig.checkRecovered()
	rig.shutdownClean()
	rig.start()
	checked, extra := rig.verify(base, load.ledger)
	lost := load.ledger.lost
	t.Logf("kill -9 report: %d kills survived (master %d, imapd %d, lmtpd %d, idled %d); "+
		"%d acknowledged messages checked (%d by LMTP, %d by APPEND), %d unacknowledged but stored intact, "+
		"%d IDLE wake-ups, %d failed client operations; orphans of a killed master gone within %s; lost = %d",
		kills.total(), kills.master, kills.imapd, kills.lmtpd, kills.idled,
		checked, load.ledger.count('l'), load.ledger.count('a'), extra,
		load.ledger.wakes, load.ledger.failed, rig.orphanWait.Round(time.Millisecond), lost)
	if kills.total() < 30 || kills.master < 3 {
		t.Errorf("only %d kills (%d of master); the run must kill at least 30 times, master 3", kills.total(), kills.master)
	}
	if checked < 200 {
		t.Errorf("only %d acknowledged messages: the load did not get through", checked)
	}
}

// crashCyrusConf runs what a Cyrus site runs: preforked imapd and lmtpd
// and idled from DAEMON, which master babysits.
const crashCyrusConf = `SERVICES {
  imap cmd="imapd" listen="%s" prefork=2
  lmtp cmd="lmtpd -a" listen="%s" prefork=2
}
DAEMON {
  idled cmd="idled"
}
`

const crashImapdConf = `partition-default: {dir}/part
sasl_pwcheck_method: auxprop
corvus_passwd_file: {dir}/corvus.passwd
allowplaintext: yes
admins: admin
servername: crash.example
imapidlepoll: 1s
temp_path: {dir}/tmp
`

// crashUsers are the accounts the load writes to, with their passwords.
var crashUsers = [][2]string{{"alice", "wonderland"}, {"bob", "builder"}}

// crashBoxes are the mailboxes the load writes to, as "user/mailbox".
var crashBoxes = []string{"alice/INBOX", "alice/Work", "bob/INBOX", "bob/Work"}

func crashPassword(user string) string {
	for _, u := range crashUsers {
		if u[0] == user {
			return u[1]
		}
	}
	return ""
}

// crashRig is one data directory served by a succession of masters: each
// kill -9 of master is followed by a new one on the same files and ports.
type crashRig struct {
	t          *testing.T
	dir, bin   string
	imap, lmtp string
	cfg        harness.Config
	m          *harness.Master
	orphanWait time.Duration   // longest time a killed master's children took to go
	logs       strings.Builder // logs of the masters killed so far
}

func newCrashRig(t *testing.T) *crashRig {
	t.Helper()
	r := &crashRig{t: t, dir: harness.NewDir(t), bin: harness.Bin(t),
		imap: fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t)),
		lmtp: fmt.Sprintf("127.0.0.1:%d", harness.FreePort(t))}
	r.cfg = harness.Config{CyrusConf: fmt.Sprintf(crashCyrusConf, r.imap, r.lmtp), ImapdExtra: crashImapdConf}
	if err := os.Mkdir(filepath.Join(r.dir, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, filepath.Join(r.dir, "tmp"))
	var lines []string
	for _, u := range crashUsers {
		l, _ := passwdLine(t, u[0], u[1])
		lines = append(lines, l)
	}
	pw := filepath.Join(r.dir, "corvus.passwd")
	if err := writeFile0600(pw, strings.Join(lines, "\n")+"\n"); err != nil {
		t.Fatal(err)
	}
	chownCyrus(t, pw)
	// Registered before any master: runs after their clean-ups, and
	// catches whatever a killed master left behind.
	t.Cleanup(func() {
		for _, pid := range r.family() {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		if t.Failed() {
			t.Logf("logs of the killed masters (end):\n%s", crashTail(r.logs.String(), 20000))
		}
	})
	r.start()
	return r
}

// start runs a new master on the rig's directory. The ready file of a
// killed master is still there: it goes first, or StartIn would not wait.
func (r *crashRig) start() {
	r.t.Helper()
	if err := os.Remove(filepath.Join(r.dir, "ready")); err != nil && !os.IsNotExist(err) {
		r.t.Fatal(err)
	}
	if r.m != nil {
		r.logs.WriteString(r.m.Log())
	}
	r.m = harness.StartIn(r.t, r.dir, r.cfg)
}

func crashTail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// family lists the live processes running one of the test's binaries:
// master and all it started, wherever they were reparented.
func (r *crashRig) family() []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err == nil && strings.HasPrefix(exe, r.bin+"/") && harness.Alive(pid) {
			out = append(out, pid)
		}
	}
	return out
}

// baseline logs in once per user (which creates the account), creates
// Work and returns the UIDVALIDITY of every mailbox the load writes to.
func (r *crashRig) baseline() map[string]uint32 {
	r.t.Helper()
	out := map[string]uint32{}
	for _, u := range crashUsers {
		c := crashIMAP(r.t, r.imap, u[0], u[1])
		if err := c.Create("Work", nil).Wait(); err != nil {
			r.t.Fatalf("CREATE Work for %s: %v", u[0], err)
		}
		for _, mbox := range []string{"INBOX", "Work"} {
			sel, err := c.Select(mbox, nil).Wait()
			if err != nil {
				r.t.Fatalf("SELECT %s/%s: %v", u[0], mbox, err)
			}
			out[u[0]+"/"+mbox] = sel.UIDValidity
		}
		c.Close()
	}
	return out
}

// crashIMAP is a logged-in go-imap client whose connection gives up
// after a minute whatever happens.
func crashIMAP(t *testing.T, addr, user, pw string) *imapclient.Client {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(time.Minute))
	c := imapclient.New(conn, nil)
	if err := c.Login(user, pw).Wait(); err != nil {
		c.Close()
		t.Fatalf("LOGIN %s: %v", user, err)
	}
	return c
}

// crashKills counts the processes killed, by kind.
type crashKills struct{ master, imapd, lmtpd, idled int }

func (k crashKills) total() int { return k.master + k.imapd + k.lmtpd + k.idled }

// chaos kills a process about every second for d (and until at least
// min kills): lmtpd and imapd workers, idled and, every eighth time,
// master. Worker kills are kept under master's exit-storm limit (five
// unreported deaths in ten seconds disable a service, as in Cyrus): the
// test is about data, not about that guard.
func (r *crashRig) chaos(rng *rand.Rand, d time.Duration, min int) crashKills {
	var k crashKills
	recent := map[string][]time.Time{}
	var lastIdled time.Time
	// On a slow or loaded machine a master restart takes seconds: the run
	// goes on past d until the minimum is reached, within a hard bound.
	end, hard := time.Now().Add(d), time.Now().Add(d+2*time.Minute)
	for round := 0; (time.Now().Before(end) || k.total() < min || k.master < 3) && time.Now().Before(hard); round++ {
		time.Sleep(time.Duration(600+rng.IntN(800)) * time.Millisecond)
		if round%8 == 7 {
			r.killMaster()
			k.master++
			clear(recent)
			continue
		}
		if time.Since(lastIdled) > 11*time.Second && rng.IntN(5) == 0 {
			if r.killIdled() {
				k.idled++
				lastIdled = time.Now()
			}
			continue
		}
		svc := []string{"imap", "lmtp"}[rng.IntN(2)]
		if n := countSince(recent[svc], 10*time.Second); n >= 3 {
			svc = map[string]string{"imap": "lmtp", "lmtp": "imap"}[svc]
			if countSince(recent[svc], 10*time.Second) >= 3 {
				continue
			}
		}
		ws := r.m.Workers(svc)
		if len(ws) == 0 {
			continue
		}
		if syscall.Kill(ws[rng.IntN(len(ws))].Pid, syscall.SIGKILL) == nil {
			recent[svc] = append(recent[svc], time.Now())
			if svc == "imap" {
				k.imapd++
			} else {
				k.lmtpd++
			}
		}
	}
	return k
}

func countSince(ts []time.Time, d time.Duration) int {
	n := 0
	for _, t := range ts {
		if time.Since(t) < d {
			n++
		}
	}
	return n
}

// killIdled kills idled and waits for master to start another: DAEMON
// entries are babysat (as Cyrus).
func (r *crashRig) killIdled() bool {
	r.t.Helper()
	ds := r.m.Workers("idled")
	if len(ds) != 1 {
		return false
	}
	old := ds[0].Pid
	if syscall.Kill(old, syscall.SIGKILL) != nil {
		return false
	}
	if !harness.Eventually(10*time.Second, func() bool {
		ds := r.m.Workers("idled")
		return len(ds) == 1 && ds[0].Pid != old
	}) {
		r.t.Errorf("idled (pid %d) killed: master did not start another within 10s", old)
	}
	return true
}

// killMaster kills master with SIGKILL, checks that every process it
// started goes away by itself (they get SIGTERM as their parent dies)
// and starts a new master on the same directory.
func (r *crashRig) killMaster() {
	r.t.Helper()
	kids := r.m.Children()
	r.m.Signal(syscall.SIGKILL)
	if _, ok := r.m.WaitExit(10 * time.Second); !ok {
		r.t.Fatal("master did not die of SIGKILL within 10s")
	}
	start := time.Now()
	if !harness.Eventually(15*time.Second, func() bool { return len(r.family()) == 0 }) {
		for _, pid := range r.family() {
			r.t.Errorf("pid %d (%s) still running 15s after master was killed (it had %d children)",
				pid, crashComm(pid), len(kids))
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	r.orphanWait = max(r.orphanWait, time.Since(start))
	r.start()
}

func crashComm(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	return strings.TrimSpace(string(b))
}

// checkRecovered: the master in charge after the chaos has its preforked
// workers and idled back, and disabled no service.
func (r *crashRig) checkRecovered() {
	r.t.Helper()
	ok := harness.Eventually(15*time.Second, func() bool {
		return len(r.m.Workers("imap")) >= 2 && len(r.m.Workers("lmtp")) >= 2 && len(r.m.Workers("idled")) == 1
	})
	if !ok {
		r.t.Errorf("after the kills: %d imap, %d lmtp workers, %d idled; want 2, 2, 1",
			len(r.m.Workers("imap")), len(r.m.Workers("lmtp")), len(r.m.Workers("idled")))
	}
	if strings.Contains(r.m.Log(), "service disabled") {
		r.t.Errorf("master disabled a service:\n%s", crashTail(r.m.Log(), 3000))
	}
}

// shutdownClean stops master with SIGTERM: it and every child end.
func (r *crashRig) shutdownClean() {
	r.t.Helper()
	r.m.Signal(syscall.SIGTERM)
	code, ok := r.m.WaitExit(30 * time.Second)
	if !ok || code != 0 {
		r.t.Fatalf("master after SIGTERM: exited %v, code %d", ok, code)
	}
	if !harness.Eventually(10*time.Second, func() bool { return len(r.family()) == 0 }) {
		r.t.Errorf("processes left after a clean shutdown: %v", r.family())
	}
}

// crashLedger records what the load sent and what the servers
// acknowledged. Safe for concurrent use.
type crashLedger struct {
	mu     sync.Mutex
	sent   map[string]crashSent
	acks   []crashAck
	wakes  int // EXISTS seen by the IDLE client
	failed int // client operations that broke off (killed server, refused connection)
	lost   int // acknowledged but not found at the end
}

// crashSent is a message the load tried to store.
type crashSent struct {
	sum  [32]byte // SHA-256 of the octets sent
	kind byte     // 'l' LMTP, 'a' APPEND
	to   []string // "user/mailbox" destinations
}

// crashAck is one acknowledged store: LMTP 250 for one recipient, or
// APPEND OK.
type crashAck struct {
	id, box    string
	start, end time.Time // when the client began sending, when it read the OK
	uid        uint32    // APPENDUID's (0 for LMTP, which does not say)
	validity   uint32
}

func (l *crashLedger) send(id string, kind byte, msg []byte, to []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent[id] = crashSent{sum: sha256.Sum256(msg), kind: kind, to: to}
}

func (l *crashLedger) ack(a crashAck) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks = append(l.acks, a)
}

func (l *crashLedger) fail() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failed++
}

// count returns the acknowledgements of one kind of store.
func (l *crashLedger) count(kind byte) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, a := range l.acks {
		if l.sent[a.id].kind == kind {
			n++
		}
	}
	return n
}

// crashLoad is the clients: three LMTP deliverers, three APPENDers and
// one client idling on alice's INBOX.
type crashLoad struct {
	ledger *crashLedger
	done   chan struct{}
	wg     sync.WaitGroup
}

func startCrashLoad(r *crashRig, seed uint64) *crashLoad {
	l := &crashLoad{ledger: &crashLedger{sent: map[string]crashSent{}}, done: make(chan struct{})}
	for g := range 3 {
		l.run(seed, 10+g, func(rng *rand.Rand, n *int) error { return l.lmtpSession(r.lmtp, g, n, rng) })
		l.run(seed, 20+g, func(rng *rand.Rand, n *int) error { return l.appendSession(r.imap, g, n, rng) })
	}
	l.run(seed, 30, func(*rand.Rand, *int) error { return l.idleSession(r.imap) })
	return l
}

// run repeats one client's sessions until the load stops; a session that
// breaks off (the server was killed) is counted and retried after a
// short pause.
func (l *crashLoad) run(seed uint64, stream int, session func(*rand.Rand, *int) error) {
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		rng := rand.New(rand.NewPCG(seed, uint64(stream)))
		n := 0
		for !l.stopping() {
			if err := session(rng, &n); err != nil {
				l.ledger.fail()
				select {
				case <-l.done:
				case <-time.After(time.Duration(20+rng.IntN(100)) * time.Millisecond):
				}
			}
		}
	}()
}

func (l *crashLoad) stopping() bool {
	select {
	case <-l.done:
		return true
	default:
		return false
	}
}

// stop ends the load; every client operation has a deadline, so this is
// bounded.
func (l *crashLoad) stop(t *testing.T) {
	t.Helper()
	close(l.done)
	ch := make(chan struct{})
	go func() { l.wg.Wait(); close(ch) }()
	select {
	case <-ch:
	case <-time.After(40 * time.Second):
		t.Fatal("load clients did not stop within 40s")
	}
}

// crashConn is one client connection of the load, line by line, with a
// deadline for the whole session.
type crashConn struct {
	c  net.Conn
	br *bufio.Reader
}

func crashDial(addr string, session time.Duration) (*crashConn, error) {
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(session))
	return &crashConn{c: c, br: bufio.NewReader(c)}, nil
}

func (c *crashConn) write(parts ...string) error {
	_, err := c.c.Write([]byte(strings.Join(parts, "")))
	return err
}

func (c *crashConn) line() (string, error) {
	l, err := c.br.ReadString('\n')
	return strings.TrimRight(l, "\r\n"), err
}

// reply reads an SMTP reply (all its lines) and returns its code.
func (c *crashConn) reply() (int, string, error) {
	for {
		l, err := c.line()
		if err != nil {
			return 0, l, err
		}
		if len(l) < 4 || l[3] != '-' {
			code, _ := strconv.Atoi(l[:min(3, len(l))])
			return code, l, nil
		}
	}
}

// cmd sends an LMTP command and fails unless the reply has code want.
func (c *crashConn) cmd(line string, want int) error {
	if err := c.write(line, "\r\n"); err != nil {
		return err
	}
	code, text, err := c.reply()
	if err == nil && code != want {
		err = fmt.Errorf("%s: %q", line, text)
	}
	return err
}

// tagged reads IMAP responses up to the status line of tag.
func (c *crashConn) tagged(tag string) (string, error) {
	for {
		l, err := c.line()
		if err != nil || strings.HasPrefix(l, tag+" ") {
			return l, err
		}
	}
}

// lmtpSession delivers up to three messages on one connection, each to
// alice, bob or both, and records each recipient's 250.
func (l *crashLoad) lmtpSession(addr string, g int, n *int, rng *rand.Rand) error {
	c, err := crashDial(addr, 20*time.Second)
	if err != nil {
		return err
	}
	defer c.c.Close()
	if code, text, err := c.reply(); err != nil || code != 220 {
		return fmt.Errorf("greeting %q: %v", text, err)
	}
	if err := c.cmd("LHLO load.example", 250); err != nil {
		return err
	}
	for k := 0; k < 3 && !l.stopping(); k++ {
		rcpts := [][]string{{"alice"}, {"bob"}, {"alice", "bob"}}[rng.IntN(3)]
		id := fmt.Sprintf("l%d-%d", g, *n)
		*n++
		msg := crashMessage(rng, id)
		var to []string
		for _, u := range rcpts {
			to = append(to, u+"/INBOX")
		}
		l.ledger.send(id, 'l', msg, to)
		start := time.Now()
		if err := c.cmd("MAIL FROM:<load@crash.example>", 250); err != nil {
			return err
		}
		for _, u := range rcpts {
			if err := c.cmd("RCPT TO:<"+u+">", 250); err != nil {
				return err
			}
		}
		if err := c.cmd("DATA", 354); err != nil {
			return err
		}
		if err := c.write(string(msg), ".\r\n"); err != nil {
			return err
		}
		for _, u := range rcpts {
			code, text, err := c.reply()
			if err != nil {
				return err
			}
			if code != 250 {
				return fmt.Errorf("after DATA for %s: %q", u, text)
			}
			l.ledger.ack(crashAck{id: id, box: u + "/INBOX", start: start, end: time.Now()})
		}
	}
	return c.write("QUIT\r\n")
}

// appendSession logs in as alice or bob and APPENDs up to five messages
// to INBOX or Work, with synchronising and non-synchronising literals.
func (l *crashLoad) appendSession(addr string, g int, n *int, rng *rand.Rand) error {
	c, err := crashDial(addr, 20*time.Second)
	if err != nil {
		return err
	}
	defer c.c.Close()
	if g, err := c.line(); err != nil || !strings.HasPrefix(g, "* OK") {
		return fmt.Errorf("greeting %q: %v", g, err)
	}
	user := crashUsers[rng.IntN(len(crashUsers))]
	c.write("a LOGIN ", user[0], " ", user[1], "\r\n")
	if st, err := c.tagged("a"); err != nil || !strings.HasPrefix(st, "a OK") {
		return fmt.Errorf("LOGIN %q: %v", st, err)
	}
	for k := 0; k < 5 && !l.stopping(); k++ {
		box := user[0] + "/" + []string{"INBOX", "Work"}[rng.IntN(2)]
		_, mbox, _ := strings.Cut(box, "/")
		id := fmt.Sprintf("a%d-%d", g, *n)
		*n++
		msg := crashMessage(rng, id)
		l.ledger.send(id, 'a', msg, []string{box})
		tag := "b" + strconv.Itoa(k)
		start := time.Now()
		if rng.IntN(2) == 0 {
			err = c.write(fmt.Sprintf("%s APPEND %s {%d+}\r\n", tag, mbox, len(msg)), string(msg), "\r\n")
		} else if err = c.write(fmt.Sprintf("%s APPEND %s {%d}\r\n", tag, mbox, len(msg))); err == nil {
			var cont string
			if cont, err = c.line(); err == nil && !strings.HasPrefix(cont, "+") {
				err = fmt.Errorf("APPEND: %q", cont)
			}
			if err == nil {
				err = c.write(string(msg), "\r\n")
			}
		}
		if err != nil {
			return err
		}
		st, err := c.tagged(tag)
		if err != nil {
			return err
		}
		var validity, uid uint32
		if _, err := fmt.Sscanf(st, tag+" OK [APPENDUID %d %d]", &validity, &uid); err != nil {
			return fmt.Errorf("APPEND: %q", st)
		}
		l.ledger.ack(crashAck{id: id, box: box, start: start, end: time.Now(), uid: uid, validity: validity})
	}
	return c.write("z LOGOUT\r\n")
}

// idleSession idles on alice's INBOX for a few seconds, counting the
// EXISTS it is woken with; the session ends by its deadline.
func (l *crashLoad) idleSession(addr string) error {
	c, err := crashDial(addr, 8*time.Second)
	if err != nil {
		return err
	}
	defer c.c.Close()
	c.line()
	c.write("a LOGIN alice wonderland\r\nb SELECT INBOX\r\n")
	if st, err := c.tagged("b"); err != nil || !strings.HasPrefix(st, "b OK") {
		return fmt.Errorf("SELECT %q: %v", st, err)
	}
	c.write("i IDLE\r\n")
	for {
		line, err := c.line()
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				return nil // the session's time is up
			}
			return err
		}
		if strings.HasSuffix(line, " EXISTS") {
			l.ledger.mu.Lock()
			l.ledger.wakes++
			l.ledger.mu.Unlock()
		}
	}
}

const crashAlnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// crashMessage builds a message of 200 octets to 8 kB (one in twenty
// 100-200 kB) of random lines (none starting with a dot).
func crashMessage(rng *rand.Rand, id string) []byte {
	size := 200 + rng.IntN(8000)
	if rng.IntN(20) == 0 {
		size = 100_000 + rng.IntN(100_000)
	}
	var body bytes.Buffer
	line := make([]byte, 72)
	for body.Len() < size {
		for i := range line {
			line[i] = crashAlnum[rng.IntN(len(crashAlnum))]
		}
		body.Write(line)
		body.WriteString("\r\n")
	}
	return loadMessage(id, body.Bytes())
}

// loadMessage is a message whose header carries its id and its body's
// checksum, so that a message read back can be checked on its own.
func loadMessage(id string, body []byte) []byte {
	sum := sha256.Sum256(body)
	hdr := fmt.Sprintf("X-Crash-Id: %s\r\nX-Crash-Body: %x\r\nMessage-ID: <%s@crash.example>\r\n"+
		"From: load@crash.example\r\nTo: someone@crash.example\r\nSubject: crash %s\r\n"+
		"Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n\r\n", id, sum, id, id)
	return append([]byte(hdr), body...)
}

// verify reads every mailbox of the load back and checks it against the
// ledger. It returns the acknowledged stores found and the
// unacknowledged messages that were stored anyway (whole, as they must).
func (r *crashRig) verify(base map[string]uint32, led *crashLedger) (checked, extra int) {
	r.t.Helper()
	led.mu.Lock()
	defer led.mu.Unlock()
	acked := map[string][]crashAck{}
	for _, a := range led.acks {
		acked[a.box] = append(acked[a.box], a)
	}
	for _, box := range crashBoxes {
		user, mbox, _ := strings.Cut(box, "/")
		validity, msgs := crashFetchAll(r.t, r.imap, user, crashPassword(user), mbox)
		if validity != base[box] {
			r.t.Errorf("%s: UIDVALIDITY %d, was %d before the kills", box, validity, base[box])
		}
		uids := map[string]uint32{}
		for _, m := range msgs {
			id, err := crashCheck(m.body, box, led.sent)
			if err != nil {
				r.t.Errorf("%s UID %d: %v", box, m.uid, err)
				continue
			}
			if prev, dup := uids[id]; dup {
				r.t.Errorf("%s: %s stored twice (UIDs %d and %d)", box, id, prev, m.uid)
			}
			uids[id] = m.uid
		}
		found := 0
		for _, a := range acked[box] {
			uid, ok := uids[a.id]
			switch {
			case !ok:
				r.t.Errorf("%s: %s acknowledged at %s is missing", box, a.id, a.end.Format("15:04:05.000"))
				led.lost++
				continue
			case a.uid != 0 && (a.uid != uid || a.validity != base[box]):
				r.t.Errorf("%s: %s has UID %d; APPENDUID said %d %d (UIDVALIDITY %d)", box, a.id, uid, a.validity, a.uid, base[box])
			}
			found++
		}
		checked += found
		extra += len(uids) - found
		checkArrivalOrder(r.t, box, acked[box], uids)
	}
	return checked, extra
}

// crashCheck checks one message read back: it is one the load sent to
// box, its octets are the ones sent (after the trace headers lmtpd puts
// in front), and its body matches the checksum in its header.
func crashCheck(raw []byte, box string, sent map[string]crashSent) (string, error) {
	i := bytes.Index(raw, []byte("X-Crash-Id: "))
	if i < 0 {
		return "", fmt.Errorf("not a message of the load (%d octets): %.200q", len(raw), raw)
	}
	own := raw[i:]
	id, _, _ := bytes.Cut(own[len("X-Crash-Id: "):], []byte("\r\n"))
	s, ok := sent[string(id)]
	switch {
	case !ok:
		return "", fmt.Errorf("unknown id %q", id)
	case !slices.Contains(s.to, box):
		return "", fmt.Errorf("%s was sent to %v, not here", id, s.to)
	case s.kind == 'a' && i != 0:
		return "", fmt.Errorf("APPENDed %s has %d octets in front of it", id, i)
	}
	hdr, body, ok := bytes.Cut(own, []byte("\r\n\r\n"))
	bodySum := sha256.Sum256(body)
	if !ok || !bytes.Contains(hdr, []byte("X-Crash-Body: "+hex.EncodeToString(bodySum[:]))) {
		return "", fmt.Errorf("%s: body (%d octets) does not match its checksum: half-written?", id, len(body))
	}
	if sha256.Sum256(own) != s.sum {
		return "", fmt.Errorf("%s: %d octets differ from what was sent", id, len(own))
	}
	return string(id), nil
}

// checkArrivalOrder: a message acknowledged before another was sent has
// the smaller UID, since UIDs are allocated in commit order and never go
// backwards.
func checkArrivalOrder(t *testing.T, box string, acks []crashAck, uids map[string]uint32) {
	t.Helper()
	var done []crashAck
	for _, a := range acks {
		if _, ok := uids[a.id]; ok {
			done = append(done, a)
		}
	}
	slices.SortFunc(done, func(a, b crashAck) int { return a.end.Compare(b.end) })
	// highest[i] is the highest UID among done[:i+1].
	highest := make([]uint32, len(done))
	for i, a := range done {
		highest[i] = uids[a.id]
		if i > 0 {
			highest[i] = max(highest[i], highest[i-1])
		}
	}
	for _, b := range done {
		before, _ := slices.BinarySearchFunc(done, b.start, func(a crashAck, t time.Time) int { return a.end.Compare(t) })
		if before > 0 && highest[before-1] >= uids[b.id] {
			t.Errorf("%s: %s (UID %d) was sent after a message with UID %d had been acknowledged",
				box, b.id, uids[b.id], highest[before-1])
		}
	}
}

// crashFetched is one message read back.
type crashFetched struct {
	uid  uint32
	body []byte
}

// crashFetchAll returns a mailbox's UIDVALIDITY and all its messages.
func crashFetchAll(t *testing.T, addr, user, pw, mbox string) (uint32, []crashFetched) {
	t.Helper()
	c := crashIMAP(t, addr, user, pw)
	defer c.Close()
	sel, err := c.Select(mbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("EXAMINE %s/%s: %v", user, mbox, err)
	}
	if sel.NumMessages == 0 {
		return sel.UIDValidity, nil
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{
		UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil {
		t.Fatalf("FETCH %s/%s: %v", user, mbox, err)
	}
	out := make([]crashFetched, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, crashFetched{uid: uint32(m.UID), body: m.FindBodySection(&imap.FetchItemBodySection{})})
	}
	if len(out) != int(sel.NumMessages) {
		t.Errorf("%s/%s: EXAMINE says %d messages, FETCH 1:* returned %d", user, mbox, sel.NumMessages, len(out))
	}
	return sel.UIDValidity, out
}
