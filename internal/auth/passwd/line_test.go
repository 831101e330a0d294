package passwd

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/internal/auth/scram"
)

// The reference implementation's Argon2id vector (phc-winner-argon2, also
// printed by Debian's argon2 tool): password "password", salt "somesalt",
// t=2, m=64 MiB, p=1.
const refArgon2 = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"

// rfcScram is RFC 7677's user "user" / "pencil" as a SCRAM credential.
func rfcScram(t *testing.T) string {
	t.Helper()
	salt, _ := base64.StdEncoding.DecodeString("W22ZaJ0SNY7soEsUEjb6gQ==")
	sec, err := scram.NewSecrets("pencil", salt, 4096)
	if err != nil {
		t.Fatal(err)
	}
	return formatScram(sec)
}

// bcryptOf is a cost-4 bcrypt hash of "secret", made once with the
// system's libxcrypt (Python's crypt.crypt), an independent implementation.
const bcryptOf = "$2b$04$xdXOyeRwhcJv2qAD22ezPedASkdXO6gqJmR58jzeBn0ENUzGQRAd6"

func TestParseLine(t *testing.T) {
	rs := rfcScram(t)
	tests := []struct {
		name, line string
		ok         bool
		err        bool
		check      func(Entry) bool
	}{
		{name: "blank", line: "   "},
		{name: "comment", line: "# alice:{ARGON2ID}x"},
		{name: "argon2", line: "alice:{ARGON2ID}" + refArgon2, ok: true,
			check: func(e Entry) bool { return e.User == "alice" && e.Argon2.Memory == 65536 && e.Argon2.Time == 2 }},
		{name: "argon2 and scram, CRLF", line: "bob@example.com:{argon2id}" + refArgon2 + ":{SCRAM-SHA-256}" + rs + "\r", ok: true,
			check: func(e Entry) bool {
				return e.User == "bob@example.com" && e.Argon2 != nil && e.Scram.Iterations == 4096
			}},
		{name: "scram with commas", line: "u:{SCRAM-SHA-256}" + strings.ReplaceAll(rs, ":", ","), ok: true,
			check: func(e Entry) bool { return e.Scram != nil && e.Argon2 == nil }},
		{name: "bcrypt", line: "u:{BLF-CRYPT}" + bcryptOf, ok: true, check: func(e Entry) bool { return e.Bcrypt != nil }},
		{name: "no colon", line: "alice", err: true},
		{name: "no credential", line: "alice:", err: true},
		{name: "untagged", line: "alice:" + refArgon2, err: true},
		{name: "unknown scheme", line: "alice:{MD5}abc", err: true},
		{name: "scheme twice", line: "alice:{ARGON2ID}" + refArgon2 + ":{ARGON2ID}" + refArgon2, err: true},
		{name: "bad user", line: "../x:{ARGON2ID}" + refArgon2, err: true},
		{name: "argon2i", line: "a:{ARGON2ID}" + strings.Replace(refArgon2, "argon2id", "argon2i", 1), err: true},
		{name: "old version", line: "a:{ARGON2ID}" + strings.Replace(refArgon2, "v=19", "v=16", 1), err: true},
		{name: "huge memory", line: "a:{ARGON2ID}" + strings.Replace(refArgon2, "m=65536", "m=4194304", 1), err: true},
		{name: "params order", line: "a:{ARGON2ID}" + strings.Replace(refArgon2, "m=65536,t=2", "t=2,m=65536", 1), err: true},
		{name: "leading zero", line: "a:{ARGON2ID}" + strings.Replace(refArgon2, "t=2", "t=02", 1), err: true},
		{name: "short hash", line: "a:{ARGON2ID}$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$AAAA", err: true},
		{name: "scram few iterations", line: "a:{SCRAM-SHA-256}" + strings.Replace(rs, "4096", "1000", 1), err: true},
		{name: "scram three fields", line: "a:{SCRAM-SHA-256}4096:AAAA:BBBB", err: true},
		{name: "scram bad base64", line: "a:{SCRAM-SHA-256}" + strings.Replace(rs, ":", ":!", 1), err: true},
		{name: "bad bcrypt", line: "a:{BCRYPT}$2y$nope", err: true},
		{name: "too long", line: "a:{ARGON2ID}" + strings.Repeat("x", maxLine), err: true},
	}
	for _, tt := range tests {
		e, ok, err := ParseLine(tt.line)
		if (err != nil) != tt.err || ok != tt.ok || (tt.check != nil && !tt.check(e)) {
			t.Errorf("%s: got %+v, %v, %v", tt.name, e, ok, err)
		}
		if err != nil && bytes.Contains([]byte(err.Error()), []byte("c29tZXNhbHQ")) {
			t.Errorf("%s: error quotes the hash: %v", tt.name, err)
		}
	}
}

