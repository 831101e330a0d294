package auth

import (
	"context"
	"errors"
	"fmt"
)

// maxSteps bounds the round trips of one exchange; our longest (SCRAM)
// needs three client messages.
const maxSteps = 8

// Exchange is one AUTHENTICATE conversation. The protocol layer decodes
// the client's base64 (and handles "*" cancellation) and encodes our
// challenges; Exchange sees raw bytes only.
type Exchange struct {
	srv   *Server
	cs    ConnState
	name  string
	step  stepper
	ctx   context.Context // of the Next call in progress, for go-sasl callbacks
	steps int
	id    Identity
	ok    bool
	err   error
}

// Mechanism returns the upper-case mechanism name.
func (x *Exchange) Mechanism() string { return x.name }

// Next feeds the client's response and returns the next challenge. For
// SASL-IR (RFC 4959) pass the initial response on the first call; nil
// means the client sent none, an empty non-nil slice an empty one ("=").
// When done is true and err is nil, Identity is valid. Errors wrap one
// of this package's sentinels.
func (x *Exchange) Next(ctx context.Context, response []byte) (challenge []byte, done bool, err error) {
	if x.err != nil || x.ok {
		return nil, true, fmt.Errorf("%w: exchange already finished", ErrMalformed)
	}
	if x.steps++; x.steps > maxSteps {
		x.err = fmt.Errorf("%w: too many steps", ErrMalformed)
		return nil, true, x.err
	}
	x.ctx = ctx
	challenge, done, err = x.step.Next(ctx, response)
	x.ctx = nil
	switch {
	case err != nil:
		x.err = classify(err)
		return nil, true, x.err
	case done && x.id.Authz == "":
		// A mechanism that finishes must have set the identity.
		x.err = fmt.Errorf("%w: %s finished without an identity", ErrUnavailable, x.name)
		return nil, true, x.err
	case done:
		x.ok = true
	}
	return challenge, done, nil
}

// Identity returns who authenticated; zero until Next reported success.
func (x *Exchange) Identity() Identity {
	if !x.ok {
		return Identity{}
	}
	return x.id
}

// sentinels are the errors callers branch on; anything else a mechanism
// returns (go-sasl's own errors) is a malformed exchange.
var sentinels = []error{ErrBadCredentials, ErrUnavailable, ErrAuthzDenied,
	ErrPrivacyRequired, ErrNoMechanism, ErrMalformed, ErrInvalidUser}

func classify(err error) error {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// callCtx returns the context of the call in progress, for mechanisms
// whose callbacks (go-sasl's) do not carry one.
func (x *Exchange) callCtx() context.Context {
	if x.ctx == nil {
		return context.Background()
	}
	return x.ctx
}

// finishPlaintext is the common end of PLAIN and LOGIN: check the
// password, then the requested authorization identity.
func (x *Exchange) finishPlaintext(authz, user, password string) error {
	authn, err := x.srv.verifyPassword(x.callCtx(), x.cs, user, password)
	if err != nil {
		return err
	}
	return x.finish(authn, authz)
}

// finish records the identity once authn is proven.
func (x *Exchange) finish(authn, authz string) error {
	id, err := x.srv.authorize(authn, authz, x.cs)
	if err != nil {
		return err
	}
	x.id = id
	return nil
}
