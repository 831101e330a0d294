package passwd

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/corvusmail/corvus/internal/auth/scram"
)

// maxScramIterations bounds the PBKDF2 work of a plaintext check against
// SCRAM keys.
const maxScramIterations = 10_000_000

// parseScram parses "<iterations>:<salt>:<StoredKey>:<ServerKey>" (or the
// same with ',').
func parseScram(s string) (scram.Secrets, error) {
	sep := ":"
	if !strings.Contains(s, ":") {
		sep = ","
	}
	f := strings.Split(s, sep)
	if len(f) != 4 {
		return scram.Secrets{}, fmt.Errorf("SCRAM-SHA-256 needs iterations, salt, StoredKey, ServerKey")
	}
	iter, err := strconv.Atoi(f[0])
	if err != nil || iter < scram.MinIterations || iter > maxScramIterations || strconv.Itoa(iter) != f[0] {
		return scram.Secrets{}, fmt.Errorf("bad SCRAM iteration count")
	}
	var sec scram.Secrets
	sec.Iterations = iter
	std := base64.StdEncoding.Strict()
	salt, err1 := std.DecodeString(f[1])
	stored, err2 := std.DecodeString(f[2])
	server, err3 := std.DecodeString(f[3])
	if err1 != nil || err2 != nil || err3 != nil || len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return scram.Secrets{}, fmt.Errorf("bad SCRAM base64 field")
	}
	sec.Salt, sec.StoredKey, sec.ServerKey = salt, stored, server
	if !sec.Valid() {
		return scram.Secrets{}, fmt.Errorf("bad SCRAM key length")
	}
	return sec, nil
}

// formatScram is the inverse of parseScram.
func formatScram(s scram.Secrets) string {
	std := base64.StdEncoding
	return strconv.Itoa(s.Iterations) + ":" + std.EncodeToString(s.Salt) + ":" +
		std.EncodeToString(s.StoredKey) + ":" + std.EncodeToString(s.ServerKey)
}

// verifyScram checks a plaintext password against stored SCRAM keys by
// deriving them again, for users who only have SCRAM credentials.
func verifyScram(s scram.Secrets, password string) bool {
	got, err := scram.NewSecrets(password, s.Salt, s.Iterations)
	if err != nil {
		return false
	}
	ok := subtle.ConstantTimeCompare(got.StoredKey, s.StoredKey)
	return ok == 1 && len(s.StoredKey) == sha256.Size
}
