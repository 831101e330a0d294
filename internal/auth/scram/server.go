package scram

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
)

// Errors a conversation ends with, besides ErrMalformed.
var (
	// ErrUnknownUser is returned by a Lookup for a user without stored
	// keys. The server then carries on with made-up keys and fails only
	// at the proof, so that a client cannot tell unknown users from wrong
	// passwords (RFC 5802 §9 warns of exactly this).
	ErrUnknownUser = errors.New("no SCRAM credentials for user")
	// ErrInvalidProof means the client's proof did not match: a wrong
	// password, or an unknown user.
	ErrInvalidProof = errors.New("SCRAM proof does not match")
	// ErrChannelBinding means the channel-binding negotiation failed: a
	// downgrade ("y" while we offer -PLUS), an unsupported type or
	// mismatching binding data.
	ErrChannelBinding = errors.New("SCRAM channel binding failed")
)

// Lookup returns the stored keys of user, or an error wrapping
// ErrUnknownUser. Any other error aborts the conversation with it.
type Lookup func(ctx context.Context, user string) (Secrets, error)

// Options configure one server conversation.
type Options struct {
	// Lookup finds a user's stored keys. Required.
	Lookup Lookup
	// Plus makes this the SCRAM-SHA-256-PLUS mechanism: the client must
	// send "p=<type>" and ChannelBinding must supply the data.
	Plus bool
	// PlusOffered says SCRAM-SHA-256-PLUS was advertised on this
	// connection, so a client saying "y" (it could bind but believes we
	// cannot) is under a downgrade attack and must fail (RFC 5802 §6).
	PlusOffered bool
	// ChannelBinding returns the binding data of the named type (e.g.
	// "tls-exporter", RFC 9266) for this connection, or false when the
	// type is not available.
	ChannelBinding func(cbType string) ([]byte, bool)
	// Nonce returns the server's part of the nonce; by default 18 random
	// bytes in base64. Tests set it to replay RFC 7677's vector.
	Nonce func() (string, error)
	// FakeKey keys the made-up salt of unknown users, so that the same
	// unknown name gets the same salt on every try. It should be a random
	// per-process secret; nil means one chosen at package start.
	FakeKey []byte
	// FakeIterations is the iteration count shown for unknown users; it
	// should match what real entries use. Zero means MinIterations.
	FakeIterations int
}

// Server is one SCRAM-SHA-256 server conversation. It follows go-sasl's
// sasl.Server contract for Next, with a context added.
type Server struct {
	opt   Options
	step  int
	first ClientFirst
	nonce string // full nonce: client's then ours
	sfm   string // server-first-message
	sec   Secrets
	fake  bool
	err   error // sticky failure
}

// NewServer starts a conversation.
func NewServer(opt Options) *Server { return &Server{opt: opt} }

// Username returns the decoded n= name of the client-first message.
func (s *Server) Username() string { return s.first.Username }

// Authzid returns the decoded a= name of the GS2 header, "" if none.
func (s *Server) Authzid() string { return s.first.Authzid }

// Next takes the client's next message and returns our challenge. A nil
// response before anything was exchanged means the client sent no
// initial response: SCRAM is client-first, so an empty challenge asks for
// it. After the server-final message the client must answer with an
// empty response, and only then is the exchange done, since IMAP, LMTP
// and SMTP carry the server-final message as a last challenge.
func (s *Server) Next(ctx context.Context, response []byte) (challenge []byte, done bool, err error) {
	if s.err != nil {
		return nil, true, s.err
	}
	switch s.step {
	case 0:
		if response == nil {
			return []byte{}, false, nil
		}
		challenge, err = s.clientFirst(ctx, response)
	case 1:
		challenge, err = s.clientFinal(response)
	case 2:
		if len(response) != 0 {
			err = fmt.Errorf("%w: unexpected data after server-final", ErrMalformed)
		}
		done = err == nil
	default:
		err = fmt.Errorf("%w: exchange already finished", ErrMalformed)
	}
	if err != nil {
		s.err = err
		return nil, true, err
	}
	s.step++
	return challenge, done, nil
}

