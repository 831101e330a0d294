package delivery

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/autocreate"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// autocreateOn is the autocreate configuration of these tests.
func autocreateOn(o *Options) {
	o.Autocreate = autocreate.Settings{
		Post:             true,
		Users:            []string{"anyone"},
		InboxFolders:     []string{"Sent", "Trash", "Lists/Go", "a//b"},
		SubscribeFolders: []string{"Sent", "Lists/Go", "Nope"},
		Quota:            &store.QuotaLimits{StorageKB: 1000, Messages: store.Unlimited},
	}
}

// checkAutocreated checks what autocreate must leave behind.
func checkAutocreated(t *testing.T, e *env, user string, messages int) {
	t.Helper()
	ctx := context.Background()
	a := e.account(user)
	list, err := a.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range list {
		names = append(names, m.Name)
	}
	if want := []string{"INBOX", "Lists/Go", "Sent", "Trash"}; !slices.Equal(names, want) {
		t.Errorf("mailboxes = %q, want %q", names, want)
	}
	subs, err := a.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"INBOX", "Lists/Go", "Sent"}; !slices.Equal(subs, want) {
		t.Errorf("subscriptions = %q, want %q", subs, want)
	}
	q, err := a.Quota(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if q.Limits.StorageKB != 1000 || q.Limits.Messages != store.Unlimited {
		t.Errorf("quota limits = %+v", q.Limits)
	}
	if n := e.count(user, store.Inbox); n != messages {
		t.Errorf("INBOX holds %d, want %d", n, messages)
	}
}

func TestAutocreate(t *testing.T) {
	ctx := context.Background()
	t.Run("off", func(t *testing.T) {
		e := newEnv(t, nil)
		if _, err := e.d.Resolve(ctx, "newbie"); !errors.Is(err, ErrUnknownUser) {
			t.Fatalf("err = %v, want ErrUnknownUser", err)
		}
	})
	t.Run("on", func(t *testing.T) {
		e := newEnv(t, autocreateOn)
		tg := e.resolve("newbie+Sent")
		if !tg[0].Autocreate {
			t.Fatalf("target %+v not marked for autocreate", tg[0])
		}
		if users, _ := e.st.Users(ctx); len(users) != 0 {
			t.Fatalf("Resolve created %q", users)
		}
		res := e.d.Deliver(ctx, message(rawMessage("n@x", "n")), tg)
		mustOK(t, res)
		// A new folder has the owner's rights only: the detail falls back.
		if res[0].Mailbox != store.Inbox {
			t.Errorf("delivered to %q, want INBOX", res[0].Mailbox)
		}
		checkAutocreated(t, e, "newbie", 1)
		if tg := e.resolve("newbie"); tg[0].Autocreate {
			t.Error("existing account still marked for autocreate")
		}
	})
	t.Run("listed users only", func(t *testing.T) {
		e := newEnv(t, func(o *Options) {
			autocreateOn(o)
			o.Autocreate.Users = []string{"Alice", "group:staff"}
		})
		if _, err := e.d.Resolve(ctx, "bob"); !errors.Is(err, ErrUnknownUser) {
			t.Errorf("bob: err = %v, want ErrUnknownUser", err)
		}
		mustOK(t, e.deliver(message(rawMessage("a@x", "a")), "alice"))
	})
	t.Run("never admins", func(t *testing.T) {
		e := newEnv(t, func(o *Options) {
			autocreateOn(o)
			o.Names = auth.NewNames(auth.Config{Admins: []string{"admin"}, ProxyServers: []string{"relay"}})
		})
		for _, u := range []string{"admin", "relay"} {
			if _, err := e.d.Resolve(ctx, u); !errors.Is(err, ErrUnknownUser) {
				t.Errorf("%s: err = %v, want ErrUnknownUser", u, err)
			}
		}
	})
	t.Run("no quota", func(t *testing.T) {
		e := newEnv(t, func(o *Options) { autocreateOn(o); o.Autocreate.Quota = nil })
		mustOK(t, e.deliver(message(rawMessage("q@x", "q")), "newbie"))
		q, err := e.account("newbie").Quota(ctx)
		if err != nil || q.Limits.StorageKB != store.Unlimited || q.Limits.Messages != store.Unlimited {
			t.Errorf("quota = %+v, %v; want unlimited", q, err)
		}
	})
}

