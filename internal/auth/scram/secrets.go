package scram

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"fmt"
)

// MinIterations is the smallest iteration count accepted for stored keys:
// RFC 7677 §4 says the count SHOULD be at least 4096.
const MinIterations = 4096

// KeyLen is the length of every SCRAM-SHA-256 key and proof (SHA-256).
const KeyLen = sha256.Size

// Secrets are what a server stores for one user instead of the password
// (RFC 5802 §3): enough to verify a client proof and to prove itself to
// the client, but not enough to log in as the user elsewhere.
type Secrets struct {
	Iterations int
	Salt       []byte
	StoredKey  []byte // H(ClientKey)
	ServerKey  []byte // HMAC(SaltedPassword, "Server Key")
}

// NewSecrets derives the stored keys for password with salt and
// iterations, as RFC 5802 §3 defines them.
func NewSecrets(password string, salt []byte, iterations int) (Secrets, error) {
	salted, err := pbkdf2.Key(sha256.New, password, salt, iterations, KeyLen)
	if err != nil {
		return Secrets{}, fmt.Errorf("derive salted password: %w", err)
	}
	clientKey := hmacSHA256(salted, []byte("Client Key"))
	stored := sha256.Sum256(clientKey)
	return Secrets{
		Iterations: iterations,
		Salt:       append([]byte(nil), salt...),
		StoredKey:  stored[:],
		ServerKey:  hmacSHA256(salted, []byte("Server Key")),
	}, nil
}

// Valid reports whether s has the shape SCRAM-SHA-256 needs; a store
// should refuse entries that fail it rather than hand them to the server.
func (s Secrets) Valid() bool {
	return s.Iterations >= MinIterations && len(s.Salt) > 0 &&
		len(s.StoredKey) == KeyLen && len(s.ServerKey) == KeyLen
}

func hmacSHA256(key, msg []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return m.Sum(nil)
}
