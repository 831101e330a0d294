package auth

import (
	"context"
	"fmt"

	"github.com/corvusmail/corvus/internal/auth/scram"
	"github.com/emersion/go-sasl"
)

func oauthAvailable(s *Server, _ ConnState) bool { return s.opt.OAuth != nil }

// oauthStep runs go-sasl's OAUTHBEARER server (RFC 7628) with the
// configured TokenValidator. On failure RFC 7628 §3.2.2 has the server
// send a JSON error as a challenge and the client answer it with a dummy
// response before the final NO; oauthStep ends that last step itself
// (go-sasl's own handling of it indexes an empty response).
type oauthStep struct {
	x      *Exchange
	s      sasl.Server
	failed error // set once an error challenge went out
	reason error // why the validator refused, if it ran
}

func startOAuthBearer(x *Exchange) stepper {
	st := &oauthStep{x: x}
	st.s = sasl.NewOAuthBearerServer(st.authenticate)
	return st
}

func (st *oauthStep) Next(_ context.Context, response []byte) ([]byte, bool, error) {
	if st.failed != nil {
		return nil, true, st.failed
	}
	ch, done, err := st.s.Next(response)
	if err == nil && !done && response != nil {
		// go-sasl answered a real message with a challenge: the error one.
		st.failed = st.reason
		if st.failed == nil {
			st.failed = fmt.Errorf("%w: bad OAUTHBEARER message", ErrMalformed)
		}
	}
	return ch, done, err
}

func (st *oauthStep) authenticate(o sasl.OAuthBearerOptions) *sasl.OAuthBearerError {
	if err := st.check(o); err != nil {
		st.reason = err
		return &sasl.OAuthBearerError{Status: "invalid_token", Schemes: "bearer"}
	}
	return nil
}

func (st *oauthStep) check(o sasl.OAuthBearerOptions) error {
	req := TokenRequest{Token: o.Token, Host: o.Host, Port: o.Port}
	if o.Username != "" {
		a, err := scram.DecodeName(o.Username)
		if err != nil {
			return fmt.Errorf("%w: bad authzid", ErrMalformed)
		}
		req.Authzid = a
	}
	user, err := st.x.srv.opt.OAuth(st.x.callCtx(), req)
	if err != nil {
		return fmt.Errorf("%w: token refused: %w", ErrBadCredentials, err)
	}
	authn, err := st.x.srv.authnName(user, st.x.cs)
	if err != nil {
		return err
	}
	return st.x.finish(authn, req.Authzid)
}
