package service

import (
	"context"
	"net"
)

// Handler serves one accepted connection and returns when the client is
// done. ctx is cancelled when the worker is told to terminate (SIGTERM, or
// the context given to Serve ending); the handler should then wrap up soon:
// Serve waits a bounded time (shutdownGrace) before closing the connection
// under it. Serve closes the connection after ServeConn returns.
type Handler interface {
	ServeConn(ctx context.Context, c net.Conn)
}

// HandlerFunc lets an ordinary function be a Handler.
type HandlerFunc func(ctx context.Context, c net.Conn)

// ServeConn calls f(ctx, c).
func (f HandlerFunc) ServeConn(ctx context.Context, c net.Conn) { f(ctx, c) }
