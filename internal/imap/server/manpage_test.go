package server

import (
	"os"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/man"
)

// The capability list in imapd(8) is the one a logged-in session gets,
// so the page cannot drift from the code.
func TestCapabilitiesInManPage(t *testing.T) {
	page, err := os.ReadFile("../../../man/imapd.8")
	if err != nil {
		t.Fatal(err)
	}
	sec := man.Section(string(page), "CAPABILITIES")
	_, after, _ := strings.Cut(sec, "After login")
	_, block, _ := strings.Cut(after, ".EX\n")
	block, _, _ = strings.Cut(block, ".EE")
	documented := strings.Fields(strings.ReplaceAll(block, `\-`, "-"))

	e := newEnv(t, nil)
	c := e.dial()
	c.login("alice")
	live := strings.Fields(c.mustOK("CAPABILITY")[0])[2+6:] // "* CAPABILITY" and the pre-login six
	if strings.Join(live, " ") != strings.Join(documented, " ") {
		t.Errorf("imapd.8 lists after login:\n%s\nthe server says:\n%s", strings.Join(documented, " "), strings.Join(live, " "))
	}
}
