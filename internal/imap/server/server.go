package server

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"github.com/rs/zerolog"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/autocreate"
	"github.com/corvusmail/corvus/internal/imap/sessionstate"
	"github.com/corvusmail/corvus/internal/store"
)

// Options configure a Server. Zero durations take Cyrus's defaults.
type Options struct {
	// ServerName is shown in the greeting (servername).
	ServerName string
	// ServerInfo is serverinfo: "on" (name and version), "min" (product
	// name only) or "off" (neither).
	ServerInfo string
	// Version is the release shown with ServerInfo "on".
	Version string
	// ConfigDir is configdirectory: msg/motd, msg/shutdown and log/ live
	// below it.
	ConfigDir string
	// Ident names the service in telemetry file names ("imap").
	Ident string
	// TelemetryBySessionID is telemetry_bysessionid.
	TelemetryBySessionID bool

	// Auth authenticates; Names come from it.
	Auth *auth.Server
	// NoPasswordCheck is imapd -N: LOGIN accepts any password (testing).
	NoPasswordCheck bool
	// ExternalSSF is imapd -p.
	ExternalSSF int
	// FailedLoginPause is failedloginpause (auth.PauseFor).
	FailedLoginPause time.Duration
	// IgnoreQuota is imapd -q.
	IgnoreQuota bool

	// TLS is the configuration for STARTTLS and ImplicitTLS; nil means
	// no TLS.
	TLS *tls.Config
	// ImplicitTLS is imapd -s: TLS starts before the greeting.
	ImplicitTLS bool

	// Store holds the mail.
	Store store.Store
	// Autocreate is applied to an account created at its first login
	// (subscriptions, quota, folders), as Cyrus's autocreate does.
	Autocreate autocreate.Settings
	// MaxMessageSize is maxmessagesize (0: no limit): APPENDLIMIT and
	// TOOBIG.
	MaxMessageSize int64
	// UnixHierarchySep selects '/' (true) or '.' as the separator.
	UnixHierarchySep bool
	// AltNamespace shows folders beside INBOX (true) or below it.
	AltNamespace bool

	// Timeout is the autologout time (timeout, minimum 30 minutes).
	Timeout time.Duration
	// PreloginTimeout bounds the not-authenticated state
	// (imap_prelogin_timeout); 0: no bound but Timeout, as Cyrus.
	PreloginTimeout time.Duration
	// CommandTimeout bounds a command line from its first octet, and each
	// stretch of a literal that must bring 16 KiB (imap_command_timeout);
	// 0: no bound but Timeout, as Cyrus. See deadline.go.
	CommandTimeout time.Duration
	// IdleTimeout bounds one IDLE (imapidletimeout).
	IdleTimeout time.Duration
	// IdlePoll is how often IDLE polls the store (imapidlepoll); 0
	// disables IDLE.
	IdlePoll time.Duration

	// Idled, when set, gives IDLE instant wake-ups and hears of every
	// mailbox a command changed (Cyrus's idled); IDLE still polls every
	// IdlePoll, which covers an idled that is down.
	Idled Idled

	// HibernateAfter and Hibernate let a session in IDLE hand its
	// connection away: after HibernateAfter in IDLE, Hibernate is given
	// the connection and the session's state; if it returns true the
	// session ends without touching the connection again (ServeConn
	// returns; a caller that closes the connection afterwards, as
	// internal/service does, must let Hibernate keep a duplicate of the
	// descriptor). If it returns false the IDLE simply goes on.
	HibernateAfter time.Duration
	Hibernate      func(c net.Conn, st *sessionstate.State) bool

	// Log is the connection logger's parent.
	Log zerolog.Logger

	// testTimeout replaces Timeout without the 30-minute floor (tests).
	testTimeout time.Duration
}

// Idled is the session's view of idled (internal/idle).
type Idled interface {
	// Watch asks for wake-ups on a mailbox's changes: a receive on wake
	// means something changed; stop ends the watch.
	Watch(user, mailboxID string) (wake <-chan struct{}, stop func())
	// Notify tells idled that a mailbox changed.
	Notify(ctx context.Context, user, mailboxID string, modseq uint64) error
}

// minTimeout is RFC 9051 §5.4's floor on the autologout timer, which
// Cyrus enforces for timeout too.
const minTimeout = 30 * time.Minute

// Server serves IMAP connections. It is safe for concurrent use; all
// per-connection state lives in a Session.
type Server struct {
	opts Options
	reg  *registry
}

// New returns a Server for opts.
func New(opts Options) *Server {
	if opts.Timeout < minTimeout {
		opts.Timeout = minTimeout
	}
	if opts.testTimeout > 0 {
		opts.Timeout = opts.testTimeout
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = opts.Timeout
	}
	if opts.Ident == "" {
		opts.Ident = "imap"
	}
	if opts.ServerInfo == "" {
		opts.ServerInfo = "on"
	}
	return &Server{opts: opts, reg: commands()}
}

// ServeConn serves one client from the greeting to LOGOUT; it satisfies
// service.Handler. It returns when the client is gone, the session timed
// out, or ctx ended.
func (s *Server) ServeConn(ctx context.Context, c net.Conn) {
	sess := s.newSession(ctx, c)
	defer sess.close()
	if s.opts.ImplicitTLS {
		if err := sess.startTLS(); err != nil {
			sess.log.Info().Err(err).Msg("TLS handshake failed")
			return
		}
	}
	if !sess.greet() {
		return
	}
	sess.loop()
}

// Resume continues a session that another Server (possibly in another
// process) serialised into st, on the same client connection, without a
// greeting: the client never notices the hand-over.
func (s *Server) Resume(ctx context.Context, c net.Conn, st *sessionstate.State) error {
	sess := s.newSession(ctx, c)
	defer sess.close()
	if err := sess.restore(st); err != nil {
		sess.w.Status("", "BYE", noCode, "Session could not be resumed")
		sess.w.Flush()
		return err
	}
	sess.loop()
	return nil
}
