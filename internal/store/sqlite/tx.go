package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// errCommitUnknown marks a failed COMMIT: SQLite may or may not have made
// the transaction durable (an fsync error after the WAL frames were
// written), so files the transaction would have referenced must be kept;
// Sweep removes them later if they turn out unreferenced.
var errCommitUnknown = errors.New("commit outcome unknown")

// tx is one transaction on one connection.
type tx struct {
	ctx context.Context
	c   *conn
}

func (t *tx) exec(q string, args ...any) (sql.Result, error) { return t.c.exec(t.ctx, q, args...) }

func (t *tx) query(q string, args ...any) (*sql.Rows, error) { return t.c.query(t.ctx, q, args...) }

// row scans the single row of q into dest; sql.ErrNoRows if none.
func (t *tx) row(q string, args []any, dest ...any) error {
	return t.c.queryRow(t.ctx, q, args, dest...)
}

// begin starts a transaction. A connection left inside a transaction by
// an interrupted statement whose ROLLBACK also failed is recovered once.
// BEGIN IMMEDIATE may wait for another process's write lock, so it is the
// one statement cancelling ctx interrupts.
func begin(ctx context.Context, c *conn, stmt string) error {
	run := c.exec
	if stmt != "BEGIN" {
		run = c.execInterruptible
	}
	_, err := run(ctx, stmt)
	if err != nil && strings.Contains(err.Error(), "within a transaction") {
		c.exec(context.WithoutCancel(ctx), "ROLLBACK")
		_, err = run(ctx, stmt)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	c.inTx = false // whatever readOne would have ended is ended
	return nil
}

// read runs fn in a read transaction: one consistent WAL snapshot.
func (h *handle) read(ctx context.Context, fn func(*tx) error) error {
	c, err := h.acquireRead(ctx)
	if err != nil {
		return err
	}
	defer h.releaseRead(c)
	if err := begin(ctx, c, "BEGIN"); err != nil {
		return err
	}
	err = fn(&tx{ctx: ctx, c: c})
	_, rerr := c.exec(context.WithoutCancel(ctx), "ROLLBACK") // read-only: ending it is all
	c.inTx = rerr != nil                                      // for readOne
	return err
}

// write runs fn in BEGIN IMMEDIATE … COMMIT: the write lock is taken
// first, so the transaction never has to upgrade (and never fails with
// SQLITE_BUSY halfway). COMMIT and ROLLBACK are not interrupted by ctx: a
// transaction that reached them is finished either way.
func (h *handle) write(ctx context.Context, fn func(*tx) error) error {
	c, err := h.acquireWriter(ctx)
	if err != nil {
		return err
	}
	defer h.releaseWriter(c)
	if err := begin(ctx, c, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	nc := context.WithoutCancel(ctx)
	if err := fn(&tx{ctx: ctx, c: c}); err != nil {
		c.exec(nc, "ROLLBACK")
		return err
	}
	if _, err := c.exec(nc, "COMMIT"); err != nil {
		c.exec(nc, "ROLLBACK")
		return fmt.Errorf("%w: %v", errCommitUnknown, err)
	}
	return nil
}
