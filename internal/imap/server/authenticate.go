package server

import (
	"encoding/base64"
	"errors"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.add("AUTHENTICATE", stateNotAuth, (*Session).cmdAuthenticate)
	})
}

// cmdAuthenticate: RFC 9051 §6.2.2 with SASL-IR (RFC 4959). The exchange
// itself is internal/auth's; this file does base64 and cancellation.
func (s *Session) cmdAuthenticate(cmd *wire.Command) error {
	d := cmd.Decoder()
	if err := d.SP(); err != nil {
		return err
	}
	mech, err := d.Atom()
	if err != nil {
		return err
	}
	var initial []byte // nil: no initial response
	if d.Consume(' ') {
		ir, err := d.Atom()
		if err != nil {
			return err
		}
		if initial, err = decodeSASL(ir); err != nil {
			return bad("Invalid base64 in initial response")
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	x, err := s.srv.opts.Auth.Start(mech, s.connState())
	if err != nil {
		return s.authFailed("", err)
	}
	id, err := s.exchange(x, initial)
	if err != nil {
		return err
	}
	return s.loggedIn(id, "AUTHENTICATE "+x.Mechanism())
}

// exchange runs the challenge/response loop until the mechanism is done.
func (s *Session) exchange(x *auth.Exchange, resp []byte) (auth.Identity, error) {
	s.tap.sasl = true
	defer func() { s.tap.sasl = false }()
	for {
		chal, done, err := x.Next(s.ctx, resp)
		if err != nil {
			if errors.Is(err, auth.ErrMalformed) {
				return auth.Identity{}, bad("Malformed authentication exchange")
			}
			return auth.Identity{}, s.authFailed(x.Identity().Authn, err)
		}
		if done && len(chal) == 0 {
			return x.Identity(), nil
		}
		// RFC 9051 §6.2.2: a challenge, or final server data the client
		// acknowledges with an empty response.
		s.w.Continue(base64.StdEncoding.EncodeToString(chal))
		if err := s.w.Flush(); err != nil {
			return auth.Identity{}, err
		}
		line, err := s.r.ReadLine()
		if err != nil {
			return auth.Identity{}, err
		}
		if string(line) == "*" {
			return auth.Identity{}, bad("Authentication cancelled")
		}
		// An empty line is the empty response (RFC 9051 §6.2.2). go-imap's
		// client, among others, sends "=" instead, the SASL-IR spelling of
		// empty (RFC 4959 §3); Cyrus and Dovecot accept it, and so do we.
		if resp, err = decodeSASL(string(line)); err != nil {
			return auth.Identity{}, bad("Invalid base64 in response")
		}
		if done {
			return x.Identity(), nil
		}
	}
}

// decodeSASL decodes a client SASL response; "=" is the empty one.
func decodeSASL(s string) ([]byte, error) {
	if s == "=" {
		return []byte{}, nil
	}
	return base64.StdEncoding.DecodeString(s)
}
