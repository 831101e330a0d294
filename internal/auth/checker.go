package auth

import (
	"context"
	"errors"

	"github.com/corvusmail/corvus/internal/auth/scram"
)

// Checker verifies a plaintext password, as one sasl_pwcheck_method does
// in Cyrus SASL. user is the canonical userid ("user" or "user@domain");
// service is the protocol ("imap", "lmtp"); realm is a SASL realm, usually
// empty. Check returns nil, or an error wrapping ErrBadCredentials or
// ErrUnavailable. Implementations must never log the password.
type Checker interface {
	Check(ctx context.Context, user, password, service, realm string) error
}

// CheckerFunc adapts a function to Checker.
type CheckerFunc func(ctx context.Context, user, password, service, realm string) error

// Check calls f.
func (f CheckerFunc) Check(ctx context.Context, user, password, service, realm string) error {
	return f(ctx, user, password, service, realm)
}

// ScramStore gives the stored SCRAM-SHA-256 keys of a user, so SCRAM can
// run without the cleartext password. It returns an error wrapping
// ErrBadCredentials when the user has none, ErrUnavailable when the store
// cannot be read.
type ScramStore interface {
	ScramSecrets(ctx context.Context, user string) (scram.Secrets, error)
}

// Chain tries checkers in order, as Cyrus SASL tries each word of
// sasl_pwcheck_method: the first that accepts the password wins.
type Chain []Checker

// Check returns nil as soon as one checker accepts. Otherwise it returns
// a bad-credentials error if any checker rejected the password (a definite
// "no" beats an outage elsewhere), else the last error.
func (c Chain) Check(ctx context.Context, user, password, service, realm string) error {
	err := error(ErrUnavailable)
	var bad error
	for _, ch := range c {
		err = ch.Check(ctx, user, password, service, realm)
		if err == nil {
			return nil
		}
		if bad == nil && errors.Is(err, ErrBadCredentials) {
			bad = err
		}
	}
	if bad != nil {
		return bad
	}
	return err
}