func TestVerify(t *testing.T) {
	rs := rfcScram(t)
	// A cheap Argon2id of "password", so only one check pays for the
	// reference vector's 64 MiB (slow under -race).
	cheapArgon2, err := HashParams("password", cheap, bytes.NewReader(make([]byte, 64)))
	if err != nil {
		t.Fatal(err)
	}
	cheapArgon2, _, _ = strings.Cut(cheapArgon2, ":")
	tests := []struct {
		line, password string
		want           bool
	}{
		{"u:{ARGON2ID}" + refArgon2, "password", true},
		{"u:" + cheapArgon2, "Password", false},
		{"u:{SCRAM-SHA-256}" + rs, "pencil", true},
		{"u:{SCRAM-SHA-256}" + rs, "pencil ", false},
		{"u:{BCRYPT}" + bcryptOf, "secret", true},
		{"u:{BCRYPT}" + bcryptOf, "secreT", false},
		// SCRAM keys decide when present: they bound the line's strength.
		{"u:{SCRAM-SHA-256}" + rs + ":" + cheapArgon2, "pencil", true},
		{"u:{SCRAM-SHA-256}" + rs + ":" + cheapArgon2, "password", false},
		{"u:" + cheapArgon2 + ":{BCRYPT}" + bcryptOf, "password", true},
	}
	for _, tt := range tests {
		e, _, err := ParseLine(tt.line)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Verify(tt.password); got != tt.want {
			t.Errorf("%.40s… Verify(%q) = %v", tt.line, tt.password, got)
		}
	}
}

var cheap = Params{Argon2Memory: 64, Argon2Time: 1, Argon2Threads: 1, ScramIterations: 4096}

func TestHash(t *testing.T) {
	h, err := HashParams("correct horse", cheap, bytes.NewReader(bytes.Repeat([]byte{7}, 64)))
	if err != nil {
		t.Fatal(err)
	}
	e, ok, err := ParseLine("carol:" + h)
	if err != nil || !ok || e.Argon2 == nil || e.Scram == nil {
		t.Fatalf("Hash output %q does not parse: %v", h, err)
	}
	if !e.Verify("correct horse") || e.Verify("correct horse ") || !verifyScram(*e.Scram, "correct horse") {
		t.Error("hash does not verify its password")
	}
	for _, bad := range []string{"", "a\nb", "a\x00b"} {
		if _, err := HashParams(bad, cheap, bytes.NewReader(make([]byte, 64))); err == nil {
			t.Errorf("HashParams(%q) accepted", bad)
		}
	}
	if _, err := HashParams("x", Params{Argon2Memory: 64, Argon2Time: 1, Argon2Threads: 1, ScramIterations: 10}, bytes.NewReader(make([]byte, 64))); err == nil {
		t.Error("SCRAM iterations below 4096 accepted")
	}
	for _, u := range []string{"a:b", "#x", "a/b"} {
		if _, err := Line(u, "pw"); err == nil {
			t.Errorf("Line(%q) accepted", u)
		}
	}
}