// TestAutocreateConcurrent: first deliveries to one new user through
// separate store handles, all at once, must all succeed.
func TestAutocreateConcurrent(t *testing.T) {
	const n = 8
	e := newEnv(t, autocreateOn)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := make(chan struct{})
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		st := openStore(t, e.dir)
		opt := baseOptions(t)
		autocreateOn(&opt)
		opt.Store = st
		d := New(opt)
		tg, err := d.Resolve(ctx, "newbie")
		if err != nil || !tg.Autocreate {
			t.Fatalf("Resolve: %+v, %v", tg, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res := d.Deliver(ctx, message(rawMessage(fmt.Sprintf("c%d@x", i), "c")), []Target{tg})
			errs <- res[0].Err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent first delivery: %v", err)
		}
	}
	checkAutocreated(t, e, "newbie", n)
}

// childEnv makes the test binary a delivering child process; see
// TestMain.
const childEnv = "CORVUS_DELIVERY_TEST_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runChild(spec))
	}
	os.Exit(m.Run())
}

// runChild resolves user (which must still be unknown), says "ready",
// waits for the go file, then delivers count messages: the first through
// autocreate. spec is "partition user id count gofile".
func runChild(spec string) int {
	var dir, user, gofile string
	var id, count int
	if _, err := fmt.Sscan(spec, &dir, &user, &id, &count, &gofile); err != nil {
		fmt.Fprintln(os.Stderr, "child spec:", err)
		return 2
	}
	st, err := openChildStore(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	opt := Options{Store: st, Names: auth.NewNames(auth.Config{}), DuplicateSuppression: true,
		UnixHierarchySep: true, Log: zerolog.Nop()}
	autocreateOn(&opt)
	d := New(opt)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tg, err := d.Resolve(ctx, user)
	if err != nil || !tg.Autocreate {
		fmt.Fprintf(os.Stderr, "resolve: %+v, %v\n", tg, err)
		return 1
	}
	fmt.Println("ready")
	if !waitFile(gofile, 20*time.Second) {
		fmt.Fprintln(os.Stderr, "child: no go file")
		return 2
	}
	for i := range count {
		raw := rawMessage(fmt.Sprintf("p%d-%d@x", id, i), "p")
		res := d.Deliver(ctx, Message{Body: bytes.NewReader(raw), Size: int64(len(raw))}, []Target{tg})
		if res[0].Err != nil {
			fmt.Fprintln(os.Stderr, "deliver:", res[0].Err)
			return 1
		}
	}
	return 0
}

// waitFile polls for a file until the timeout.
func waitFile(name string, timeout time.Duration) bool {
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if _, err := os.Stat(name); err == nil {
			return true
		}
	}
	return false
}

// TestAutocreateProcesses: the same race between processes, each with its
// own store on the same partition. Every child resolves the unknown user
// before any of them delivers.
func TestAutocreateProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const procs, count = 3, 5
	e := newEnv(t, autocreateOn)
	gofile := filepath.Join(t.TempDir(), "go")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	for i := range procs {
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
		spec := fmt.Sprintf("%s newbie %d %d %s", e.dir, i, count, gofile)
		cmd.Env = append(os.Environ(), childEnv+"="+spec)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, errs = append(cmds, cmd), append(errs, &stderr)
		// Bounded by ctx: CommandContext kills the child, closing the pipe.
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		if line != "ready\n" {
			cancel() // kills every child started so far
			for _, c := range cmds {
				c.Wait()
			}
			t.Fatalf("child %d: %q\n%s", i, line, &stderr)
		}
	}
	if err := os.WriteFile(gofile, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v\n%s", i, err, errs[i])
		}
	}
	checkAutocreated(t, e, "newbie", procs*count)
}

func openChildStore(dir string) (*sqlite.Store, error) {
	return sqlite.Open(sqlite.Options{Partition: dir})
}
