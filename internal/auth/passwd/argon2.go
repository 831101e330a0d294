package passwd

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2 is a parsed Argon2id PHC string.
type Argon2 struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8  // lanes
	Salt    []byte
	Key     []byte
}

// Bounds on parameters read from the file: a typo must not make a worker
// allocate gigabytes or spin for minutes.
const (
	maxArgon2Memory = 1 << 20 // KiB, 1 GiB
	maxArgon2Time   = 1024
	minSaltLen      = 8
	maxSaltLen      = 64
	minKeyLen       = 16
	maxKeyLen       = 128
)

var b64 = base64.RawStdEncoding.Strict()

// parseArgon2 parses "$argon2id$v=19$m=M,t=T,p=P$salt$hash".
func parseArgon2(s string) (Argon2, error) {
	f := strings.Split(s, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" || f[2] != "v=19" {
		return Argon2{}, fmt.Errorf("not an $argon2id$v=19$ string")
	}
	var a Argon2
	if err := a.parseParams(f[3]); err != nil {
		return Argon2{}, err
	}
	var err error
	if a.Salt, err = b64.DecodeString(f[4]); err != nil || len(a.Salt) < minSaltLen || len(a.Salt) > maxSaltLen {
		return Argon2{}, fmt.Errorf("bad argon2 salt")
	}
	if a.Key, err = b64.DecodeString(f[5]); err != nil || len(a.Key) < minKeyLen || len(a.Key) > maxKeyLen {
		return Argon2{}, fmt.Errorf("bad argon2 hash")
	}
	return a, nil
}

func (a *Argon2) parseParams(s string) error {
	p := strings.Split(s, ",")
	if len(p) != 3 {
		return fmt.Errorf("argon2 parameters must be m=,t=,p=")
	}
	m, err1 := param(p[0], "m=", 1, maxArgon2Memory)
	t, err2 := param(p[1], "t=", 1, maxArgon2Time)
	l, err3 := param(p[2], "p=", 1, 255)
	if err1 != nil || err2 != nil || err3 != nil {
		return fmt.Errorf("bad argon2 parameters")
	}
	if m < 8*l {
		return fmt.Errorf("argon2 memory below 8 KiB per lane")
	}
	a.Memory, a.Time, a.Threads = uint32(m), uint32(t), uint8(l)
	return nil
}

func param(s, prefix string, lo, hi uint64) (uint64, error) {
	v, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return 0, fmt.Errorf("want %s", prefix)
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil || n < lo || n > hi || strconv.FormatUint(n, 10) != v {
		return 0, fmt.Errorf("bad %s", prefix)
	}
	return n, nil
}

// String formats a as a PHC string.
func (a Argon2) String() string {
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
		a.Memory, a.Time, a.Threads, b64.EncodeToString(a.Salt), b64.EncodeToString(a.Key))
}

// Verify reports whether password hashes to a's key, in constant time.
func (a Argon2) Verify(password string) bool {
	k := argon2.IDKey([]byte(password), a.Salt, a.Time, a.Memory, a.Threads, uint32(len(a.Key)))
	return subtle.ConstantTimeCompare(k, a.Key) == 1
}
