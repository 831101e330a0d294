package server

import (
	"context"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/autocreate"
	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/store"
	"github.com/corvusmail/corvus/internal/telemetry"
)

func init() {
	register(func(r *registry) {
		r.add("LOGIN", stateNotAuth, (*Session).cmdLogin)
	})
}

// cmdLogin: RFC 9051 §6.2.3, refused under LOGINDISABLED.
func (s *Session) cmdLogin(cmd *wire.Command) error {
	d := cmd.Decoder()
	var user, pass string
	var err error
	if err = d.SP(); err == nil {
		if user, err = d.Astring(); err == nil {
			if err = d.SP(); err == nil {
				if pass, err = d.Astring(); err == nil {
					err = d.End()
				}
			}
		}
	}
	if err != nil {
		return err
	}
	cs := s.connState()
	if s.srv.opts.Auth.LoginDisabled(cs) {
		return no(imap.ResponseCodePrivacyRequired, "Login only available under a layer")
	}
	var id auth.Identity
	if s.srv.opts.NoPasswordCheck {
		id, err = s.bypassLogin(user)
	} else {
		id, err = s.srv.opts.Auth.Login(s.ctx, cs, user, pass)
	}
	if err != nil {
		return s.authFailed(user, err)
	}
	return s.loggedIn(id, "LOGIN")
}

// bypassLogin is imapd -N: any password is good; the name is still
// canonicalised and admins recognised.
func (s *Session) bypassLogin(user string) (auth.Identity, error) {
	names := s.srv.opts.Auth.Names()
	u, err := names.Canonical(user, "")
	if err != nil {
		return auth.Identity{}, err
	}
	return auth.Identity{Authn: u, Authz: u, Admin: names.IsAdmin(u)}, nil
}

// authFailed maps an authentication error to its answer, after the
// throttle's pause (as Cyrus's failedloginpause).
func (s *Session) authFailed(user string, err error) error {
	countLogin(false)
	s.log.Info().Str("user", user).Str("reason", err.Error()).Msg("login failed")
	if errors.Is(err, auth.ErrUnavailable) {
		return no(imap.ResponseCodeUnavailable, "Authentication temporarily unavailable")
	}
	if errors.Is(err, auth.ErrPrivacyRequired) {
		return no(imap.ResponseCodePrivacyRequired, "Authentication requires a protected connection")
	}
	if errors.Is(err, auth.ErrAuthzDenied) {
		return no(imap.ResponseCodeAuthorizationFailed, "Not authorized")
	}
	if errors.Is(err, auth.ErrNoMechanism) {
		return no("", "Invalid authentication mechanism")
	}
	_ = s.throttle.Wait(s.ctx, s.throttle.Failed(user))
	return no(imap.ResponseCodeAuthenticationFailed, "Authentication failed")
}

// loggedIn moves the session to the authenticated state: the account is
// opened (and created on first login), telemetry starts if log/<user>/
// exists, and the OK carries the new capabilities (RFC 9051 §6.2.3).
func (s *Session) loggedIn(id auth.Identity, how string) error {
	acct, err := s.openAccount(s.ctx, id.Authz)
	if err != nil {
		return err
	}
	s.acct, s.user, s.admin = acct, id.Authz, id.Admin
	s.state = stateAuth
	countLogin(true)
	s.throttle.Succeeded(id.Authz)
	s.anonLog = s.log
	s.log = s.log.With().Str("user", s.user).Logger()
	s.log.Info().Str("how", how).Bool("admin", s.admin).Msg("login")
	s.openTelemetry()
	return ok(wire.CapabilityCode(s.capabilities()), "User logged in "+s.id)
}

// openAccount opens the user's mail, creating the account with its INBOX
// on first use and giving it what Cyrus's autocreate gives a new account.
// Cyrus creates it at login only when autocreate_quota is set; Corvus
// always does, its users living in a password file or saslauthd rather
// than in an admin-made mailbox list (imapd(8), COMPATIBILITY).
func (s *Session) openAccount(ctx context.Context, user string) (store.Account, error) {
	o := &s.srv.opts
	if o.Store == nil {
		return nil, fmt.Errorf("no mail store configured")
	}
	acct, err := o.Store.Open(ctx, user)
	if errors.Is(err, store.ErrNoUser) {
		if acct, err = o.Store.Create(ctx, user); err == nil {
			o.Autocreate.SetUp(ctx, acct, func(f string) string {
				return autocreate.StoreName(f, o.UnixHierarchySep)
			}, s.log)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open account %q: %w", user, err)
	}
	return acct, nil
}

func (s *Session) openTelemetry() {
	o := s.srv.opts
	if o.ConfigDir == "" {
		return
	}
	l, err := telemetry.Open(o.ConfigDir, s.user, o.Ident, telemetry.ID(o.TelemetryBySessionID, s.id))
	if err != nil {
		s.log.Warn().Err(err).Msg("telemetry not opened")
		return
	}
	s.tele = l
}
