package passwd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSetUser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corvus.passwd")
	if err := os.WriteFile(path, []byte("# users\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		user, pw string
		want     map[string]string // user -> password that must verify ("" = absent)
	}{
		{"alice", "one", map[string]string{"alice": "one"}},
		{"bob", "two", map[string]string{"alice": "one", "bob": "two"}},
		{"alice", "three", map[string]string{"alice": "three", "bob": "two"}},
		{"bob", "", map[string]string{"alice": "three", "bob": ""}},
	}
	for i, st := range steps {
		if err := SetUser(path, st.user, st.pw); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), "# users\n") {
			t.Fatalf("step %d: comment lost:\n%s", i, b)
		}
		found := map[string]Entry{}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if e, ok, err := ParseLine(line); err == nil && ok {
				if _, dup := found[e.User]; dup {
					t.Fatalf("step %d: two lines for %s", i, e.User)
				}
				found[e.User] = e
			}
		}
		for user, pw := range st.want {
			e, ok := found[user]
			if pw == "" {
				if ok {
					t.Fatalf("step %d: %s still present", i, user)
				}
				continue
			}
			if !ok || !e.Verify(pw) {
				t.Fatalf("step %d: %s does not verify with %q", i, user, pw)
			}
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Fatalf("step %d: mode %o", i, fi.Mode().Perm())
		}
	}
	if err := SetUser(path, "bad:name", "x"); err == nil {
		t.Fatal("a user name with ':' was accepted")
	}
}
