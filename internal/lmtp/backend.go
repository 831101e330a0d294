package lmtp

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"os"

	"github.com/corvusmail/corvus/internal/auth"
)

// Backend is where recipients are checked and messages delivered. Calls
// for one connection come from one goroutine; calls for different
// connections may be concurrent.
type Backend interface {
	// Recipient checks one RCPT TO at RCPT time. env holds the
	// recipients accepted so far (rcpt is not among them yet). ok=true
	// accepts the recipient (250 2.1.5); ok=false refuses it with reply,
	// or with 550 5.1.1 User unknown when reply is zero or a 2xx. The
	// backend may keep what it resolved in rcpt.Value for Deliver.
	Recipient(ctx context.Context, env *Envelope, rcpt *Recipient) (ok bool, reply Reply)
	// Deliver is called once per message that arrived intact, with the
	// spooled message, and returns one Reply per accepted recipient, in
	// RCPT order. A missing reply becomes 451 4.3.0. msg is only valid
	// during the call.
	Deliver(ctx context.Context, env *Envelope, msg *Message) []Reply
}

// Authenticator runs SASL for AUTH. *auth.Server satisfies it.
type Authenticator interface {
	// Mechanisms lists the mechanisms to offer on a connection.
	Mechanisms(cs auth.ConnState) []string
	// Start begins one exchange; errors wrap the auth package's
	// sentinels.
	Start(mech string, cs auth.ConnState) (*auth.Exchange, error)
}

// Envelope is what the client said about one message, with what the
// engine knows about the connection.
type Envelope struct {
	// SessionID identifies the connection, as Cyrus's session id.
	SessionID string
	// LHLO is the client's LHLO argument.
	LHLO string
	// Remote is the client's address.
	Remote net.Addr
	// TLS is the TLS state after STARTTLS, nil without TLS.
	TLS *tls.ConnectionState
	// PreAuth says the connection is pre-authorised (Options.PreAuth).
	PreAuth bool
	// Identity is who authenticated with AUTH; zero otherwise.
	Identity auth.Identity

	// From is the reverse-path mailbox as sent, without angle brackets
	// or source route; "" is the null path <>.
	From string
	// Size is MAIL FROM SIZE= (RFC 1870), 0 when not given.
	Size int64
	// Body is MAIL FROM BODY= upper-cased: "7BIT", "8BITMIME" or "".
	Body string
	// AuthParam is MAIL FROM AUTH= xtext-decoded (RFC 4954 §5): the
	// submitter the client vouches for; "" when absent or <>.
	AuthParam string
	// IgnoreQuota is MAIL FROM IGNOREQUOTA (Cyrus extension).
	IgnoreQuota bool
	// Recipients are the accepted recipients, in RCPT order.
	Recipients []*Recipient
}

// Recipient is one accepted (or, during Backend.Recipient, proposed)
// RCPT TO.
type Recipient struct {
	// User is the canonical user the Backend delivers this recipient to,
	// set by Backend.Recipient: the engine logs the transaction to that
	// user's telemetry when it is on. "" for none.
	User string

	// Addr is the mailbox as sent, without angle brackets or source
	// route, quotes kept.
	Addr string
	// Local is the local part with quoting removed.
	Local string
	// Domain is the domain or address literal; "" when the address has
	// none (LMTP clients often send bare user names).
	Domain string
	// IgnoreQuota is set by IGNOREQUOTA on this RCPT TO (as Cyrus) or on
	// MAIL FROM.
	IgnoreQuota bool
	// Value is the backend's: what Recipient resolved, for Deliver.
	Value any
}

// Message is a spooled message: the engine's Return-Path and Received
// headers (as Cyrus lmtpd prepends them), then what the client sent after
// dot-unstuffing and the content rules (see the package doc).
type Message struct {
	f    *os.File
	size int64
	// BodyOffset is the offset of the body: just past the empty line that
	// ends the header, or Size when there is none.
	BodyOffset int64
	// EightBit says some octet is above 127.
	EightBit bool
	// MessageID is the Resent-Message-ID or Message-ID the message
	// carries, or the one the engine added.
	MessageID string
}

// ReadAt reads the spooled message.
func (m *Message) ReadAt(p []byte, off int64) (int, error) {
	if off >= m.size {
		return 0, io.EOF
	}
	if rest := m.size - off; int64(len(p)) > rest {
		n, err := m.f.ReadAt(p[:rest], off)
		if err == nil {
			err = io.EOF
		}
		return n, err
	}
	return m.f.ReadAt(p, off)
}

// Size is the length of the spooled message in octets.
func (m *Message) Size() int64 { return m.size }

// File is the spool file holding exactly the message (Size octets), for
// readers that map it rather than copy it. It is valid during Deliver.
func (m *Message) File() *os.File { return m.f }

// Reader returns a reader over the whole message.
func (m *Message) Reader() *io.SectionReader { return io.NewSectionReader(m, 0, m.size) }
