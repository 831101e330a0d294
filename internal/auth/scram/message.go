package scram

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// maxMessage bounds each client message; real ones are well under 1 KiB.
const maxMessage = 4096

// Channel-binding flags of the GS2 header (RFC 5802 §7, gs2-cbind-flag).
const (
	FlagNone     = 'n' // client does not support channel binding
	FlagNotUsed  = 'y' // client supports it but thinks the server does not
	FlagRequired = 'p' // client requires it, naming a binding type
)

// ClientFirst is a parsed client-first-message (RFC 5802 §7).
type ClientFirst struct {
	Flag      byte   // FlagNone, FlagNotUsed or FlagRequired
	CBName    string // channel-binding type after "p=" (e.g. tls-exporter)
	Authzid   string // decoded "a=" value; "" when absent
	Username  string // decoded "n=" value
	Nonce     string // client nonce
	GS2Header string // "n,," etc., echoed back in c= of the final message
	Bare      string // client-first-message-bare, part of AuthMessage
}

// ParseClientFirst parses a client-first-message. A mandatory extension
// ("m=") is refused, as RFC 5802 §5.1 requires of a server that knows
// none.
func ParseClientFirst(msg []byte) (ClientFirst, error) {
	if len(msg) > maxMessage {
		return ClientFirst{}, fmt.Errorf("%w: client-first too long", ErrMalformed)
	}
	s := string(msg)
	parts := strings.SplitN(s, ",", 3)
	if len(parts) != 3 {
		return ClientFirst{}, fmt.Errorf("%w: no GS2 header", ErrMalformed)
	}
	var cf ClientFirst
	if err := cf.parseFlag(parts[0]); err != nil {
		return ClientFirst{}, err
	}
	if parts[1] != "" {
		v, ok := strings.CutPrefix(parts[1], "a=")
		if !ok {
			return ClientFirst{}, fmt.Errorf("%w: bad authzid", ErrMalformed)
		}
		a, err := DecodeName(v)
		if err != nil {
			return ClientFirst{}, err
		}
		cf.Authzid = a
	}
	cf.GS2Header = parts[0] + "," + parts[1] + ","
	cf.Bare = parts[2]
	if err := cf.parseBare(parts[2]); err != nil {
		return ClientFirst{}, err
	}
	return cf, nil
}

func (cf *ClientFirst) parseFlag(f string) error {
	switch {
	case f == "n" || f == "y":
		cf.Flag = f[0]
	case strings.HasPrefix(f, "p="):
		name := f[2:]
		if name == "" || strings.IndexFunc(name, notCBNameChar) >= 0 {
			return fmt.Errorf("%w: bad channel-binding name", ErrMalformed)
		}
		cf.Flag, cf.CBName = FlagRequired, name
	default:
		return fmt.Errorf("%w: bad channel-binding flag", ErrMalformed)
	}
	return nil
}

// notCBNameChar reports a character outside RFC 5802's cb-name
// (ALPHA / DIGIT / "." / "-").
func notCBNameChar(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= '0' && r <= '9' || r == '.' || r == '-')
}

func (cf *ClientFirst) parseBare(bare string) error {
	attrs := strings.Split(bare, ",")
	if strings.HasPrefix(attrs[0], "m=") {
		return fmt.Errorf("%w: unsupported mandatory extension", ErrMalformed)
	}
	if len(attrs) < 2 {
		return fmt.Errorf("%w: client-first needs n= and r=", ErrMalformed)
	}
	v, ok := strings.CutPrefix(attrs[0], "n=")
	if !ok {
		return fmt.Errorf("%w: client-first must start with n=", ErrMalformed)
	}
	user, err := DecodeName(v)
	if err != nil {
		return err
	}
	nonce, ok := strings.CutPrefix(attrs[1], "r=")
	if !ok || !validNonce(nonce) {
		return fmt.Errorf("%w: bad client nonce", ErrMalformed)
	}
	if err := checkExtensions(attrs[2:]); err != nil {
		return err
	}
	cf.Username, cf.Nonce = user, nonce
	return nil
}

// validNonce reports whether s is RFC 5802's c-nonce: printable ASCII
// other than ','.
func validNonce(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c > 0x7e || c == ',' {
			return false
		}
	}
	return true
}

// checkExtensions accepts optional extensions (attr-val with a one-letter
// attribute) and ignores them, as RFC 5802 §5 allows.
func checkExtensions(attrs []string) error {
	for _, a := range attrs {
		if len(a) < 3 || a[1] != '=' || notAlpha(a[0]) {
			return fmt.Errorf("%w: bad attribute", ErrMalformed)
		}
	}
	return nil
}

func notAlpha(c byte) bool { return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') }

// ClientFinal is a parsed client-final-message (RFC 5802 §7).
type ClientFinal struct {
	ChannelBinding []byte // decoded c= value: GS2 header plus binding data
	Nonce          string // client nonce followed by server nonce
	Proof          []byte // decoded p= value
	WithoutProof   string // client-final-message-without-proof
}

// ParseClientFinal parses a client-final-message; the proof must be the
// last attribute, as the grammar requires.
func ParseClientFinal(msg []byte) (ClientFinal, error) {
	if len(msg) > maxMessage {
		return ClientFinal{}, fmt.Errorf("%w: client-final too long", ErrMalformed)
	}
	s := string(msg)
	i := strings.LastIndex(s, ",p=")
	if i < 0 {
		return ClientFinal{}, fmt.Errorf("%w: no proof", ErrMalformed)
	}
	var cf ClientFinal
	cf.WithoutProof = s[:i]
	proof, err := base64.StdEncoding.Strict().DecodeString(s[i+3:])
	if err != nil || len(proof) != KeyLen {
		return ClientFinal{}, fmt.Errorf("%w: bad proof", ErrMalformed)
	}
	cf.Proof = proof
	attrs := strings.Split(cf.WithoutProof, ",")
	if len(attrs) < 2 {
		return ClientFinal{}, fmt.Errorf("%w: client-final needs c= and r=", ErrMalformed)
	}
	v, ok := strings.CutPrefix(attrs[0], "c=")
	if !ok {
		return ClientFinal{}, fmt.Errorf("%w: client-final must start with c=", ErrMalformed)
	}
	if cf.ChannelBinding, err = base64.StdEncoding.Strict().DecodeString(v); err != nil {
		return ClientFinal{}, fmt.Errorf("%w: bad channel binding", ErrMalformed)
	}
	nonce, ok := strings.CutPrefix(attrs[1], "r=")
	if !ok || !validNonce(nonce) {
		return ClientFinal{}, fmt.Errorf("%w: bad nonce", ErrMalformed)
	}
	cf.Nonce = nonce
	if err := checkExtensions(attrs[2:]); err != nil {
		return ClientFinal{}, err
	}
	return cf, nil
}
