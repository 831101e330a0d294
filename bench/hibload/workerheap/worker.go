package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/idle"
	"github.com/corvusmail/corvus/internal/imap/server"
	"github.com/corvusmail/corvus/internal/imap/sessionstate"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// hibernateAfter is short: only what the worker keeps matters here, not
// how long a session idled.
const hibernateAfter = 5 * time.Millisecond

// worker is one in-process imapd worker with its store and an idled.
type worker struct {
	root, storeDir string
	st             *sqlite.Store
	srv            *server.Server
	idled          *idle.Client
	stopIdled      context.CancelFunc
	handed         chan struct{}
}

// newWorker builds the store with users accounts (one message each in
// INBOX), an idled on a socket in the directory and the IMAP server as
// imapd/main.go assembles it, with hibernation going to a hook.
func newWorker(users int) (*worker, error) {
	root, err := os.MkdirTemp("", "workerheap-store-")
	if err != nil {
		return nil, err
	}
	w := &worker{root: root, storeDir: filepath.Join(root, "part"), handed: make(chan struct{}, 1)}
	if w.st, err = sqlite.Open(sqlite.Options{Partition: w.storeDir, ConfigDir: root}); err != nil {
		return nil, err
	}
	if err := seed(w.st, users); err != nil {
		return nil, err
	}
	sockPath := filepath.Join(root, "idle")
	sock, err := idle.Bind(sockPath, 0o600)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.stopIdled = func() { cancel(); sock.Close() }
	go idle.NewDaemon(zerolog.Nop()).Serve(ctx, sock.UnixConn)
	w.idled = idle.NewClient(sockPath, zerolog.Nop())
	checker := auth.CheckerFunc(func(context.Context, string, string, string, string) error { return nil })
	w.srv = server.New(server.Options{
		ServerName: "workerheap.example", ConfigDir: root, Ident: "imap",
		Auth:  auth.NewServer(auth.ServerOptions{Config: auth.Config{AllowPlaintext: true}, Checker: checker}),
		Store: w.st, IdlePoll: time.Minute, Idled: w.idled,
		HibernateAfter: hibernateAfter, Hibernate: w.hibernate,
		Log: zerolog.Nop(),
	})
	return w, nil
}

// hibernate takes the session as idled would: the worker is done with
// it. The state record is encoded, as the real hand-over does.
func (w *worker) hibernate(c net.Conn, st *sessionstate.State) bool {
	if _, err := st.MarshalBinary(); err != nil {
		return false
	}
	w.handed <- struct{}{}
	return true
}

// seed creates users accounts with a message in each INBOX.
func seed(st *sqlite.Store, users int) error {
	ctx := context.Background()
	for u := range users {
		acct, err := st.Create(ctx, userName(u))
		if err != nil {
			return fmt.Errorf("create %s: %w", userName(u), err)
		}
		mbox, err := acct.Mailbox(ctx, "INBOX")
		if err == nil {
			_, err = mbox.Append(ctx, strings.NewReader("Subject: hi\r\n\r\nhello\r\n"), store.NewMessage{}, store.AppendOptions{})
		}
		acct.Close()
		if err != nil {
			return fmt.Errorf("seed %s: %w", userName(u), err)
		}
	}
	return nil
}

func userName(u int) string { return fmt.Sprintf("sleeper%d", u) }

// session serves one client from greeting to hibernation over a socket
// pair of TCP loopback connections, as imapd serves one connection.
func (w *worker) session(ctx context.Context, u int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		return err
	}
	defer client.Close()
	srvConn, err := ln.Accept()
	if err != nil {
		return err
	}
	done := make(chan struct{})
	go func() { defer close(done); w.srv.ServeConn(ctx, srvConn); srvConn.Close() }()
	err = talk(client, userName(u))
	select {
	case <-w.handed:
	case <-time.After(10 * time.Second):
		err = fmt.Errorf("not hibernated")
	}
	<-done
	return err
}

// talk is the client: LOGIN, SELECT INBOX, IDLE, then it waits.
func talk(c net.Conn, user string) error {
	c.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(c)
	if _, err := br.ReadString('\n'); err != nil {
		return err
	}
	for _, cmd := range []string{"a LOGIN " + user + " pw", "b SELECT INBOX"} {
		fmt.Fprintf(c, "%s\r\n", cmd)
		tag, _, _ := strings.Cut(cmd, " ")
		for {
			l, err := br.ReadString('\n')
			if err != nil {
				return fmt.Errorf("%s: %w", cmd, err)
			}
			if strings.HasPrefix(l, tag+" ") {
				if !strings.HasPrefix(l, tag+" OK") {
					return fmt.Errorf("%s: %s", cmd, l)
				}
				break
			}
		}
	}
	fmt.Fprintf(c, "i IDLE\r\n")
	l, err := br.ReadString('\n')
	if err != nil || !strings.HasPrefix(l, "+") {
		return fmt.Errorf("IDLE: %q %v", l, err)
	}
	return nil
}

func (w *worker) close() {
	w.idled.Close()
	w.stopIdled()
	w.st.Close()
	os.RemoveAll(w.root)
}
