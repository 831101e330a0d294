package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// envDaemonFD names the descriptor on which a daemonized master tells the
// process that started it whether start-up succeeded.
const envDaemonFD = "CORVUS_MASTER_NOTIFY_FD"

// daemonFD is where the daemonized child finds its notify pipe: above the
// worker contract's fds 3 and 4, which the master keeps free.
const daemonFD = 5

func isDaemonChild() bool { return os.Getenv(envDaemonFD) != "" }

// daemonize is master -d: it starts a copy of itself in a new session with
// stdio on /dev/null, waits until that copy is serving (or has failed),
// and exits with a matching status, so an init script or systemd
// Type=forking sees a real result.
func daemonize(args []string) int {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Fprintf(os.Stderr, "master: %v\n", err)
		return exitStartup
	}
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		fmt.Fprintf(os.Stderr, "master: %v\n", err)
		return exitStartup
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "master: %v\n", err)
		return exitStartup
	}
	files := []*os.File{null, null, null, nil, nil, w}
	env := append(os.Environ(), fmt.Sprintf("%s=%d", envDaemonFD, daemonFD))
	proc, err := os.StartProcess(exe, append([]string{exe}, args...), &os.ProcAttr{
		Env: env, Files: files, Sys: &syscall.SysProcAttr{Setsid: true},
	})
	w.Close()
	if err != nil {
		fmt.Fprintf(os.Stderr, "master: %v\n", err)
		return exitStartup
	}
	r.SetReadDeadline(time.Now().Add(5 * time.Minute))
	line, _ := bufio.NewReader(r).ReadString('\n')
	line = strings.TrimSpace(line)
	if line == "ok" {
		proc.Release()
		return exitOK
	}
	if line == "" {
		line = "the background master exited during start-up (see its log)"
	}
	fmt.Fprintf(os.Stderr, "master: %s\n", line)
	return exitStartup
}

func notifyFile() *os.File {
	if !isDaemonChild() {
		return nil
	}
	return os.NewFile(daemonFD, "notify")
}

// notifyDaemonParent tells the waiting parent that start-up succeeded.
func notifyDaemonParent() {
	if f := notifyFile(); f != nil {
		f.WriteString("ok\n")
		f.Close()
	}
}

// notifyDaemonParentErr passes a start-up failure to the waiting parent.
func notifyDaemonParentErr(err error) {
	if f := notifyFile(); f != nil {
		fmt.Fprintf(f, "%s\n", strings.ReplaceAll(err.Error(), "\n", " "))
		f.Close()
	}
}
