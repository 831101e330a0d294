package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
)

const (
	// firstReadWait bounds the read of the datagram the worker was woken
	// for; it is already queued, so this only guards against surprises.
	firstReadWait = time.Second
	// burstReadWait is how long to look for more queued datagrams before
	// going back to the worker loop.
	burstReadWait = time.Millisecond
	// maxBurst bounds the datagrams handled per wake-up, so that signals
	// (seen between wake-ups) are not held off by a flood.
	maxBurst = 64
)

// Queue defaults: how many notifications may wait for their method, and
// how many methods run at once.
const (
	DefaultQueueSize = 256
	DefaultWorkers   = 4
)

// dropLogEvery bounds the "dropped" warnings while the queue overflows.
const dropLogEvery = 10 * time.Second

// Server is notifyd's handler: it reads datagrams, decodes them, queues
// them for its dispatch goroutines and logs what fails, once. Reading
// never waits for a method: a slow sendmail or notify_external fills the
// bounded queue, and what does not fit is dropped, counted and logged, so
// the socket keeps draining and senders are never held up.
type Server struct {
	// Dispatcher carries out each decoded notification.
	Dispatcher *Dispatcher
	// Log carries the worker's fields; failures are logged here.
	Log zerolog.Logger
	// QueueSize and Workers override DefaultQueueSize and DefaultWorkers.
	QueueSize, Workers int

	once     sync.Once
	queue    chan Notification
	wg       sync.WaitGroup
	stop     context.CancelFunc
	runCtx   context.Context
	dropped  atomic.Int64
	mu       sync.Mutex // guards closed, lastDrop and sends on queue
	closed   bool
	lastDrop time.Time // when a drop was last logged
}

// start launches the dispatch goroutines on first use.
func (s *Server) start() {
	s.once.Do(func() {
		size, workers := s.QueueSize, s.Workers
		if size <= 0 {
			size = DefaultQueueSize
		}
		if workers <= 0 {
			workers = DefaultWorkers
		}
		s.queue = make(chan Notification, size)
		s.runCtx, s.stop = context.WithCancel(context.Background())
		for range workers {
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				for n := range s.queue {
					s.report(n, s.dispatch(s.runCtx, n))
				}
			}()
		}
	})
}

// enqueue queues n, or drops it when the queue is full or closed.
func (s *Server) enqueue(n Notification) {
	s.start()
	s.mu.Lock()
	queued := false
	if !s.closed {
		select {
		case s.queue <- n:
			queued = true
		default:
		}
	}
	logIt := false
	if !queued && time.Since(s.lastDrop) >= dropLogEvery {
		s.lastDrop, logIt = time.Now(), true
	}
	s.mu.Unlock()
	if queued {
		return
	}
	total := s.dropped.Add(1)
	if logIt {
		s.Log.Warn().Int64("dropped_total", total).Int("queue", cap(s.queue)).
			Str("class", n.Class).Str("user", n.User).Msg("notification queue full: notifications dropped")
	}
}

// Dropped is how many notifications were dropped for a full queue.
func (s *Server) Dropped() int64 { return s.dropped.Load() }

// Close stops taking notifications and waits for the queued ones until
// ctx ends; those still running then have their context cancelled.
func (s *Server) Close(ctx context.Context) error {
	s.start()
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.queue)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		s.stop()
		return nil
	case <-ctx.Done():
		s.stop()
		<-done
		return fmt.Errorf("notifyd: queue not drained: %w", ctx.Err())
	}
}

// ServePackets has the signature of (*service.Worker).ServePackets's
// function. It handles the queued datagram the worker was woken for and
// any that arrived with it, up to maxBurst, and returns nil so that the
// worker loop can look at signals, -U and -T before waiting again. Cyrus's
// notifyd instead reads datagrams forever in one "connection"; the effect
// on senders is the same.
func (s *Server) ServePackets(ctx context.Context, pc net.PacketConn) error {
	buf := make([]byte, MaxSize+1) // one more, to see an oversize datagram
	wait := firstReadWait
	for range maxBurst {
		if ctx.Err() != nil {
			return nil
		}
		_ = pc.SetReadDeadline(time.Now().Add(wait))
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, net.ErrClosed) {
				return nil // nothing more queued, or shutting down
			}
			return fmt.Errorf("read notification: %w", err)
		}
		wait = burstReadWait
		if n > MaxSize {
			// Cut short by the buffer: its real size is unknown.
			s.Log.Warn().Err(fmt.Errorf("%w (over %d bytes)", ErrTooLarge, MaxSize)).
				Msg("malformed notify request")
			continue
		}
		s.handle(buf[:n])
	}
	return nil
}

// ServeReader handles the one datagram read from r (notifyd -X reads
// standard input) and returns its error, unlogged, for the caller.
func (s *Server) ServeReader(ctx context.Context, r io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return fmt.Errorf("read notification: %w", err)
	}
	return s.Handle(ctx, b)
}

// Handle decodes and dispatches one datagram, returning what went wrong.
func (s *Server) Handle(ctx context.Context, datagram []byte) error {
	n, err := Decode(datagram)
	if err != nil {
		return err
	}
	return s.dispatch(ctx, n)
}

func (s *Server) dispatch(ctx context.Context, n Notification) error {
	s.Log.Debug().Str("method", n.Method).Str("class", n.Class).
		Str("user", n.User).Str("mailbox", n.Mailbox).Msg("notification received")
	return s.Dispatcher.Dispatch(ctx, n)
}

// handle decodes a datagram and queues it; a sender's mistake (malformed
// datagram) is logged as a warning. The message text is never logged.
func (s *Server) handle(datagram []byte) {
	n, err := Decode(datagram)
	if err != nil {
		s.Log.Warn().Err(err).Int("bytes", len(datagram)).Msg("malformed notify request")
		return
	}
	s.enqueue(n)
}

// report logs a failed notification: an unknown method as a warning (the
// sender's mistake), a failing method as an error.
func (s *Server) report(n Notification, err error) {
	if err == nil {
		return
	}
	ev := s.Log.Error()
	if errors.Is(err, ErrUnknownMethod) {
		ev = s.Log.Warn()
	}
	ev.Err(err).Str("class", n.Class).Str("user", n.User).Str("mailbox", n.Mailbox).
		Msg("notification failed")
}
