package server

import (
	"errors"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// storeError maps store sentinels to IMAP answers, in one place
// (RFC 5530 response codes). Unknown errors stay errors: the dispatcher
// logs them and answers NO [SERVERBUG].
func storeError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errBadName), errors.Is(err, store.ErrInvalidName):
		return no(imap.ResponseCodeCannot, "Invalid mailbox name")
	case errors.Is(err, store.ErrNoMailbox), errors.Is(err, errNoAccount), errors.Is(err, errNamespaceRoot):
		return no(imap.ResponseCodeNonExistent, "Mailbox does not exist")
	case errors.Is(err, errNoPerm):
		return noPerm()
	case errors.Is(err, store.ErrMailboxExists):
		return no(imap.ResponseCodeAlreadyExists, "Mailbox already exists")
	case errors.Is(err, store.ErrOverQuota):
		return no(imap.ResponseCodeOverQuota, "Over quota")
	case errors.Is(err, store.ErrNotAllowed):
		return no(imap.ResponseCodeCannot, "Operation not permitted")
	case errors.Is(err, store.ErrInvalidFlag):
		return bad("Invalid flag")
	case errors.Is(err, store.ErrSpecialUse):
		return no("USEATTR", "Unsupported special-use attribute")
	case errors.Is(err, store.ErrMailboxFull):
		return no(imap.ResponseCodeLimit, "Mailbox UID space exhausted")
	}
	return err
}

// tryCreate is NO [TRYCREATE] for APPEND/COPY/MOVE to a missing mailbox
// (RFC 9051 §6.3.12).
func tryCreate(err error) error {
	if errors.Is(err, store.ErrNoMailbox) || errors.Is(err, errBadName) ||
		errors.Is(err, errNoAccount) || errors.Is(err, errNamespaceRoot) {
		return no(imap.ResponseCodeTryCreate, "Mailbox does not exist")
	}
	return storeError(err)
}
