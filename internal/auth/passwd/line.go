package passwd

import (
	"fmt"
	"strings"

	"github.com/corvusmail/corvus/internal/auth"
	"github.com/corvusmail/corvus/internal/auth/scram"
	"golang.org/x/crypto/bcrypt"
)

// Entry is one user's line.
type Entry struct {
	User   string
	Argon2 *Argon2
	Bcrypt []byte // the $2y$ string
	Scram  *scram.Secrets
}

// maxLine bounds one line; real ones are a few hundred bytes.
const maxLine = 8192

// ParseLine parses one line (without its newline). ok is false for blank
// and comment lines. Errors never quote the line: it holds hashes.
func ParseLine(line string) (e Entry, ok bool, err error) {
	line = strings.TrimSuffix(line, "\r")
	if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
		return Entry{}, false, nil
	}
	if len(line) > maxLine {
		return Entry{}, false, fmt.Errorf("line longer than %d bytes", maxLine)
	}
	user, rest, found := strings.Cut(line, ":")
	if !found {
		return Entry{}, false, fmt.Errorf("no ':' after the user name")
	}
	if err := auth.ValidateUser(user); err != nil {
		return Entry{}, false, err
	}
	e.User = user
	for _, cred := range splitCredentials(rest) {
		if err := e.add(cred); err != nil {
			return Entry{}, false, err
		}
	}
	if e.Argon2 == nil && e.Bcrypt == nil && e.Scram == nil {
		return Entry{}, false, fmt.Errorf("no credential")
	}
	return e, true, nil
}

// splitCredentials splits at each ':' that is followed by '{'.
func splitCredentials(s string) []string {
	var out []string
	for {
		i := strings.Index(s, ":{")
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}

func (e *Entry) add(cred string) error {
	scheme, data, ok := strings.Cut(cred, "}")
	if !ok || !strings.HasPrefix(scheme, "{") {
		return fmt.Errorf("credential without a {SCHEME}")
	}
	scheme = strings.ToUpper(scheme[1:])
	var dup bool
	switch scheme {
	case "ARGON2ID":
		dup = e.Argon2 != nil
		a, err := parseArgon2(data)
		if err != nil {
			return err
		}
		e.Argon2 = &a
	case "SCRAM-SHA-256":
		dup = e.Scram != nil
		s, err := parseScram(data)
		if err != nil {
			return err
		}
		e.Scram = &s
	case "BCRYPT", "BLF-CRYPT":
		dup = e.Bcrypt != nil
		if _, err := bcrypt.Cost([]byte(data)); err != nil {
			return fmt.Errorf("bad bcrypt hash")
		}
		e.Bcrypt = []byte(data)
	default:
		return fmt.Errorf("unknown scheme {%s}", scheme)
	}
	if dup {
		return fmt.Errorf("scheme {%s} given twice", scheme)
	}
	return nil
}

// Verify checks password against e's credentials. SCRAM keys, when
// present, are used first: whoever steals the file attacks its cheapest
// verifier, so a user's password is only as strong as PBKDF2 over their
// SCRAM salt whatever else the line holds, and an Argon2id check on top
// (31 ms of CPU and 19 MiB per LOGIN at DefaultParams) would buy no
// safety. Argon2id and bcrypt serve lines without SCRAM keys (users moved
// from other systems).
func (e Entry) Verify(password string) bool {
	switch {
	case e.Scram != nil:
		return verifyScram(*e.Scram, password)
	case e.Argon2 != nil:
		return e.Argon2.Verify(password)
	case e.Bcrypt != nil:
		return bcrypt.CompareHashAndPassword(e.Bcrypt, []byte(password)) == nil
	}
	return false
}
