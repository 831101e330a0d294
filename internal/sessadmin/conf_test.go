package sessadmin

import (
	"bytes"
	"strings"
	"testing"
)

const confText = `admins: root
timeout: 45
imapidletimeout: 2h
allowplaintext: no
partition-default: /var/spool/x
bogus_key: 1
imap_admins: bob
imap_zz: 4
sasl_foo: 2
fulldirhash: yes
`

func TestWriteConf(t *testing.T) {
	l := loadTest(t, confText)
	tests := []struct {
		cmd, service string
		want         []string // lines that must appear, in this order
		not          []string
	}{
		{"conf", "", []string{"admins: root", "configdirectory: ", "imapidletimeout: 2h", "timeout: 45",
			"partition-default: /var/spool/x", "bogus_key: 1", "imap_admins: bob", "imap_zz: 4", "sasl_foo: 2", "fulldirhash: yes"},
			[]string{"allowplaintext: no", "idlesocket:"}},
		{"conf", "imap", []string{"admins: bob", "timeout: 45", "imap_zz: 4"}, []string{"imap_admins", "admins: root"}},
		{"conf-lint", "", []string{"bogus_key: 1", "imap_zz: 4"}, []string{"sasl_foo", "fulldirhash", "admins"}},
		{"conf-default", "", []string{"allowplaintext: no", "idlesocket: {configdirectory}/socket/idle", "timeout: 32m"}, []string{"admins: root"}},
		{"conf-all", "", []string{"admins: root", "allowplaintext: no", "idlesocket: " + l.dir + "/socket/idle", "timeout: 45", "bogus_key: 1"}, nil},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		writeConf(&b, l, tt.service, tt.cmd)
		out := "\n" + b.String()
		pos := 0
		for _, w := range tt.want {
			i := strings.Index(out[pos:], "\n"+w)
			if i < 0 {
				t.Errorf("%s -n %q: no %q after offset %d in\n%s", tt.cmd, tt.service, w, pos, out)
				break
			}
			pos += i + 1
		}
		for _, n := range tt.not {
			if strings.Contains(out, "\n"+n) {
				t.Errorf("%s -n %q: has %q:\n%s", tt.cmd, tt.service, n, out)
			}
		}
	}
}

func TestParseLines(t *testing.T) {
	got := parseLines("f", "# c\n  key :  v a l \r\n\nnocolon\nempty:\nK2:x:y\n")
	if len(got) != 2 || got[0] != (srcLine{"f", 2, "key", "v a l"}) || got[1] != (srcLine{"f", 6, "k2", "x:y"}) {
		t.Errorf("parseLines = %+v", got)
	}
}
