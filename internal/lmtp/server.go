package lmtp

import (
	"crypto/tls"
	"net"
	"time"

	"github.com/rs/zerolog"
)

// Defaults for zero Options fields.
const (
	// DefaultMaxRecipients bounds the recipients of one transaction.
	// Cyrus has no limit; RFC 5321 §4.5.3.1.8 asks for at least 100.
	DefaultMaxRecipients = 1000
	// DefaultMaxLineLength bounds a command line. RFC 5321 §4.5.3.1.4
	// sets 512 octets but lets extensions raise it (SIZE, BODY and AUTH=
	// add up to 540 more on MAIL); Cyrus reads commands into 4096 octets.
	DefaultMaxLineLength = 4096
	// DefaultMaxHeaderLine bounds one header line of a message, without
	// its CRLF. RFC 5322 §2.1.1 allows 998; real mail sometimes has more.
	DefaultMaxHeaderLine = 8192
	// DefaultTimeout is the idle time allowed for one read, as Cyrus
	// lmtpd (five minutes).
	DefaultTimeout = 5 * time.Minute
)

// saslLineMax bounds one SASL response line. RFC 4954 §4 asks servers to
// accept 12288 octets there.
const saslLineMax = 12288

// Options configure a Server. Zero values take the defaults documented on
// each field.
type Options struct {
	// ServerName is servername: in the greeting, the LHLO reply and the
	// Received header.
	ServerName string
	// Greeting is the product text of the greeting line,
	// "220 <ServerName> LMTP <Greeting> ready"; "" leaves it out
	// (serverinfo: off).
	Greeting string

	// ConfigDir turns on per-user telemetry (see tap): the logs live in
	// <ConfigDir>/log/<user>/ as imapd's. "" disables it.
	ConfigDir string
	// Ident names the service in telemetry file names ("lmtp").
	Ident string
	// TelemetryBySessionID is telemetry_bysessionid.
	TelemetryBySessionID bool
	// PeerIdentity names the client of a pre-authorised connection for
	// its telemetry (a unix socket's peer user); nil or "" for none.
	PeerIdentity func(net.Conn) string
	// Backend resolves recipients and delivers. Required.
	Backend Backend

	// MaxMessageSize is maxmessagesize in octets; 0 means unlimited. It
	// is announced in SIZE and enforced on MAIL FROM SIZE= and while the
	// message is read (552 5.2.3).
	MaxMessageSize int64
	// MaxRecipients bounds one transaction's accepted recipients
	// (DefaultMaxRecipients); more get 452 4.5.3.
	MaxRecipients int
	// MaxLineLength bounds a command line, CRLF included
	// (DefaultMaxLineLength); longer lines get 500 5.5.2.
	MaxLineLength int
	// MaxHeaderLine bounds one header line of a message, CRLF excluded
	// (DefaultMaxHeaderLine); a longer one makes the message fail with
	// 554 5.6.0 for every recipient.
	MaxHeaderLine int
	// SpoolDir is where messages are spooled while they are read
	// (os.TempDir() when empty). The file is unlinked as soon as it is
	// created, so nothing is left behind whatever happens.
	SpoolDir string

	// TLS enables STARTTLS; nil means none.
	TLS *tls.Config
	// PreAuth is lmtpd -a (and a unix socket): the client counts as
	// authenticated; AUTH and STARTTLS are not offered.
	PreAuth bool
	// Auth runs AUTH for clients that are not pre-authorised; nil offers
	// no AUTH, and then only PreAuth clients may send mail.
	Auth Authenticator
	// SoftNoAuth is soft_noauth: MAIL from an unauthenticated client gets
	// 430 4.7.0 (try again) instead of 530 5.7.0.
	SoftNoAuth bool
	// FailedAuthPause delays the answer to a failed AUTH
	// (failedloginpause; 0: no pause).
	FailedAuthPause time.Duration

	// Reject8Bit is reject8bit: 8-bit octets in the header of a message
	// not sent as BODY=8BITMIME fail it with 554 5.6.0.
	Reject8Bit bool
	// Keep8BitHeaders is munge8bit: no. By default (munge8bit: yes) such
	// octets are replaced by 'X', as Cyrus.
	Keep8BitHeaders bool
	// LaxAddresses is lmtp_strict_rfc2821: no. 8-bit octets in envelope
	// addresses are then replaced by 'X' instead of refused with 501.
	LaxAddresses bool

	// Timeout is the idle time allowed for each read of a command or of
	// message data, and for each write (DefaultTimeout). On expiry the
	// client gets 421 4.4.2 and the connection ends.
	Timeout time.Duration
	// CommandTimeout is lmtp_command_timeout: a command line must be
	// complete within it of its first octet, and message data must bring
	// 16 KiB (or its end) in each such period; 0 leaves only Timeout, as
	// Cyrus. On expiry: 421 4.4.2. See pace.go. It bounds each write of
	// replies (up to 4 KiB) too; a client that takes none within it is
	// disconnected without a reply.
	CommandTimeout time.Duration
	// Shutdown, when set, is asked before every command other than LHLO,
	// NOOP and QUIT; if it reports down, the client gets 421 4.3.2 with
	// msg and the connection ends (as Cyrus with a shutdown file).
	Shutdown func() (msg string, down bool)

	// Log is the parent of the per-connection loggers.
	Log zerolog.Logger
	// Now is the clock for trace headers (time.Now when nil).
	Now func() time.Time
}

// Server serves LMTP connections. It is safe for concurrent use: all
// per-connection state lives in the session of one ServeConn call.
type Server struct {
	opt Options
}

// New returns a Server for opt with defaults applied. It panics if
// opt.Backend is nil, a programming error.
func New(opt Options) *Server {
	if opt.Backend == nil {
		panic("lmtp.New: Options.Backend is nil")
	}
	if opt.MaxRecipients <= 0 {
		opt.MaxRecipients = DefaultMaxRecipients
	}
	if opt.MaxLineLength <= 0 {
		opt.MaxLineLength = DefaultMaxLineLength
	}
	if opt.MaxHeaderLine <= 0 {
		opt.MaxHeaderLine = DefaultMaxHeaderLine
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.ServerName == "" {
		opt.ServerName = "localhost"
	}
	return &Server{opt: opt}
}
