package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/store"
	"github.com/emersion/go-imap/v2"
)

// The multi-process tests re-execute the test binary as a child that
// appends to a store; TestMain diverts such a child before any test runs.
const childEnv = "CORVUS_STORE_TEST_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runChild(spec))
	}
	os.Exit(m.Run())
}

// childBody is the deterministic message number i of child id, of a
// size between 1 and ~150 KB so that kills land inside writes too.
func childBody(id, i int) []byte {
	r := rand.New(rand.NewPCG(uint64(id), uint64(i)))
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: child%d@example.org\r\nSubject: %d/%d\r\n\r\n", id, id, i)
	line := strings.Repeat(strconv.Itoa(id%10), 76) + "\r\n"
	for n := r.IntN(2000) + 10; n > 0; n-- {
		b.WriteString(line)
	}
	return b.Bytes()
}

// runChild appends messages and prints "ACK <n> <uid> <guid>" after each
// append returned. spec is "partition user id count mode" (count 0:
// forever; mode "create" creates the account first, as lmtpd's
// autocreate).
func runChild(spec string) int {
	var partition, user, mode string
	var id, count int
	if _, err := fmt.Sscan(spec, &partition, &user, &id, &count, &mode); err != nil {
		fmt.Fprintln(os.Stderr, "child spec:", err)
		return 2
	}
	s, err := Open(Options{Partition: partition})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	open := s.Open
	if mode == "create" {
		open = s.Create
	}
	a, err := open(ctx, user)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	mb, err := a.Mailbox(ctx, store.Inbox)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; count == 0 || i < count; i++ {
		b := childBody(id, i)
		res, err := mb.Append(ctx, bytes.NewReader(b), store.NewMessage{}, store.AppendOptions{})
		if err != nil {
			fmt.Fprintln(os.Stderr, "append:", err)
			return 1
		}
		h := sha1.Sum(b)
		// One write per line: a kill can truncate the line but not
		// interleave it.
		os.Stdout.WriteString(fmt.Sprintf("ACK %d %d %s\n", i, res.UID, hex.EncodeToString(h[:])))
	}
	return 0
}

// ack is one acknowledged append reported by a child.
type ack struct {
	uid  imap.UID
	guid string
}

// startChild starts an appending child and returns a channel of its acks
// (closed when its output ends) and the command.
func startChild(t *testing.T, ctx context.Context, partition, user string, id, count int, mode string) (*exec.Cmd, <-chan ack) {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d %d %s", childEnv, partition, user, id, count, mode))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	acks := make(chan ack, 1024)
	go func() {
		defer close(acks)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var n int
			var a ack
			if _, err := fmt.Sscanf(sc.Text(), "ACK %d %d %s", &n, &a.uid, &a.guid); err == nil && len(a.guid) == 40 {
				acks <- a
			}
		}
		io.Copy(io.Discard, out)
	}()
	return cmd, acks
}

