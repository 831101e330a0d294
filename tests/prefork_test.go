package tests

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/corvusmail/corvus/tests/harness"
)

func TestPreforkKeepsReadyWorkers(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=3
}`, port)})
	harness.WaitFor(t, 10*time.Second, "3 preforked workers", func() bool { return len(m.Workers("echo")) == 3 })

	// One busy worker is replaced so that 3 stay ready: 4 in all.
	c := harness.MustDial(t, "tcp", fmt.Sprintf("127.0.0.1:%d", port))
	harness.WaitFor(t, 10*time.Second, "a 4th worker while one is busy", func() bool { return len(m.Workers("echo")) == 4 })
	c.Quit()
	// And it stays at 4: the freed worker is ready again, none are added.
	time.Sleep(300 * time.Millisecond)
	if n := len(m.Workers("echo")); n != 4 {
		t.Fatalf("%d workers after the client left, want 4", n)
	}
}

func TestMaxchildQueuesExtraClient(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="%s" prefork=1 maxchild=2
}`, addr)})
	a := harness.MustDial(t, "tcp", addr)
	b := harness.MustDial(t, "tcp", addr)
	if a.Hello.Pid == b.Hello.Pid {
		t.Fatal("two concurrent clients served by one worker")
	}
	// The third client is accepted by the kernel but no worker is free: it
	// waits (not refused) and gets no greeting yet.
	type result struct {
		c   *harness.Client
		err error
	}
	third := make(chan result, 1)
	go func() {
		c, err := harness.Dial(t, "tcp", addr, 15*time.Second)
		third <- result{c, err}
	}()
	select {
	case r := <-third:
		t.Fatalf("third client served while maxchild=2 were busy: %+v %v", r.c, r.err)
	case <-time.After(time.Second):
	}
	if n := len(m.Workers("echo")); n != 2 {
		t.Fatalf("%d workers, want maxchild=2", n)
	}
	a.Quit()
	r := <-third
	if r.err != nil {
		t.Fatalf("third client after a worker was freed: %v", r.err)
	}
	defer r.c.Quit()
	if r.c.Hello.Pid != a.Hello.Pid {
		t.Fatalf("third client served by pid %d, want the freed worker %d", r.c.Hello.Pid, a.Hello.Pid)
	}
}

func TestForkOnDemandWithoutPrefork(t *testing.T) {
	port := harness.FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="%s"
}`, addr)})
	if n := len(m.Workers("echo")); n != 0 {
		t.Fatalf("%d workers before any client with prefork=0", n)
	}
	// A burst of clients: each is served, by workers forked on demand.
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := harness.Dial(t, "tcp", addr, 15*time.Second)
			if err != nil {
				errs <- err
				return
			}
			if got, err := c.Cmd("ECHO x"); err != nil || got != "x" {
				errs <- fmt.Errorf("echo: %q %v", got, err)
			}
			c.Quit()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestMaxforkrateLimitsForks(t *testing.T) {
	port := harness.FreePort(t)
	m := harness.Start(t, harness.Config{CyrusConf: fmt.Sprintf(`
SERVICES {
  echo cmd="echoworker" listen="127.0.0.1:%d" prefork=10 maxforkrate=2
}`, port)})
	// A burst of 2, then 2 per second: well under 10 after one second.
	time.Sleep(time.Second)
	if n := len(m.Workers("echo")); n > 5 {
		t.Fatalf("%d workers after 1s with maxforkrate=2", n)
	}
	harness.WaitFor(t, 15*time.Second, "all 10 preforked eventually", func() bool { return len(m.Workers("echo")) == 10 })
}
