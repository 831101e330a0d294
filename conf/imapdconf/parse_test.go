package imapdconf

import (
	"testing"
	"time"
)

func TestSyntax(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  []wantDiag
		check func(t *testing.T, c *Config)
	}{
		{name: "plain", src: "servername: mail.example.org\n", check: func(t *testing.T, c *Config) {
			if got := c.String("servername"); got != "mail.example.org" {
				t.Errorf("servername = %q", got)
			}
		}},
		{name: "comments and blank lines", src: "# a comment\n\n   # indented comment\n\t\nservername: x\n"},
		{name: "hash inside value is kept", src: "servername: pa#ss # not a comment\n", check: func(t *testing.T, c *Config) {
			if got := c.String("servername"); got != "pa#ss # not a comment" {
				t.Errorf("servername = %q", got)
			}
		}},
		{name: "space trimmed, CRLF", src: "  servername  :   x y  \r\n", check: func(t *testing.T, c *Config) {
			if got := c.String("servername"); got != "x y" {
				t.Errorf("servername = %q", got)
			}
		}},
		{name: "upper-case key", src: "ServerName: X\n", check: func(t *testing.T, c *Config) {
			if got := c.String("servername"); got != "X" {
				t.Errorf("servername = %q", got)
			}
		}},
		{name: "colon in value", src: "servername: a:b\n", check: func(t *testing.T, c *Config) {
			if got := c.String("servername"); got != "a:b" {
				t.Errorf("servername = %q", got)
			}
		}},
		{name: "no colon", src: "servername x\n", want: []wantDiag{werr("expected key: value", 1, 1)}},
		{name: "no colon indented", src: "\n   junk line  \n", want: []wantDiag{werr("expected key: value", 2, 4)}},
		{name: "empty key", src: " : x\n", want: []wantDiag{werr("invalid option name", 1, 2)}},
		{name: "bad key chars", src: "server name: x\n", want: []wantDiag{werr("invalid option name", 1, 1)}},
		{name: "empty value", src: "servername:   \n", want: []wantDiag{werr("empty value", 1, 1)}},
		{name: "duplicate", src: "servername: a\nadmins: x\nservername: b\n",
			want: []wantDiag{werr(`option "servername" specified twice`, 3, 1)},
			check: func(t *testing.T, c *Config) {
				if got := c.String("servername"); got != "a" {
					t.Errorf("servername = %q, want the first value", got)
				}
			}},
		{name: "duplicate different case", src: "timeout: 40\nTIMEOUT: 50\n", want: []wantDiag{werr("specified twice", 2, 1)}},
		{name: "errors do not stop parsing", src: "junk\ntimeout: soon\nservername: ok\nallowplaintext: maybe\n",
			want: []wantDiag{
				werr("expected key: value", 1, 1),
				werr(`invalid value for "timeout"`, 2, 10),
				werr(`invalid value for "allowplaintext"`, 4, 17),
			},
			check: func(t *testing.T, c *Config) {
				if c.String("servername") != "ok" || c.Duration("timeout") != 32*time.Minute || c.Switch("allowplaintext") {
					t.Error("valid lines not applied or invalid ones not defaulted")
				}
			}},
		{name: "unknown option", src: "frobnicate: 1\n", want: []wantDiag{wwarn(`unknown option "frobnicate"; ignored`, 1, 1)}},
		{name: "sasl passthrough", src: "sasl_auxprop_plugin: sasldb\n", want: []wantDiag{wwarn("SASL library option", 1, 1)}},
		{name: "partition", src: "partition-default: /var/spool/imap\nPartition-Other: /srv\n", check: func(t *testing.T, c *Config) {
			if p, ok := c.Partition("default"); !ok || p != "/var/spool/imap" {
				t.Errorf("partition default = %q, %v", p, ok)
			}
			if p, ok := c.Partition("OTHER"); !ok || p != "/srv" {
				t.Errorf("partition other = %q, %v", p, ok)
			}
			if len(c.Partitions()) != 2 {
				t.Errorf("partitions = %v", c.Partitions())
			}
		}},
		{name: "partition twice", src: "partition-a: /x\npartition-a: /y\n", want: []wantDiag{werr(`"partition-a" specified twice`, 2, 1)}},
		{name: "partition relative", src: "partition-a: spool\n", want: []wantDiag{wwarn("not an absolute path", 1, 14)}},
		{name: "partition- alone is unknown", src: "partition-: /x\n", want: []wantDiag{wwarn("unknown option", 1, 1)}},
		{name: "defaultpartition without partition", src: "defaultpartition: main\npartition-other: /x\n",
			want: []wantDiag{wwarn(`defaultpartition "main" has no partition-main line`, 1, 19)}},
		{name: "defaultpartition with partition", src: "defaultpartition: Main\npartition-main: /x\n"},
		{name: "timeout below minimum", src: "timeout: 5\n", want: []wantDiag{wwarn("below the minimum 30m", 1, 10)},
			check: func(t *testing.T, c *Config) {
				if got := c.Duration("timeout"); got != 30*time.Minute {
					t.Errorf("timeout = %v, want clamped to 30m", got)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := parseTest(t, tt.src)
			checkDiags(t, diags, tt.want)
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestColumnsCountCharacters(t *testing.T) {
	_, diags := parseTest(t, "héllo wörld\n")
	checkDiags(t, diags, []wantDiag{werr("expected key: value", 1, 1)})
	r := diags[0].Subject
	if r.End.Column != 12 || r.End.Byte != 13 {
		t.Errorf("end = column %d byte %d, want column 12 byte 13", r.End.Column, r.End.Byte)
	}
}

func TestConfigDirectoryRequired(t *testing.T) {
	_, diags := Parse([]byte("servername: x\n"), "a.conf", nil)
	checkDiags(t, diags, []wantDiag{werr("configdirectory is not set", 1, 1)})
	if diags[0].Subject.Filename != "a.conf" {
		t.Errorf("error names %q, want a.conf", diags[0].Subject.Filename)
	}
}

func TestParseFile(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "imapd.conf", "configdirectory: /var/imap\nadmins: root\n")
	c, diags := ParseFile(path, nil)
	checkDiags(t, diags, nil)
	if c.Path() != path || c.String("admins") != "root" {
		t.Errorf("Path() = %q, admins = %q", c.Path(), c.String("admins"))
	}
	c, diags = ParseFile(dir+"/missing.conf", nil)
	checkDiags(t, diags, []wantDiag{werr("cannot read configuration file", 1, 1)})
	if c == nil || c.String("postmaster") != "postmaster" {
		t.Error("a failed read must still give a usable Config with defaults")
	}
	_, diags = ParseFile(dir, nil)
	checkDiags(t, diags, []wantDiag{werr("cannot read configuration file", 1, 1)})
}
