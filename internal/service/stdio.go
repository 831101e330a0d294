package service

import (
	"context"
	"errors"
	"net"
	"os"
	"time"
)

// serveStdio is -X: standard input and output are the one client, with no
// master, lock or status messages (as Cyrus, for running a worker by hand or
// from inetd-like wrappers).
func (w *Worker) serveStdio(ctx context.Context, h Handler) error {
	defer context.AfterFunc(ctx, w.sig.terminate)()
	c := &stdioConn{in: os.Stdin, out: os.Stdout}
	w.uses.Add(1)
	return w.runClient(ctx, func(ctx context.Context) error {
		h.ServeConn(ctx, c)
		return c.Close()
	}, func() { _ = c.Close() })
}

// stdioConn is a net.Conn over two files.
type stdioConn struct {
	in, out *os.File
}

func (c *stdioConn) Read(b []byte) (int, error)  { return c.in.Read(b) }
func (c *stdioConn) Write(b []byte) (int, error) { return c.out.Write(b) }

// Close closes both files; closing an already closed one is not an error, so
// that handler and Serve may both close.
func (c *stdioConn) Close() error {
	return errors.Join(ignoreClosed(c.in.Close()), ignoreClosed(c.out.Close()))
}

func ignoreClosed(err error) error {
	if errors.Is(err, os.ErrClosed) {
		return nil
	}
	return err
}

func (c *stdioConn) LocalAddr() net.Addr  { return stdioAddr{} }
func (c *stdioConn) RemoteAddr() net.Addr { return stdioAddr{} }

// SetDeadline sets both deadlines; like the others it fails on files that
// cannot be polled (a terminal or regular file), as os.File does.
func (c *stdioConn) SetDeadline(t time.Time) error {
	return errors.Join(c.in.SetReadDeadline(t), c.out.SetWriteDeadline(t))
}

func (c *stdioConn) SetReadDeadline(t time.Time) error  { return c.in.SetReadDeadline(t) }
func (c *stdioConn) SetWriteDeadline(t time.Time) error { return c.out.SetWriteDeadline(t) }

// stdioAddr is the address of both ends of a -X connection.
type stdioAddr struct{}

func (stdioAddr) Network() string { return "stdio" }
func (stdioAddr) String() string  { return "stdio" }