// TestMultiProcessAppend has several processes and goroutines append to
// one mailbox at once: all succeed, UIDs are unique and increase per
// appender, nothing is lost.
func TestMultiProcessAppend(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	s := newTestStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	a, err := s.Create(ctx, "shared")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const procs, goroutines, each = 4, 4, 20
	var all []ack
	var mu sync.Mutex
	var wg sync.WaitGroup
	for p := range procs {
		cmd, acks := startChild(t, ctx, s.opts.Partition, "shared", p, each, "open")
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []ack
			for a := range acks {
				mine = append(mine, a)
			}
			if err := cmd.Wait(); err != nil {
				t.Errorf("child %d: %v", p, err)
			}
			checkIncreasing(t, fmt.Sprintf("child %d", p), mine, each)
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	mb, err := a.Mailbox(ctx, store.Inbox)
	if err != nil {
		t.Fatal(err)
	}
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []ack
			for i := range each {
				b := childBody(100+g, i)
				res, err := mb.Append(ctx, bytes.NewReader(b), store.NewMessage{}, store.AppendOptions{})
				if err != nil {
					t.Errorf("goroutine %d: %v", g, err)
					return
				}
				h := sha1.Sum(b)
				mine = append(mine, ack{res.UID, hex.EncodeToString(h[:])})
			}
			checkIncreasing(t, fmt.Sprintf("goroutine %d", g), mine, each)
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	present := checkAcked(t, ctx, mb, all)
	if len(present) != (procs+goroutines)*each {
		t.Errorf("%d messages present, want %d", len(present), (procs+goroutines)*each)
	}
}

// checkIncreasing checks one appender's acks: the expected count, UIDs
// strictly increasing.
func checkIncreasing(t *testing.T, who string, acks []ack, want int) {
	t.Helper()
	if len(acks) != want {
		t.Errorf("%s: %d acks, want %d", who, len(acks), want)
	}
	for i := 1; i < len(acks); i++ {
		if acks[i].uid <= acks[i-1].uid {
			t.Errorf("%s: UID %d after %d", who, acks[i].uid, acks[i-1].uid)
		}
	}
}

// checkAcked verifies that every acknowledged append is present with its
// GUID, that every message present is whole (its bytes hash to its GUID
// and match its size), and that no UID appears twice. It returns the
// messages present.
func checkAcked(t *testing.T, ctx context.Context, mb store.Mailbox, acks []ack) []store.Message {
	t.Helper()
	msgs, err := mb.Fetch(ctx, imap.UIDSet{{Start: 1, Stop: 0}}, store.FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byUID := make(map[imap.UID]store.Message, len(msgs))
	for _, m := range msgs {
		if _, dup := byUID[m.UID]; dup {
			t.Errorf("UID %d twice", m.UID)
		}
		byUID[m.UID] = m
		c, err := mb.Open(ctx, m.UID)
		if err != nil {
			t.Errorf("UID %d visible but unreadable: %v", m.UID, err)
			continue
		}
		h := sha1.New()
		n, _ := io.Copy(h, io.NewSectionReader(c, 0, c.Size()))
		c.Close()
		if hex.EncodeToString(h.Sum(nil)) != m.GUID || n != m.Size {
			t.Errorf("UID %d half-written: %d bytes of %d, hash differs from GUID", m.UID, n, m.Size)
		}
	}
	for _, a := range acks {
		m, ok := byUID[a.uid]
		if !ok {
			t.Errorf("acknowledged UID %d lost", a.uid)
		} else if m.GUID != a.guid {
			t.Errorf("acknowledged UID %d has GUID %s, want %s", a.uid, m.GUID, a.guid)
		}
	}
	return msgs
}

// TestKillDuringAppends SIGKILLs appending processes at random moments and
// checks that every acknowledged append survived intact, that nothing
// half-written is visible, that Sweep finds the debris consistent, and
// that UIDs keep increasing afterwards.
func TestKillDuringAppends(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	s := newTestStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	a, err := s.Create(ctx, "victim")
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	var acked []ack
	var highest imap.UID
	for round := range 4 {
		cmds := make([]*exec.Cmd, 2)
		chans := make([]<-chan ack, 2)
		for i := range cmds {
			cmds[i], chans[i] = startChild(t, ctx, s.opts.Partition, "victim", round*10+i, 0, "open")
		}
		// Let them run until a random number of acks, then kill.
		target := 5 + rand.IntN(30)
		var got []ack
		deadline := time.After(20 * time.Second)
	collect:
		for len(got) < target {
			select {
			case x, ok := <-chans[0]:
				if !ok {
					t.Fatal("child 0 ended early")
				}
				got = append(got, x)
			case x, ok := <-chans[1]:
				if !ok {
					t.Fatal("child 1 ended early")
				}
				got = append(got, x)
			case <-deadline:
				break collect
			}
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		for _, c := range cmds {
			c.Process.Signal(syscall.SIGKILL)
		}
		for i, c := range cmds {
			c.Wait()
			for x := range chans[i] { // acks printed before the kill landed
				got = append(got, x)
			}
		}
		for _, x := range got {
			if x.uid <= highest {
				t.Errorf("round %d: UID %d not above %d, the highest before the round", round, x.uid, highest)
			}
		}
		acked = append(acked, got...)
		highest = verifyAfterKill(t, ctx, s, acked)
		t.Logf("round %d: %d acks, highest UID %d", round, len(got), highest)
	}
}

// verifyAfterKill checks the account after a kill and returns its highest
// UID.
func verifyAfterKill(t *testing.T, ctx context.Context, s *Store, acked []ack) imap.UID {
	t.Helper()
	a, err := s.Open(ctx, "victim")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	mb, err := a.Mailbox(ctx, store.Inbox)
	if err != nil {
		t.Fatal(err)
	}
	msgs := checkAcked(t, ctx, mb, acked)
	rep, err := a.Sweep(ctx, store.SweepOptions{Grace: time.Nanosecond, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sweep after kill: %d orphan files removed", rep.Orphans)
	if len(rep.Missing) > 0 || len(rep.Corrupt) > 0 || rep.Recounted > 0 {
		t.Errorf("Sweep after kill: %+v", rep)
	}
	st, err := mb.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if int(st.Messages) != len(msgs) {
		t.Errorf("status says %d messages, %d present", st.Messages, len(msgs))
	}
	if len(msgs) == 0 {
		return 0
	}
	return msgs[len(msgs)-1].UID
}

// TestMultiProcessCreate has several processes create the same new
// account at once and deliver into it, as concurrent first deliveries to
// an autocreated user: all succeed (Cyrus 3.6 answers one of them "451
// Mailbox already exists").
func TestMultiProcessCreate(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	s := newTestStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const procs = 4
	var all []ack
	for round := range 3 {
		user := fmt.Sprintf("new%d", round)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for p := range procs {
			cmd, acks := startChild(t, ctx, s.opts.Partition, user, p, 2, "create")
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []ack
				for a := range acks {
					mine = append(mine, a)
				}
				if err := cmd.Wait(); err != nil {
					t.Errorf("%s child %d: %v", user, p, err)
				}
				mu.Lock()
				all = append(all, mine...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		a, err := s.Open(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		mb, err := a.Mailbox(ctx, store.Inbox)
		if err != nil {
			t.Fatal(err)
		}
		if msgs := checkAcked(t, ctx, mb, all); len(msgs) != procs*2 {
			t.Errorf("%s: %d messages, want %d", user, len(msgs), procs*2)
		}
		list, _ := a.List(ctx)
		if len(list) != 1 {
			t.Errorf("%s: %d mailboxes after concurrent creates", user, len(list))
		}
		a.Close()
		all = nil
	}
}
