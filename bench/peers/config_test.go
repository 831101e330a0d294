package main

import (
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"
)

func testInstance() *instance {
	return &instance{imap: netip.MustParseAddrPort("127.0.0.1:1143"), lmtp: netip.MustParseAddrPort("127.0.0.1:1024"), dir: "/w/corvus-1"}
}

// Every command Cyrus's master runs must name the imapd.conf: master
// passes its own -C to nothing, and a program without it works on the
// system's spool.
func TestCyrusConfNamesItsConfig(t *testing.T) {
	c := serverConfig{prefork: 32, maxchild: 1100}
	conf := cyrusConf(cyrusPaths{common: "/c", imapd: "/i"}, "/w/imapd.conf", c, testInstance())
	cmds := regexp.MustCompile(`cmd="([^"]*)"`).FindAllStringSubmatch(conf, -1)
	if len(cmds) != 4 {
		t.Fatalf("%d commands, want recover, imap, lmtp, idled:\n%s", len(cmds), conf)
	}
	for _, m := range cmds {
		if !strings.Contains(m[1], " -C /w/imapd.conf") {
			t.Errorf("command %q does not name the imapd.conf", m[1])
		}
	}
	for _, w := range []string{`listen="127.0.0.1:1143" prefork=32 maxchild=1100`, `cmd="/i/imapd `, `cmd="/c/lmtpd `, `/i/idled -C`} {
		if !strings.Contains(conf, w) {
			t.Errorf("cyrus.conf lacks %q:\n%s", w, conf)
		}
	}
	imapd := cyrusImapdConf("/w")
	for _, w := range []string{"configdirectory: /w/conf\n", "sasl_sasldb_path: /w/sasldb2\n", "servername: " + cyrusRealm + "\n", "autocreate_post: 1\n"} {
		if !strings.Contains(imapd, w) {
			t.Errorf("imapd.conf lacks %q", w)
		}
	}
}

func TestDovecotConf(t *testing.T) {
	c := serverConfig{prefork: 32, maxchild: 1100, hib: 2 * time.Second}
	conf := dovecotConf("/w/d", "sdbox:~/mail", 100, c, testInstance())
	for _, w := range []string{
		"base_dir = /w/d/run\n", "log_path = /w/d/dovecot.log\n", "args = /w/d/users\n",
		"mail_location = sdbox:~/mail\n", "imap_hibernate_timeout = 2s\n",
		"    port = 1143\n", "    port = 1024\n", "process_min_avail = 32\n", "process_limit = 1200\n",
		"home=/w/d/home/%u", "auth_username_format = %Ln\n",
	} {
		if !strings.Contains(conf, w) {
			t.Errorf("dovecot.conf lacks %q:\n%s", w, conf)
		}
	}
	if strings.Contains(conf, "%!") {
		t.Errorf("dovecot.conf has a formatting error:\n%s", conf)
	}
	if _, err := dovecotMail("mbox"); err == nil {
		t.Error("mbox accepted")
	}
}

func TestCorvusConf(t *testing.T) {
	c := serverConfig{prefork: 8, maxchild: 100, corvusConf: "x: 1\n", corvusServices: "thaw cmd=\"imapd -t\" listen=\"{dir}/socket/thaw\"\n"}
	conf := corvusCyrusConf(c, testInstance())
	for _, w := range []string{`imap cmd="imapd" listen="127.0.0.1:1143" prefork=8 maxchild=100`, `lmtp cmd="lmtpd -a" listen="127.0.0.1:1024"`,
		`thaw cmd="imapd -t" listen="/w/corvus-1/socket/thaw"`, `idled cmd="idled"`} {
		if !strings.Contains(conf, w) {
			t.Errorf("cyrus.conf lacks %q:\n%s", w, conf)
		}
	}
	if got := corvusImapdConf(c); got != "autocreate_post: yes\nimap_hibernate_timeout: 0s\nx: 1\n" {
		t.Errorf("imapd.conf extra = %q", got)
	}
}

// A hibernating Corvus needs the thaw service, and workers freed by
// hibernation that exit soon enough for the memory reading.
func TestCorvusConfHibernating(t *testing.T) {
	plain := corvusCyrusConf(serverConfig{prefork: 8, maxchild: 100}, testInstance())
	if strings.Contains(plain, "imapthaw") || strings.Contains(plain, "-T") {
		t.Errorf("cyrus.conf without hibernation has the thaw service or -T:\n%s", plain)
	}
	c := serverConfig{prefork: 8, maxchild: 100, hib: 2 * time.Second}
	conf := corvusCyrusConf(c, testInstance())
	for _, w := range []string{`imap cmd="imapd -T 2" listen="127.0.0.1:1143"`, `imapthaw cmd="imapd -T 2 -R" listen="/w/corvus-1/socket/imapthaw"`} {
		if !strings.Contains(conf, w) {
			t.Errorf("cyrus.conf lacks %q:\n%s", w, conf)
		}
	}
	if got := corvusImapdConf(c); !strings.Contains(got, "imap_hibernate_timeout: 2s\n") {
		t.Errorf("imapd.conf extra = %q", got)
	}
}

func TestDescribeCounts(t *testing.T) {
	got := describeCounts(map[string]int{"master": 1, "imapd": 40, "idled": 1})
	if got != "imapd 40, idled 1, master 1" {
		t.Errorf("describeCounts = %q", got)
	}
}
