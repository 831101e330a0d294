package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/corvusmail/corvus/bench/benchmaster"
	"github.com/corvusmail/corvus/bench/pgroup"
)

// refServeFlag makes storm run as the reference server (see serveRef).
const refServeFlag = "refserve"

// serveRef is the reference server: one Go process with a plain accept loop
// and a goroutine per connection speaking the echoworker's greeting and
// QUIT, with no master, accept lock or status pipe. Stormed like master,
// it shows what the same clients cost on the same machine when nothing
// but the kernel and one Go runtime stand between connect and greeting.
func serveRef(addr string) int {
	l, err := net.Listen("tcp4", addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "storm -%s: %v\n", refServeFlag, err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	context.AfterFunc(ctx, func() { l.Close() })
	fmt.Println("ready")
	for {
		c, err := l.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return 0
			}
			continue
		}
		go refSession(c)
	}
}

func refSession(c net.Conn) {
	defer c.Close()
	fmt.Fprintf(c, "HELLO %d ref 1\r\n", os.Getpid())
	c.SetDeadline(time.Now().Add(clientTimeout))
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if strings.EqualFold(strings.TrimSpace(line), "QUIT") {
			io.WriteString(c, "BYE\r\n")
			return
		}
	}
}

// startRef runs storm itself as the reference server on addr and waits
// until it listens.
func startRef(addr netip.AddrPort) (*pgroup.Process, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("reference server: %w", err)
	}
	cmd := exec.Command(self, "-"+refServeFlag, addr.String())
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("reference server: %w", err)
	}
	cmd.Stdout, cmd.Stderr = w, os.Stderr
	c, err := pgroup.Start(cmd, nil, nil)
	w.Close()
	if err != nil {
		r.Close()
		return nil, err
	}
	ready := make(chan error, 1)
	go func() {
		defer r.Close()
		line, err := bufio.NewReader(r).ReadString('\n')
		if err == nil && line != "ready\n" {
			err = fmt.Errorf("said %q", line)
		}
		ready <- err
	}()
	select {
	case err = <-ready:
	case <-time.After(benchmaster.ReadyTimeout):
		err = fmt.Errorf("not listening after %v", benchmaster.ReadyTimeout)
	}
	if err != nil {
		c.Stop()
		return nil, fmt.Errorf("reference server: %w", err)
	}
	return c, nil
}
