package passwd

import (
	"crypto/rand"
	"fmt"
	"io"
	"strings"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/scram"
	"golang.org/x/crypto/argon2"
)

// Params are the costs Hash uses.
type Params struct {
	Argon2Memory    uint32 // KiB
	Argon2Time      uint32
	Argon2Threads   uint8
	ScramIterations int
}

// DefaultParams: Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane),
// which keeps a login around 20-40 ms of one core in a worker that may
// log in many clients; SCRAM at 10 000 iterations, above RFC 7677's 4096,
// as the client pays for these on every login.
var DefaultParams = Params{Argon2Memory: 19 * 1024, Argon2Time: 2, Argon2Threads: 1, ScramIterations: 10_000}

const (
	saltLen = 16
	keyLen  = 32
)

// Hash returns the credential part of a password file line for password,
// with DefaultParams: an {ARGON2ID} and a {SCRAM-SHA-256} credential.
func Hash(password string) (string, error) {
	return HashParams(password, DefaultParams, rand.Reader)
}

// HashParams is Hash with explicit costs and source of salt.
func HashParams(password string, p Params, random io.Reader) (string, error) {
	if password == "" || strings.ContainsAny(password, "\x00\r\n") {
		return "", fmt.Errorf("password must be non-empty, without NUL or line breaks")
	}
	salt := make([]byte, 2*saltLen)
	if _, err := io.ReadFull(random, salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	a := Argon2{Memory: p.Argon2Memory, Time: p.Argon2Time, Threads: p.Argon2Threads, Salt: salt[:saltLen]}
	a.Key = argon2.IDKey([]byte(password), a.Salt, a.Time, a.Memory, a.Threads, keyLen)
	if _, err := parseArgon2(a.String()); err != nil {
		return "", fmt.Errorf("argon2 parameters: %w", err)
	}
	sec, err := scram.NewSecrets(password, salt[saltLen:], p.ScramIterations)
	if err != nil || !sec.Valid() {
		return "", fmt.Errorf("SCRAM parameters: iterations must be at least %d (%v)", scram.MinIterations, err)
	}
	return "{ARGON2ID}" + a.String() + ":{SCRAM-SHA-256}" + formatScram(sec), nil
}

// Line returns a whole password file line (without newline) for user.
// user should already be canonical (see auth.Names.Canonical).
func Line(user, password string) (string, error) {
	if err := auth.ValidateUser(user); err != nil {
		return "", err
	}
	if strings.ContainsAny(user, ":#") {
		return "", fmt.Errorf("user name %q cannot contain ':' or '#'", user)
	}
	h, err := Hash(password)
	if err != nil {
		return "", err
	}
	return user + ":" + h, nil
}
