package server

import (
	"context"
	"io"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/store/sqlite"
)

// FuzzSession feeds arbitrary client input to a logged-in session: the
// engine must neither panic nor hang, whatever the bytes.
func FuzzSession(f *testing.F) {
	for _, seed := range []string{
		"b SELECT INBOX\r\nc FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n",
		"b APPEND INBOX {5+}\r\nhello\r\nc SELECT INBOX\r\nd SEARCH OR BODY x NOT SEEN\r\n",
		"b CREATE \"a/b\"\r\nc LIST (SUBSCRIBED RECURSIVEMATCH) \"\" * RETURN (STATUS (SIZE))\r\n",
		"b IDLE\r\nDONE\r\nc UID EXPUNGE 1:*\r\n",
		"b AUTHENTICATE PLAIN\r\n*\r\n",
		"b SELECT INBOX\r\nc STORE $ +FLAGS (\\Seen)\r\nd MOVE 1 x\r\ne RENAME INBOX y\r\n",
		"b SETACL INBOX anyone lr\r\nc GETACL INBOX\r\nd LIST \"\" * RETURN (MYRIGHTS)\r\ne MYRIGHTS \"Other Users/x\"\r\nf LISTRIGHTS INBOX -anyone\r\n",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	st, err := sqlite.Open(sqlite.Options{Partition: filepath.Join(dir, "part")})
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	srv := New(Options{ServerName: "fuzz", Auth: newEnvAuth(true), Store: st,
		UnixHierarchySep: true, AltNamespace: true, IdlePoll: 10 * time.Millisecond, Log: zerolog.Nop(),
		testTimeout: 500 * time.Millisecond})
	f.Fuzz(func(t *testing.T, in []byte) {
		client, server := net.Pipe()
		done := make(chan struct{})
		go func() { srv.ServeConn(context.Background(), server); server.Close(); close(done) }()
		go io.Copy(io.Discard, client)
		client.SetWriteDeadline(time.Now().Add(2 * time.Second))
		client.Write([]byte("a LOGIN alice secret\r\n"))
		client.Write(in)
		client.Write([]byte("\r\nDONE\r\nz LOGOUT\r\n"))
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			client.Close()
			<-done
		}
		client.Close()
	})
}
