package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	sqlitedrv "modernc.org/sqlite" // database/sql driver "sqlite", pure Go: builds stay static
	sqlite3 "modernc.org/sqlite/lib"
)

// conn is one SQLite connection pinned out of database/sql's pool, with
// its prepared statements. Transactions are plain BEGIN/COMMIT statements
// on it, so that statements prepared once on the connection are reused by
// every transaction (database/sql re-prepares connection-bound statements
// inside a *sql.Tx).
type conn struct {
	c     *sql.Conn
	stmts map[string]*sql.Stmt
	inTx  bool // a read transaction's ROLLBACK failed: still inside it
	lent  bool // the writer, lent to a read (acquireRead)
}

// stmt returns the prepared statement for q, preparing it on first use.
func (c *conn) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := c.stmts[q]; ok {
		return st, nil
	}
	st, err := c.c.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", q, err)
	}
	c.stmts[q] = st
	return st, nil
}

// stmtContext is the context a statement runs under: ctx's values
// without its cancellation, once ctx has been checked. Given a context
// that can be cancelled, the driver starts a goroutine and sets a
// progress handler for every statement, and database/sql another
// goroutine for every Rows: with a score of small statements per APPEND
// that was a fifth of its CPU, and the goroutines' wake-ups most of its
// futex calls. Corvus's statements are short; a cancelled caller stops
// at its next statement, and busy_timeout bounds any wait for another
// process's lock (interruptible: see execInterruptible).
func stmtContext(ctx context.Context) (context.Context, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ctx.Done() == nil {
		return ctx, nil
	}
	return context.WithoutCancel(ctx), nil
}

func (c *conn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx, err := stmtContext(ctx)
	if err != nil {
		return nil, err
	}
	return c.execInterruptible(ctx, q, args...)
}

// execInterruptible runs q under ctx itself, so that cancelling ctx
// interrupts it: for statements that may wait long, such as BEGIN
// IMMEDIATE waiting for another process's write lock.
func (c *conn) execInterruptible(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *conn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx, err := stmtContext(ctx)
	if err != nil {
		return nil, err
	}
	st, err := c.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow scans the single row of q into dest; sql.ErrNoRows if none.
func (c *conn) queryRow(ctx context.Context, q string, args []any, dest ...any) error {
	ctx, err := stmtContext(ctx)
	if err != nil {
		return err
	}
	st, err := c.stmt(ctx, q)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}

func (c *conn) close() {
	for _, st := range c.stmts {
		st.Close()
	}
	c.c.Close()
}

// handle is one SQLite database file: a single writer connection (writes
// of this process queue on a Go semaphore rather than on SQLite's
// sleeping busy handler; other processes are met by busy_timeout) and a
// small pool of reader connections (WAL readers never block), opened
// only when a read finds the writer busy (acquireRead).
type handle struct {
	db      *sql.DB
	writer  chan *conn // capacity 1: holds the writer when it is free
	readers chan *conn
	mu      sync.Mutex
	nread   int
	maxRead int
	busy    time.Duration
}

// dsn builds the driver's data source name. The path goes in a file: URI,
// escaped, so that no character of it can be taken for a parameter.
func dsn(path string, mustExist bool, busy time.Duration) string {
	u := url.URL{Scheme: "file", Path: path}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	// Reads through a memory map rather than a pread per page: SORT (DATE)
	// over 100 000 messages went from 241 to 160 ms (BenchmarkSortThreadSearch
	// with CORVUS_BENCH_MESSAGES=100000). Only address space: the pages are
	// the kernel's page cache, shared by every process of the user.
	q.Add("_pragma", "mmap_size(1073741824)")
	if mustExist {
		q.Set("mode", "rw") // SQLite URI parameter: never create the file
	}
	return u.String() + "?" + q.Encode()
}

// openHandle opens a database file with Corvus's pragmas: WAL (readers do
// not block the writer, and other processes share it), synchronous=FULL
// (every commit fsyncs the WAL), foreign keys, busy_timeout.
func openHandle(ctx context.Context, path string, mustExist bool, busy time.Duration, maxRead int) (*handle, error) {
	db, err := sql.Open("sqlite", dsn(path, mustExist, busy))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	h := &handle{db: db, writer: make(chan *conn, 1), readers: make(chan *conn, maxRead), maxRead: maxRead, busy: busy}
	w, err := h.newConn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	h.writer <- w
	return h, nil
}

// newConn opens a connection. Opening runs the DSN's pragmas, and turning
// a fresh database into WAL needs an exclusive lock that SQLite does not
// wait for when two processes open the same new file at once (each holds
// a shared lock the other's upgrade would wait on, so the busy handler is
// skipped): such an open is retried until the busy timeout.
func (h *handle) newConn(ctx context.Context) (*conn, error) {
	deadline := time.Now().Add(h.busy)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		c, err := h.db.Conn(ctx)
		if err == nil {
			return &conn{c: c, stmts: make(map[string]*sql.Stmt)}, nil
		}
		if !isBusy(err) || time.Now().After(deadline) {
			return nil, err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// isBusy reports SQLITE_BUSY (any extended code).
func isBusy(err error) bool {
	var e *sqlitedrv.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// acquireWriter waits for the writer connection.
func (h *handle) acquireWriter(ctx context.Context) (*conn, error) {
	select {
	case c := <-h.writer:
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (h *handle) releaseWriter(c *conn) { h.writer <- c }

// acquireReader takes a free reader, opening one if fewer than maxRead
// exist, else waiting.
func (h *handle) acquireReader(ctx context.Context) (*conn, error) {
	select {
	case c := <-h.readers:
		return c, nil
	default:
	}
	h.mu.Lock()
	if h.nread < h.maxRead {
		h.nread++
		h.mu.Unlock()
		c, err := h.newConn(ctx)
		if err != nil {
			h.mu.Lock()
			h.nread--
			h.mu.Unlock()
			return nil, err
		}
		return c, nil
	}
	h.mu.Unlock()
	select {
	case c := <-h.readers:
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (h *handle) releaseReader(c *conn) { h.readers <- c }

// acquireRead returns a connection for a read: the writer when it is
// free, else a reader. After one of this process's own commits the
// writer's snapshot is still current, but any other connection's read
// finds the WAL changed and throws away its page cache and its memory
// map (SQLite unmaps the whole database file, a TLB shootdown on every
// CPU the process runs on): 7.5 % of an APPEND run's samples went there,
// in the modseq read that follows each APPEND. A session process also
// keeps one connection open instead of two. Reads never write, so a read
// holding the writer only delays this process's next write to the
// account; read functions never start a write (the store's reads and
// writes are separate steps), which would wait for itself.
func (h *handle) acquireRead(ctx context.Context) (*conn, error) {
	select {
	case c := <-h.writer:
		c.lent = true
		return c, nil
	default:
	}
	return h.acquireReader(ctx)
}

// releaseRead gives back a connection from acquireRead.
func (h *handle) releaseRead(c *conn) {
	if c.lent {
		c.lent = false
		h.releaseWriter(c)
		return
	}
	h.releaseReader(c)
}

// close closes every connection; callers guarantee none is in use.
func (h *handle) close() error {
	select {
	case c := <-h.writer:
		c.close()
	default:
	}
	for {
		select {
		case c := <-h.readers:
			c.close()
			continue
		default:
		}
		break
	}
	return h.db.Close()
}
