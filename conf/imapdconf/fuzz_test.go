package imapdconf

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/corvusmail/corvus/conf/diagnostics"
	"github.com/hashicorp/hcl/v2"
)

// fuzzFiles stands in for the disk: @include in fuzzed input reads these,
// never real files.
var fuzzFiles = map[string]string{
	"/conf/a.conf": "admins: a\n@include: b.conf\n",
	"/conf/b.conf": "@include: a.conf\ntimeout: 1h\n",
	"/conf/c.conf": "imaps_tls_server_cert: /c\n",
}

func fuzzRead(path string) ([]byte, error) {
	if s, ok := fuzzFiles[path]; ok {
		return []byte(s), nil
	}
	return nil, errors.New("no such file")
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		"configdirectory: /var/imap\npartition-default: /var/spool/imap\n",
		"# comment\n\nservername: x # y\r\n",
		"timeout: 1h30m\nimapidletimeout: 5\nimap_timeout: 1m\n",
		"autocreatequota: 100\ntls_cert_file: /c\nimaps_tls_key_file: /k\n",
		"@include: a.conf\n@include: c.conf\n@include: missing\n",
		"virtdomains: userid\nserverinfo: max\nallowplaintext: maybe\n",
		"confgdirectory: /x\nsasl_foo: 1\nmetapartition-x: /m\nxlist-drafts: D\n",
		"noline\n: x\nkey:\nkey key: v\nTIMEOUT: 31\ntimeout: 40\n",
		"defaultpartition: main\nmaxmessagesize: 10M\nquotawarnsize: -1\n",
		"h\xe9llo: w\xf6rld\n\xff\xfe: \x00\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, diags := parse([]byte(src), "/conf/main.conf", &diagnostics.Sources{}, fuzzRead)
		if c == nil {
			t.Fatal("nil Config")
		}
		for _, d := range diags {
			if d.Subject == nil || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 ||
				d.Subject.End.Byte < d.Subject.Start.Byte {
				t.Fatalf("bad subject: %s", diagnostics.Short(d))
			}
			if d.Severity != hcl.DiagError && d.Severity != hcl.DiagWarning {
				t.Fatalf("bad severity: %s", diagnostics.Short(d))
			}
		}
		// Every getter must work on whatever was parsed.
		for _, view := range []*Config{c, c.ForService("imaps"), c.ForService("imap")} {
			for _, o := range Options() {
				if isFamily(o.Name) {
					continue
				}
				readOption(view, o)
			}
		}
		if d := c.Duration("timeout"); d < 30*time.Minute {
			t.Fatalf("timeout %v below its minimum", d)
		}
		for name := range c.Partitions() {
			if name == "" || strings.ToLower(name) != name {
				t.Fatalf("bad partition name %q", name)
			}
		}
	})
}

// readOption calls the getter of o's type.
func readOption(c *Config, o Option) {
	switch o.Type {
	case String, Enum, StringList:
		_ = c.String(o.Name)
	case Int:
		_ = c.Int(o.Name)
	case Switch:
		_ = c.Switch(o.Name)
	case Duration:
		_ = c.Duration(o.Name)
	case ByteSize:
		_ = c.ByteSize(o.Name)
	case Bitfield:
		_ = c.Bitfield(o.Name)
	}
	_ = c.IsSet(o.Name)
}
