package lmtp

import (
	"encoding/base64"
	"errors"
	"strings"

	"github.com/corvusmail/corvus/internal/auth"
)

// cmdAuth: RFC 4954 §4, with initial response. The exchange is
// internal/auth's; this file does base64, "*" and the reply codes.
func (s *session) cmdAuth(arg string) error {
	switch {
	case s.opt.Auth == nil:
		return fail(502, "5.5.1", "AUTH not available")
	case s.authenticated():
		return fail(503, "5.5.1", "Already authenticated")
	case s.tx != nil:
		return fail(503, "5.5.1", "AUTH not permitted during a mail transaction")
	}
	mech, ir, hasIR := strings.Cut(arg, " ")
	if mech == "" || strings.Contains(ir, " ") {
		return fail(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]")
	}
	var initial []byte // nil: no initial response
	if hasIR {
		var err error
		if initial, err = decodeSASL(ir); err != nil {
			return fail(501, "5.5.2", "Cannot decode initial response")
		}
	}
	x, err := s.opt.Auth.Start(mech, s.connState())
	if err != nil {
		return s.authFailed(strings.ToUpper(mech), err)
	}
	id, err := s.exchange(x, initial)
	if err != nil {
		return err
	}
	s.authed, s.ident = true, id
	s.tap.openClient(id.Authz)
	s.throttle.Succeeded(id.Authn)
	s.log = s.log.With().Str("user", id.Authz).Logger()
	s.log.Info().Str("mech", x.Mechanism()).Bool("tls", s.tlsState != nil).Msg("login")
	s.reply(235, "2.7.0", "Authentication successful")
	return nil
}

// exchange runs challenges and responses until the mechanism is done.
func (s *session) exchange(x *auth.Exchange, resp []byte) (auth.Identity, error) {
	for {
		chal, done, err := x.Next(s.ctx, resp)
		if err != nil {
			return auth.Identity{}, s.authFailed(x.Mechanism(), err)
		}
		if done && len(chal) == 0 {
			return x.Identity(), nil
		}
		// A challenge, or final server data to acknowledge with an
		// empty response (RFC 4954 §4).
		s.send(Reply{334, "", base64.StdEncoding.EncodeToString(chal)})
		s.tap.inSASL = true
		s.nc.pace.command(s.r.Buffered())
		line, err := s.readLine(saslLineMax)
		s.tap.inSASL = false
		switch {
		case errors.Is(err, errLineTooLong):
			return auth.Identity{}, fail(500, "5.5.6", "Authentication exchange line is too long")
		case err != nil:
			return auth.Identity{}, err
		case line == "*":
			return auth.Identity{}, fail(501, "5.7.0", "Authentication cancelled")
		}
		if resp, err = decodeSASL(line); err != nil {
			return auth.Identity{}, fail(501, "5.5.2", "Cannot decode response")
		}
		if done {
			return x.Identity(), nil
		}
	}
}

// authFailed maps an auth error to RFC 4954 §6's replies; bad
// credentials are answered after the failed-login pause.
func (s *session) authFailed(mech string, err error) error {
	s.log.Warn().Str("mech", mech).Err(err).Msg("authentication failed")
	switch {
	case errors.Is(err, auth.ErrNoMechanism):
		return fail(504, "5.5.4", "Unrecognized authentication type")
	case errors.Is(err, auth.ErrPrivacyRequired):
		return fail(538, "5.7.11", "Encryption required for requested authentication mechanism")
	case errors.Is(err, auth.ErrUnavailable):
		return fail(454, "4.7.0", "Temporary authentication failure")
	case errors.Is(err, auth.ErrMalformed):
		return fail(501, "5.5.4", "Malformed authentication exchange")
	}
	if werr := s.throttle.Wait(s.ctx, s.throttle.Failed("")); werr != nil {
		return werr
	}
	return fail(535, "5.7.8", "Authentication credentials invalid")
}

// decodeSASL decodes a client response; "=" is the empty one (RFC 4954
// §4).
func decodeSASL(s string) ([]byte, error) {
	if s == "=" {
		return []byte{}, nil
	}
	return base64.StdEncoding.DecodeString(s)
}

// connState describes the connection to internal/auth.
func (s *session) connState() auth.ConnState {
	cs := auth.ConnState{Service: "lmtp", TLS: s.tlsState != nil}
	if s.tlsState != nil {
		cs.TLSSSF = auth.CipherSSF(*s.tlsState)
	}
	return cs
}