func (s *Server) clientFirst(ctx context.Context, msg []byte) ([]byte, error) {
	cf, err := ParseClientFirst(msg)
	if err != nil {
		return nil, err
	}
	s.first = cf
	if err := s.checkFlag(); err != nil {
		return nil, err
	}
	if err := s.lookup(ctx); err != nil {
		return nil, err
	}
	ours, err := s.serverNonce()
	if err != nil {
		return nil, err
	}
	s.nonce = cf.Nonce + ours
	s.sfm = "r=" + s.nonce + ",s=" + base64.StdEncoding.EncodeToString(s.sec.Salt) +
		",i=" + strconv.Itoa(s.sec.Iterations)
	return []byte(s.sfm), nil
}

// checkFlag applies RFC 5802 §6's channel-binding rules to the GS2 flag.
func (s *Server) checkFlag() error {
	switch {
	case s.opt.Plus && s.first.Flag != FlagRequired:
		return fmt.Errorf("%w: -PLUS needs p=", ErrChannelBinding)
	case !s.opt.Plus && s.first.Flag == FlagRequired:
		return fmt.Errorf("%w: p= needs the -PLUS mechanism", ErrChannelBinding)
	case s.first.Flag == FlagNotUsed && s.opt.PlusOffered:
		return fmt.Errorf("%w: client says y but -PLUS was offered", ErrChannelBinding)
	}
	return nil
}

func (s *Server) lookup(ctx context.Context) error {
	sec, err := s.opt.Lookup(ctx, s.first.Username)
	switch {
	case errors.Is(err, ErrUnknownUser):
		s.sec, s.fake = s.fakeSecrets(), true
		return nil
	case err != nil:
		return err
	case !sec.Valid():
		return fmt.Errorf("stored SCRAM keys of %q are unusable", s.first.Username)
	}
	s.sec = sec
	return nil
}

func (s *Server) serverNonce() (string, error) {
	if s.opt.Nonce != nil {
		n, err := s.opt.Nonce()
		if err != nil || !validNonce(n) {
			return "", fmt.Errorf("server nonce: bad or failed (%v)", err)
		}
		return n, nil
	}
	b := make([]byte, 18)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b), nil
}

func (s *Server) clientFinal(msg []byte) ([]byte, error) {
	cf, err := ParseClientFinal(msg)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(cf.Nonce), []byte(s.nonce)) != 1 {
		return nil, fmt.Errorf("%w: nonce does not match", ErrMalformed)
	}
	if err := s.checkBinding(cf.ChannelBinding); err != nil {
		return nil, err
	}
	authMsg := []byte(s.first.Bare + "," + s.sfm + "," + cf.WithoutProof)
	clientSig := hmacSHA256(s.sec.StoredKey, authMsg)
	clientKey := make([]byte, KeyLen)
	subtle.XORBytes(clientKey, cf.Proof, clientSig)
	got := sha256.Sum256(clientKey)
	ok := subtle.ConstantTimeCompare(got[:], s.sec.StoredKey) == 1
	if !ok || s.fake {
		return nil, ErrInvalidProof
	}
	v := hmacSHA256(s.sec.ServerKey, authMsg)
	return []byte("v=" + base64.StdEncoding.EncodeToString(v)), nil
}

// checkBinding verifies c=: the GS2 header again, followed for "p=" by
// the channel's binding data (RFC 5802 §7, cbind-input).
func (s *Server) checkBinding(got []byte) error {
	want := []byte(s.first.GS2Header)
	if s.first.Flag == FlagRequired {
		if s.opt.ChannelBinding == nil {
			return fmt.Errorf("%w: no channel binding on this connection", ErrChannelBinding)
		}
		data, ok := s.opt.ChannelBinding(s.first.CBName)
		if !ok {
			return fmt.Errorf("%w: type %q not supported", ErrChannelBinding, s.first.CBName)
		}
		want = append(want, data...)
	}
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return fmt.Errorf("%w: c= does not match", ErrChannelBinding)
	}
	return nil
}

// Authenticated reports whether the client's proof has been verified (the
// server-final message is ready or sent).
func (s *Server) Authenticated() bool { return s.step >= 2 && s.err == nil }
