package idle

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// A change notified by one process wakes an IDLE session of another, over
// real sockets: Notifier → Daemon → Watcher.
func TestWakeLatency(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	d := startDaemon(t, idled, nil)
	w, _ := newWatcher(t, idled, "idle.101", time.Hour)
	wake, stop := w.Watch("alice", "F1")
	defer stop()
	waitFor(t, "the watch to reach idled", func() bool { return d.Watchers() == 1 })
	if !w.Reachable() {
		t.Error("Reachable() = false after idled took the watch")
	}
	n := NewNotifier(idled)
	defer n.Close()
	for i := range 3 {
		if err := n.Notify(context.Background(), "alice", "F1", uint64(10+i)); err != nil {
			t.Fatalf("Notify: %v", err)
		}
		lat := waitWake(t, "watcher", wake)
		t.Logf("wake-up %d after %v", i, lat)
	}
}

// Every watcher of a mailbox is woken, every session of each; watchers of
// other mailboxes, or of the same id under another user, are not.
func TestSeveralWatchers(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	d := startDaemon(t, idled, nil)
	var wakes []<-chan struct{}
	for _, name := range []string{"idle.101", "idle.102", "idle.103"} {
		w, _ := newWatcher(t, idled, name, time.Hour)
		wake, stop := w.Watch("alice", "F1")
		defer stop()
		wakes = append(wakes, wake)
		if name == "idle.101" {
			// A second session of the same process on the same mailbox
			// shares its watch at idled.
			wake2, stop2 := w.Watch("alice", "F1")
			defer stop2()
			wakes = append(wakes, wake2)
		}
	}
	other, _ := newWatcher(t, idled, "idle.104", time.Hour)
	otherBox, stop1 := other.Watch("alice", "F2")
	defer stop1()
	otherUser, stop2 := other.Watch("bob", "F1")
	defer stop2()
	waitFor(t, "5 watches at idled", func() bool { return d.Watchers() == 5 })

	n := NewNotifier(idled)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 7); err != nil {
		t.Fatal(err)
	}
	for i, wake := range wakes {
		waitWake(t, "session "+string(rune('A'+i)), wake)
	}
	noWake(t, "watcher of alice/F2", otherBox)
	noWake(t, "watcher of bob/F1", otherUser)
}

// stop ends a session's watch; idled forgets it with the last session of
// the process, and when the Watcher closes.
func TestUnwatch(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	d := startDaemon(t, idled, nil)
	w, _ := newWatcher(t, idled, "idle.101", time.Hour)
	_, stopA := w.Watch("alice", "F1")
	wakeB, stopB := w.Watch("alice", "F1")
	_, stopC := w.Watch("alice", "F2")
	defer stopC()
	waitFor(t, "2 watches", func() bool { return d.Watchers() == 2 })
	stopA()
	stopA() // twice is harmless
	n := NewNotifier(idled)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 3); err != nil {
		t.Fatal(err)
	}
	waitWake(t, "remaining session of F1", wakeB)
	if got := d.Watchers(); got != 2 {
		t.Errorf("after one of two sessions stopped: %d watches, want 2", got)
	}
	stopB()
	waitFor(t, "F1's watch to go", func() bool { return d.Watchers() == 1 })
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	waitFor(t, "all watches to go on Close", func() bool { return d.Watchers() == 0 })
}

// A watcher that died without a word is dropped at the next change: its
// socket file gone (ENOENT) or left behind (ECONNREFUSED).
func TestDeadWatcherDropped(t *testing.T) {
	for _, leaveFile := range []bool{false, true} {
		name := map[bool]string{false: "socket removed", true: "socket file left"}[leaveFile]
		t.Run(name, func(t *testing.T) {
			dir := sockDir(t)
			idled := filepath.Join(dir, "idle")
			d := startDaemon(t, idled, nil)
			dead, err := Bind(filepath.Join(dir, "idle.999"), 0o600)
			if err != nil {
				t.Fatal(err)
			}
			for _, mb := range []string{"F1", "F2"} {
				sendRawDatagram(t, dead, mustEncode(t, Message{Type: Watch, PID: 999, User: "alice", MailboxID: mb}), idled)
			}
			live, _ := newWatcher(t, idled, "idle.101", time.Hour)
			wake, stop := live.Watch("alice", "F1")
			defer stop()
			waitFor(t, "3 watches", func() bool { return d.Watchers() == 3 })
			if leaveFile {
				_ = dead.UnixConn.Close()
			} else {
				_ = dead.Close()
			}
			n := NewNotifier(idled)
			defer n.Close()
			if err := n.Notify(context.Background(), "alice", "F1", 1); err != nil {
				t.Fatal(err)
			}
			waitWake(t, "live watcher", wake)
			// Both watches of the dead one go, not only the notified one.
			waitFor(t, "the dead watcher's watches to go", func() bool { return d.Watchers() == 1 })
		})
	}
}

