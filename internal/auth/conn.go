package auth

import (
	"crypto/tls"
	"strings"
)

// ConnState is what the protocol layer knows about one connection that
// matters for authentication. Build it afresh after STARTTLS.
type ConnState struct {
	// Service is the SASL service name passed to password checkers
	// ("imap", "pop", "lmtp"); "imap" when empty.
	Service string
	// TLS says TLS is active (STARTTLS done, or imapd -s).
	TLS bool
	// TLSSSF is the strength of the TLS cipher in bits (see CipherSSF);
	// when TLS is set and this is 0, 128 is assumed.
	TLSSSF int
	// ExternalSSF is the strength imapd -p declares for the transport
	// (a TLS terminator in front, a unix socket).
	ExternalSSF int
	// ExternalID is the identity the transport vouches for: a verified
	// TLS client certificate's user, or a unix socket peer. EXTERNAL is
	// only offered when it is set.
	ExternalID string
	// ChannelBinding returns channel-binding data of the named type for
	// this TLS connection (e.g. "tls-exporter", RFC 9266, from
	// tls.ConnectionState.ExportKeyingMaterial). When set,
	// SCRAM-SHA-256-PLUS is offered and p= accepted.
	ChannelBinding func(cbType string) ([]byte, bool)
	// ServerDomain is the domain of the local address the client reached,
	// for virtdomains: on (the caller resolves it).
	ServerDomain string
}

// SSF is the connection's security strength factor: the larger of
// the TLS cipher strength and imapd -p, as Cyrus hands SASL the TLS
// strength as its external SSF.
func (cs ConnState) SSF() int {
	ssf := cs.ExternalSSF
	if cs.TLS {
		t := cs.TLSSSF
		if t == 0 {
			t = 128
		}
		ssf = max(ssf, t)
	}
	return ssf
}

func (cs ConnState) service() string {
	if cs.Service == "" {
		return "imap"
	}
	return cs.Service
}

// CipherSSF returns the key strength in bits of a negotiated TLS cipher
// suite, for ConnState.TLSSSF.
func CipherSSF(st tls.ConnectionState) int {
	name := tls.CipherSuiteName(st.CipherSuite)
	switch {
	case strings.Contains(name, "AES_256"), strings.Contains(name, "CHACHA20"):
		return 256
	case strings.Contains(name, "3DES"):
		return 112
	}
	return 128
}
