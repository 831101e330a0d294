package auth

import "errors"

// Sentinel errors callers map to protocol answers (IMAP response codes,
// LMTP enhanced status codes) in one place per protocol.
var (
	// ErrBadCredentials: wrong password, unknown user, or a proof that did
	// not verify. Deliberately one error, so that no answer tells unknown
	// users from wrong passwords (IMAP: NO [AUTHENTICATIONFAILED]).
	ErrBadCredentials = errors.New("authentication failed")
	// ErrUnavailable: the password could not be checked at all (saslauthd
	// down, password file unreadable or unsafe). IMAP: NO [UNAVAILABLE].
	ErrUnavailable = errors.New("authentication temporarily unavailable")
	// ErrAuthzDenied: the credentials were good, but the user may not act
	// as the requested authorization identity. IMAP: NO
	// [AUTHORIZATIONFAILED].
	ErrAuthzDenied = errors.New("not authorized to act as that user")
	// ErrPrivacyRequired: plaintext authentication on a connection that is
	// not protected, with allowplaintext off, or any authentication below
	// sasl_minimum_layer. IMAP: NO [PRIVACYREQUIRED].
	ErrPrivacyRequired = errors.New("authentication needs a protected connection")
	// ErrNoMechanism: the mechanism is unknown or not offered on this
	// connection. IMAP: NO (Cyrus: "Invalid authentication mechanism").
	ErrNoMechanism = errors.New("no such authentication mechanism")
	// ErrMalformed: the client's SASL message broke the mechanism's
	// syntax. IMAP: NO or BAD.
	ErrMalformed = errors.New("malformed authentication exchange")
	// ErrInvalidUser: the user name is unusable (empty, too long, control
	// characters, "/" or "..", a reserved identifier, a realm not in
	// loginrealms). Treated like bad credentials towards the client.
	ErrInvalidUser = errors.New("invalid user name")
)
