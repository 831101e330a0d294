package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/corvusmail/corvus/internal/auth/scram"
)

func scramAvailable(s *Server, _ ConnState) bool { return s.opt.Scram != nil }

// scramPlusAvailable: -PLUS needs channel-binding data from the TLS layer.
func scramPlusAvailable(s *Server, cs ConnState) bool {
	return s.opt.Scram != nil && cs.ChannelBinding != nil
}

func startScram(x *Exchange) stepper     { return newScramStep(x, false) }
func startScramPlus(x *Exchange) stepper { return newScramStep(x, true) }

// scramStep wraps a scram.Server with our identity rules: the SCRAM user
// name is canonicalised before its keys are looked up, and the requested
// authzid is checked once the proof verified, before the server signature
// is sent.
type scramStep struct {
	x     *Exchange
	srv   *scram.Server
	authn string
}

func newScramStep(x *Exchange, plus bool) *scramStep {
	st := &scramStep{x: x}
	// Whether -PLUS is on offer decides if a "y" flag is a downgrade.
	plusOffered := scramPlusAvailable(x.srv, x.cs) && x.srv.listed("SCRAM-SHA-256-PLUS")
	st.srv = scram.NewServer(scram.Options{
		Lookup:         st.lookup,
		Plus:           plus,
		PlusOffered:    plusOffered,
		ChannelBinding: x.cs.ChannelBinding,
		FakeIterations: x.srv.opt.ScramIterations,
	})
	return st
}

// lookup maps a SCRAM user name to stored keys. An unusable name or a
// user without keys continues with made-up keys (scram.ErrUnknownUser),
// so that the client learns nothing before the proof.
func (st *scramStep) lookup(ctx context.Context, user string) (scram.Secrets, error) {
	authn, err := st.x.srv.authnName(user, st.x.cs)
	if err != nil {
		return scram.Secrets{}, scram.ErrUnknownUser
	}
	sec, err := st.x.srv.opt.Scram.ScramSecrets(ctx, authn)
	switch {
	case errors.Is(err, ErrBadCredentials):
		return scram.Secrets{}, scram.ErrUnknownUser
	case err != nil:
		return scram.Secrets{}, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	st.authn = authn
	return sec, nil
}

func (st *scramStep) Next(ctx context.Context, response []byte) ([]byte, bool, error) {
	ch, done, err := st.srv.Next(ctx, response)
	switch {
	case errors.Is(err, scram.ErrInvalidProof), errors.Is(err, scram.ErrChannelBinding):
		return nil, true, fmt.Errorf("%w: %w", ErrBadCredentials, err)
	case errors.Is(err, scram.ErrMalformed):
		return nil, true, fmt.Errorf("%w: %w", ErrMalformed, err)
	case err != nil:
		return nil, true, err
	}
	if st.srv.Authenticated() && st.x.id.Authz == "" {
		if err := st.x.finish(st.authn, st.srv.Authzid()); err != nil {
			return nil, true, err
		}
	}
	return ch, done, nil
}