// A Daemon forgets watches that are not refreshed in time.
func TestExpire(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	d := startDaemon(t, idled, func(d *Daemon) { d.Expire = 100 * time.Millisecond })
	quiet, err := Bind(filepath.Join(dir, "quiet"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer quiet.Close()
	sendRawDatagram(t, quiet, mustEncode(t, Message{Type: Watch, PID: 5, User: "alice", MailboxID: "F1"}), idled)
	// A Watcher refreshing faster than Expire keeps its watch.
	w, _ := newWatcher(t, idled, "idle.101", 20*time.Millisecond)
	_, stop := w.Watch("alice", "F1")
	defer stop()
	waitFor(t, "2 watches", func() bool { return d.Watchers() == 2 })
	waitFor(t, "the unrefreshed watch to expire", func() bool { return d.Watchers() == 1 })
	time.Sleep(300 * time.Millisecond) // three Expire periods
	if got := d.Watchers(); got != 1 {
		t.Errorf("refreshed watch expired: %d watches, want 1", got)
	}
}

// The table is bounded: a new watch beyond MaxWatchers is refused and
// logged; refreshes of the watches held are still taken.
func TestMaxWatchers(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	d := startDaemon(t, idled, func(d *Daemon) { d.MaxWatchers = 2 })
	s, err := Bind(filepath.Join(dir, "many"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, mb := range []string{"F1", "F2", "F3", "F4", "F1"} {
		sendRawDatagram(t, s, mustEncode(t, Message{Type: Watch, PID: 5, User: "alice", MailboxID: mb}), idled)
	}
	waitFor(t, "the refusal to be logged", func() bool { return d.logs.count("watch refused") == 1 })
	if got := d.Watchers(); got != 2 {
		t.Errorf("%d watches, want MaxWatchers = 2", got)
	}
	// Rate-limited: two refusals, one line.
	time.Sleep(50 * time.Millisecond)
	if got := d.logs.count("watch refused"); got != 1 {
		t.Errorf("%d refusal lines, want 1 within %v", got, warnEvery)
	}
}

// A watcher refreshing its watches is woken again by an idled that master
// restarted, even when that idled cannot find it to ask (not idle.<pid>).
func TestRefreshAfterRestart(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	first := startDaemon(t, idled, nil)
	w, logs := newWatcher(t, idled, "not-found-by-resync", 30*time.Millisecond)
	wake, stop := w.Watch("alice", "F1")
	defer stop()
	waitFor(t, "the watch", func() bool { return first.Watchers() == 1 })
	first.stop(t)
	waitFor(t, "the watcher to notice idled is gone", func() bool { return !w.Reachable() })

	second := startDaemon(t, idled, nil)
	waitFor(t, "the refreshed watch", func() bool { return second.Watchers() == 1 })
	waitFor(t, "the watcher to see idled back", w.Reachable)
	n := NewNotifier(idled)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 2); err != nil {
		t.Fatal(err)
	}
	waitWake(t, "watcher after restart", wake)
	if logs.count("idled not reachable") != 1 || logs.count("idled reachable again") != 1 {
		t.Errorf("want one line each way, got:\n%s", logs)
	}
}

// A restarted idled asks the watchers next to it (idle.<pid>) to send their
// watches at once, long before their refresh.
func TestResyncAfterRestart(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	first := startDaemon(t, idled, nil)
	w, _ := newWatcher(t, idled, "idle.4242", time.Hour)
	wake, stop := w.Watch("alice", "F1")
	defer stop()
	waitFor(t, "the watch", func() bool { return first.Watchers() == 1 })
	first.stop(t)

	second := startDaemon(t, idled, nil)
	waitFor(t, "the resynced watch", func() bool { return second.Watchers() == 1 })
	n := NewNotifier(idled)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 2); err != nil {
		t.Fatal(err)
	}
	waitWake(t, "watcher after resync", wake)
}

// Without idled, Watch returns at once with a channel that stays quiet,
// logs the fact once, and the watch reaches idled when it starts.
func TestWatchWithoutIdled(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	w, logs := newWatcher(t, idled, "idle.101", 20*time.Millisecond)
	start := time.Now()
	wake, stop := w.Watch("alice", "F1")
	defer stop()
	_, stop2 := w.Watch("alice", "F2")
	defer stop2()
	if el := time.Since(start); el > 50*time.Millisecond {
		t.Errorf("Watch without idled took %v", el)
	}
	if w.Reachable() {
		t.Error("Reachable() = true without idled")
	}
	time.Sleep(100 * time.Millisecond) // several refreshes, all failing
	if got := logs.count("idled not reachable"); got != 1 {
		t.Errorf("%d 'not reachable' lines, want 1:\n%s", got, logs)
	}
	d := startDaemon(t, idled, nil)
	waitFor(t, "the watches once idled runs", func() bool { return d.Watchers() == 2 })
	n := NewNotifier(idled)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 1); err != nil {
		t.Fatal(err)
	}
	waitWake(t, "watcher", wake)
}

// Watch after Close never fires and binds nothing; the socket file is gone.
func TestWatcherClose(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	startDaemon(t, idled, nil)
	w, _ := newWatcher(t, idled, "idle.101", time.Hour)
	_, stop := w.Watch("alice", "F1")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	stop() // after Close: harmless
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := Bind(w.Path, 0o600); err != nil {
		t.Errorf("socket path still busy after Close: %v", err)
	}
	wake, stop2 := w.Watch("alice", "F1")
	stop2()
	noWake(t, "watch after Close", wake)
}

// Names that cannot travel are not watched at idled; the session polls.
func TestWatchInvalidName(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	d := startDaemon(t, idled, nil)
	w, _ := newWatcher(t, idled, "idle.101", time.Hour)
	_, stop := w.Watch("alice", "INBOX.Sent") // a name, not a MAILBOXID
	stop()
	_, stop = w.Watch("alice", "F1")
	defer stop()
	waitFor(t, "the valid watch", func() bool { return d.Watchers() == 1 })
}

// Junk is refused and logged (rate-limited) without disturbing idled, and
// so is a Watch whose sender cannot be answered.
func TestDaemonRefusesJunk(t *testing.T) {
	dir := sockDir(t)
	idled := filepath.Join(dir, "idle")
	d := startDaemon(t, idled, nil)
	sendRawDatagram(t, nil, []byte(`{"@type":"notify","mailbox":"user.alice"}`), idled)
	waitFor(t, "the refusal log", func() bool { return d.logs.count("idled datagram refused") == 1 })
	if !strings.Contains(d.logs.String(), "JSON") {
		t.Errorf("log does not say JSON:\n%s", d.logs)
	}
	sendRawDatagram(t, nil, mustEncode(t, Message{Type: Watch, PID: 5, User: "alice", MailboxID: "F1"}), idled)
	sendRawDatagram(t, nil, mustEncode(t, Message{Type: Wake, PID: 5, User: "alice", MailboxID: "F1"}), idled)
	w, _ := newWatcher(t, idled, "idle.101", time.Hour)
	wake, stop := w.Watch("alice", "F1")
	defer stop()
	waitFor(t, "the good watch", func() bool { return d.Watchers() == 1 })
	n := NewNotifier(idled)
	defer n.Close()
	if err := n.Notify(context.Background(), "alice", "F1", 1); err != nil {
		t.Fatal(err)
	}
	waitWake(t, "watcher after junk", wake)
	if got := d.logs.count("idled datagram refused"); got != 1 {
		t.Errorf("%d refusal lines within %v, want 1", got, warnEvery)
	}
}

// Serve returns nil promptly when its context is already over.
func TestServeCancelled(t *testing.T) {
	dir := sockDir(t)
	s, err := Bind(filepath.Join(dir, "idle"), 0o660)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() { done <- NewDaemon(zerolog.Nop()).Serve(ctx, s.UnixConn) }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v, want nil", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Serve did not return")
	}
}
