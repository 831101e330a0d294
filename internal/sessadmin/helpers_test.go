package sessadmin

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/corvusmail/corvus/conf/imapdconf"
)

// loadTest reads an imapd.conf made of text, as load does but without
// becoming the cyrus user (the tests run as whoever runs them).
func loadTest(t *testing.T, text string) *loaded {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "imapd.conf")
	if err := os.WriteFile(path, []byte("configdirectory: "+dir+"\n"+text), 0o600); err != nil {
		t.Fatal(err)
	}
	srcs := &diagnostics.Sources{}
	cfg, diags := imapdconf.ParseFile(path, srcs)
	if diags.HasErrors() {
		t.Fatalf("config: %v", diags)
	}
	return &loaded{cfg: cfg, srcs: srcs, diags: diags, dir: dir}
}
