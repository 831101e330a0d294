// End-to-end tests: they build the real binaries and start the real master
// with generated configs on free 127.0.0.1 ports.
package tests

import (
	"os"
	"testing"

	"github.com/corvusmail/corvus/tests/harness"
)

func TestMain(m *testing.M) {
	code := m.Run()
	harness.Cleanup()
	os.Exit(code)
}
