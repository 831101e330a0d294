package sqlite

import (
	"database/sql"
	"errors"

	"github.com/corvusmail/corvus/internal/store"
)

// noMailbox turns "no row" from a query by mailbox id into ErrNoMailbox.
func noMailbox(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNoMailbox
	}
	return err
}
