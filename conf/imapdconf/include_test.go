package imapdconf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corvusmail/corvus/conf/diagnostics"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestInclude(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "conf.d/tls.conf", "tls_server_cert: /etc/cert.pem\n@include: more/last.conf\n")
	writeFile(t, dir, "conf.d/more/last.conf", "admins: root\n")
	main := writeFile(t, dir, "imapd.conf", "configdirectory: /var/imap\n@include: conf.d/tls.conf\nservername: x\n")
	srcs := &diagnostics.Sources{}
	c, diags := ParseFile(main, srcs)
	checkDiags(t, diags, nil)
	if c.String("tls_server_cert") != "/etc/cert.pem" || c.String("admins") != "root" || c.String("servername") != "x" {
		t.Errorf("included values not applied: cert %q admins %q", c.String("tls_server_cert"), c.String("admins"))
	}
	if _, ok := srcs.Files()[filepath.Join(dir, "conf.d/more/last.conf")]; !ok {
		t.Errorf("included file not recorded in Sources: %v", srcs.Files())
	}
}

func TestIncludeErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.conf", "@include: b.conf\n")
	writeFile(t, dir, "b.conf", "admins: x\n@include: a.conf\n")
	writeFile(t, dir, "self.conf", "@include: ./self.conf\n")
	writeFile(t, dir, "dup.conf", "servername: y\n")
	writeFile(t, dir, "bad.conf", "\ntimeout: never\n")
	for i := 0; i < 10; i++ {
		next := "deep" + string(rune('0'+i+1)) + ".conf"
		writeFile(t, dir, "deep"+string(rune('0'+i))+".conf", "@include: "+next+"\n")
	}
	writeFile(t, dir, "deep10.conf", "admins: x\n")
	abs := filepath.Join(dir, "dup.conf")

	tests := []struct {
		name string
		src  string
		want []wantDiag
		file string // file of the first diagnostic
	}{
		{name: "missing", src: "\n@include:   nothere.conf\n", want: []wantDiag{werr(`cannot read @include file`, 2, 13)}, file: "main.conf"},
		{name: "cycle", src: "@include: a.conf\n", want: []wantDiag{werr("@include cycle", 2, 11)}, file: filepath.Join(dir, "b.conf")},
		{name: "self", src: "@include: self.conf\n", want: []wantDiag{werr("@include cycle", 1, 11)}, file: filepath.Join(dir, "self.conf")},
		{name: "depth", src: "@include: deep0.conf\n", want: []wantDiag{werr("nested too deeply", 1, 11)}, file: filepath.Join(dir, "deep7.conf")},
		{name: "duplicate across files", src: "servername: x\n@include: " + abs + "\n", want: []wantDiag{werr(`"servername" specified twice`, 1, 1)}, file: abs},
		{name: "error inside include", src: "@include: bad.conf\n", want: []wantDiag{werr(`invalid value for "timeout"`, 2, 10)}, file: filepath.Join(dir, "bad.conf")},
		{name: "directory", src: "@include: .\n", want: []wantDiag{werr("cannot read @include file", 1, 11)}, file: "main.conf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse([]byte(withConfigDir(tt.src)), filepath.Join(dir, "main.conf"), nil)
			checkDiags(t, diags, tt.want)
			if got := filepath.Base(diags[0].Subject.Filename); got != filepath.Base(tt.file) {
				t.Errorf("diagnostic in %s, want %s", diags[0].Subject.Filename, tt.file)
			}
			if tt.name == "duplicate across files" && !strings.Contains(diags[0].Detail, "main.conf:1:1") {
				t.Errorf("detail %q does not name the first location", diags[0].Detail)
			}
		})
	}
}

func TestIncludeDepthLimitIsEight(t *testing.T) {
	dir := t.TempDir()
	// main includes d1 … d8: eight levels, allowed.
	for i := 1; i < 8; i++ {
		writeFile(t, dir, "d"+string(rune('0'+i))+".conf", "@include: d"+string(rune('0'+i+1))+".conf\n")
	}
	writeFile(t, dir, "d8.conf", "admins: deep\n")
	c, diags := Parse([]byte(withConfigDir("@include: d1.conf\n")), filepath.Join(dir, "main.conf"), nil)
	checkDiags(t, diags, nil)
	if c.String("admins") != "deep" {
		t.Error("value from the eighth level not applied")
	}
}
