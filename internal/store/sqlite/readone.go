package sqlite

import (
	"context"
	"fmt"
)

// readOne runs fn, which must issue a single statement, on a read
// connection (acquireRead) outside any explicit transaction. In SQLite one statement is
// its own read transaction (autocommit): one consistent snapshot, as
// BEGIN … ROLLBACK would give, for a third of the statements. The small
// reads around every APPEND (the account's modseq before and after, the
// mailbox by name) are of this kind.
func (h *handle) readOne(ctx context.Context, fn func(*tx) error) error {
	c, err := h.acquireRead(ctx)
	if err != nil {
		return err
	}
	defer h.releaseRead(c)
	if c.inTx {
		// A read whose ROLLBACK failed left the connection in its old
		// snapshot; a statement there would not see later commits.
		if _, err := c.exec(context.WithoutCancel(ctx), "ROLLBACK"); err != nil {
			return fmt.Errorf("end stale read transaction: %w", err)
		}
		c.inTx = false
	}
	return fn(&tx{ctx: ctx, c: c})
}

// readOne runs fn, a single statement, in the account's database (see
// handle.readOne).
func (u *userDB) readOne(ctx context.Context, fn func(*tx) error) error {
	return u.h.readOne(ctx, fn)
}
