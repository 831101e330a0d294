package passwd

import (
	"testing"

	"github.com/corvusmail/corvus/internal/auth"
)

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		"alice:{ARGON2ID}" + refArgon2,
		"u:{SCRAM-SHA-256}4096:W22ZaJ0SNY7soEsUEjb6gQ==:WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
		"u:{BCRYPT}" + bcryptOf,
		"# comment", "", "a:", "a:{", "a:{}:{", "a:{ARGON2ID}$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		e, ok, err := ParseLine(line)
		if err != nil || !ok {
			return
		}
		if auth.ValidateUser(e.User) != nil {
			t.Fatalf("accepted user %q", e.User)
		}
		if e.Argon2 != nil && e.Argon2.Memory > maxArgon2Memory {
			t.Fatalf("accepted argon2 memory %d", e.Argon2.Memory)
		}
		if e.Scram != nil && !e.Scram.Valid() {
			t.Fatalf("accepted unusable SCRAM keys %+v", e.Scram)
		}
	})
}
