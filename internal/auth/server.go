package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Identity is the outcome of a successful authentication.
type Identity struct {
	// Authn is the canonical authentication identity: whose credentials
	// were checked.
	Authn string
	// Authz is the canonical authorization identity: the user the session
	// acts as. It equals Authn unless an admin or proxy server asked to
	// act as someone else.
	Authz string
	// Admin says Authz is listed in admins. As Cyrus, an admin acting as
	// another user has that user's rights, not admin rights.
	Admin bool
}

// TokenRequest is what an OAUTHBEARER client sent (RFC 7628 §3.1).
type TokenRequest struct {
	Authzid string // decoded gs2 "a=" value, "" when absent
	Token   string // the bearer token
	Host    string // optional host the client connected to
	Port    int    // optional port, 0 when absent
}

// TokenValidator checks an OAuth bearer token and returns the user it was
// issued to (not yet canonical), or an error.
type TokenValidator func(ctx context.Context, req TokenRequest) (user string, err error)

// ServerOptions configure a Server.
type ServerOptions struct {
	Config Config
	// Checker verifies plaintext passwords (LOGIN command, PLAIN, LOGIN
	// mechanism). Nil disables them.
	Checker Checker
	// Scram holds stored SCRAM keys. Nil disables SCRAM-SHA-256(-PLUS).
	Scram ScramStore
	// ScramIterations is the iteration count shown for unknown users; it
	// should match what the store uses (default scram.MinIterations).
	ScramIterations int
	// OAuth validates OAUTHBEARER tokens. Nil disables OAUTHBEARER.
	OAuth TokenValidator
}

// Server is the authentication side of one protocol server process. It
// is safe for concurrent use: per-connection state lives in ConnState and
// Exchange.
type Server struct {
	opt   ServerOptions
	names *Names
}

// NewServer returns a Server for opt.
func NewServer(opt ServerOptions) *Server {
	return &Server{opt: opt, names: NewNames(opt.Config)}
}

// Names returns the identity rules in use.
func (s *Server) Names() *Names { return s.names }

// PlaintextAllowed reports whether a cleartext password may be sent on
// the connection. As Cyrus: with allowplaintext, or under TLS, or when
// imapd -p declared an SSF above 1.
func (s *Server) PlaintextAllowed(cs ConnState) bool {
	return s.opt.Config.AllowPlaintext || cs.SSF() > 1
}

// layerOK reports whether the connection meets sasl_minimum_layer. None of
// our mechanisms adds a security layer, so the transport must provide it.
func (s *Server) layerOK(cs ConnState) bool {
	return cs.SSF() >= s.opt.Config.MinimumLayer
}

// LoginDisabled reports whether the IMAP LOGIN command is refused on the
// connection, i.e. whether to announce LOGINDISABLED (RFC 9051 §6.2.3).
func (s *Server) LoginDisabled(cs ConnState) bool {
	return s.opt.Checker == nil || !s.PlaintextAllowed(cs) || !s.layerOK(cs)
}

// Mechanisms returns the SASL mechanisms to advertise on the connection,
// in a fixed order, filtered by sasl_mech_list when it is set.
func (s *Server) Mechanisms(cs ConnState) []string {
	var out []string
	for _, m := range registry {
		if s.offered(m, cs) == nil {
			out = append(out, m.name)
		}
	}
	return out
}

// offered says why mechanism m cannot be used on cs, or nil if it can.
func (s *Server) offered(m *mechanism, cs ConnState) error {
	if !s.listed(m.name) || !m.available(s, cs) {
		return ErrNoMechanism
	}
	if !s.layerOK(cs) || (m.plaintext && !s.PlaintextAllowed(cs)) {
		return ErrPrivacyRequired
	}
	return nil
}

// listed reports whether sasl_mech_list allows the mechanism.
func (s *Server) listed(name string) bool {
	l := s.opt.Config.MechList
	return len(l) == 0 || slices.Contains(l, name)
}

// Start begins an AUTHENTICATE exchange with the named mechanism (any
// case). It fails with ErrNoMechanism for a mechanism not offered here,
// ErrPrivacyRequired for one withheld only for want of protection.
func (s *Server) Start(mech string, cs ConnState) (*Exchange, error) {
	name := strings.ToUpper(mech)
	m := lookupMechanism(name)
	if m == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoMechanism, mech)
	}
	if err := s.offered(m, cs); err != nil {
		return nil, fmt.Errorf("%w: %s", err, name)
	}
	x := &Exchange{srv: s, cs: cs, name: name}
	x.step = m.start(x)
	return x, nil
}

// Login checks the IMAP LOGIN command (or any plaintext user/password
// login) and returns the identity.
func (s *Server) Login(ctx context.Context, cs ConnState, user, password string) (Identity, error) {
	if !s.PlaintextAllowed(cs) || !s.layerOK(cs) {
		return Identity{}, ErrPrivacyRequired
	}
	authn, err := s.verifyPassword(ctx, cs, user, password)
	if err != nil {
		return Identity{}, err
	}
	return s.authorize(authn, "", cs)
}

// verifyPassword canonicalises user and checks password; it returns the
// canonical authentication identity.
func (s *Server) verifyPassword(ctx context.Context, cs ConnState, user, password string) (string, error) {
	authn, err := s.authnName(user, cs)
	if err != nil {
		return "", err
	}
	if s.opt.Checker == nil {
		return "", ErrUnavailable
	}
	if password == "" || strings.IndexByte(password, 0) >= 0 {
		return "", ErrBadCredentials
	}
	err = s.opt.Checker.Check(ctx, authn, password, cs.service(), "")
	switch {
	case err == nil:
		return authn, nil
	case errors.Is(err, ErrBadCredentials), errors.Is(err, ErrUnavailable):
		return "", err
	}
	return "", fmt.Errorf("%w: %w", ErrUnavailable, err)
}

// authnName turns a client-supplied login name into a canonical
// authentication identity; an unusable name counts as bad credentials.
func (s *Server) authnName(user string, cs ConnState) (string, error) {
	authn, err := s.names.Canonical(user, cs.ServerDomain)
	if err == nil {
		err = s.names.CheckRealm(authn)
	}
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrBadCredentials, err)
	}
	return authn, nil
}

// authorize applies the proxy policy to an authenticated authn and a
// requested authz ("" meaning authn itself).
func (s *Server) authorize(authn, authz string, cs ConnState) (Identity, error) {
	if authz == "" {
		authz = authn
	} else {
		c, err := s.names.Canonical(authz, cs.ServerDomain)
		if err != nil {
			return Identity{}, fmt.Errorf("%w: %w", ErrAuthzDenied, err)
		}
		authz = c
	}
	if !s.names.MayProxy(authn, authz) {
		return Identity{}, ErrAuthzDenied
	}
	return Identity{Authn: authn, Authz: authz, Admin: s.names.IsAdmin(authz)}, nil
}
