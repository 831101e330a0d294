package imapdconf

import (
	"slices"
	"testing"
	"time"
)

func TestDefault(t *testing.T) {
	c := Default()
	tests := []struct {
		key  string
		want any
	}{
		{"timeout", 32 * time.Minute},
		{"imapidletimeout", 32 * time.Minute},
		{"imapidlepoll", 60 * time.Second},
		{"imap_hibernate_timeout", 30 * time.Second},
		{"allowplaintext", false},
		{"unixhierarchysep", true},
		{"autocreate_quota", int64(-1)},
		{"autocreate_quota_messages", int64(-1)},
		{"quotawarnpercent", int64(90)},
		{"maxmessagesize", int64(0)},
		{"virtdomains", "off"},
		{"cyrus_user", "cyrus"},
		{"sendmail", "/usr/lib/sendmail"},
		{"configdirectory", ""},
	}
	for _, tt := range tests {
		if got := get(c, tt.key, tt.want); got != tt.want {
			t.Errorf("Default() %s = %v, want %v", tt.key, got, tt.want)
		}
		if c.IsSet(tt.key) {
			t.Errorf("Default() says %s is set", tt.key)
		}
	}
	if c.Path() != "" || len(c.Partitions()) != 0 {
		t.Errorf("Default() has path %q, partitions %v", c.Path(), c.Partitions())
	}
}

// get calls the getter that matches want's type.
func get(c *Config, key string, want any) any {
	switch want.(type) {
	case string:
		return c.String(key)
	case bool:
		return c.Switch(key)
	case int64:
		if o, _ := Lookup(key); o.Type == ByteSize {
			return c.ByteSize(key)
		}
		return c.Int(key)
	case time.Duration:
		return c.Duration(key)
	}
	return nil
}

func TestConfigDirectoryExpansion(t *testing.T) {
	tests := []struct {
		src, key, want string
	}{
		{"", "idlesocket", "/cfg/socket/idle"},
		{"", "imap_thaw_socket", "/cfg/socket/imapthaw"},
		{"", "master_pid_file", "/cfg/master.pid"},
		{"lmtpsocket: {configdirectory}/lmtp.sock\n", "lmtpsocket", "/cfg/lmtp.sock"},
		{"lmtpsocket: {ConfigDirectory}/x\n", "lmtpsocket", "/cfg/x"},
		{"lmtpsocket: /run/{configdirectory}\n", "lmtpsocket", "/run/{configdirectory}"},
		{"notifysocket: /run/notify\n", "notifysocket", "/run/notify"},
	}
	for _, tt := range tests {
		c, diags := parseTest(t, tt.src)
		checkDiags(t, diags, nil)
		if got := c.String(tt.key); got != tt.want {
			t.Errorf("%q: %s = %q, want %q", tt.src, tt.key, got, tt.want)
		}
	}
	if got := Default().String("idlesocket"); got != "/socket/idle" {
		t.Errorf("Default() idlesocket = %q", got)
	}
}

func TestGettersPanic(t *testing.T) {
	c := Default()
	mustPanic(t, "unknown key", func() { c.String("no_such_option") })
	mustPanic(t, "Cyrus-only key", func() { c.String("sieve_maxscripts") })
	mustPanic(t, "Int on a switch", func() { c.Int("allowplaintext") })
	mustPanic(t, "String on a duration", func() { c.String("timeout") })
	mustPanic(t, "Duration on a size", func() { c.Duration("maxmessagesize") })
	mustPanic(t, "ByteSize on an int", func() { c.ByteSize("quotawarnmsg") })
	mustPanic(t, "Switch on a string", func() { c.Switch("servername") })
	mustPanic(t, "Bitfield on an enum", func() { c.Bitfield("virtdomains") })
	mustPanic(t, "family", func() { c.String("partition-name") })
	mustPanic(t, "IsSet unknown", func() { c.IsSet("nope") })
}

func TestRange(t *testing.T) {
	c, diags := parseTest(t, "\ntls_server_cert:  /etc/c.pem\n")
	checkDiags(t, diags, nil)
	r, ok := c.Range("tls_server_cert")
	if !ok || r.Filename != "test.conf" || r.Start.Line != 2 || r.Start.Column != 19 {
		t.Errorf("Range = %+v, %v", r, ok)
	}
	if _, ok := c.Range("tls_server_key"); ok {
		t.Error("Range reports an unset option")
	}
}

func TestBitfieldGetterCopies(t *testing.T) {
	// No Corvus option is a bitfield yet; exercise the getter through a
	// temporary table entry.
	o := Option{Name: "test_bits", Type: Bitfield, Values: []string{"a", "b"}, Default: "b"}
	corvusIndex[o.Name] = &o
	defaults[o.Name] = mustParse(o, o.Default)
	t.Cleanup(func() { delete(corvusIndex, o.Name); delete(defaults, o.Name) })
	c := Default()
	got := c.Bitfield("test_bits")
	if !slices.Equal(got, []string{"b"}) {
		t.Fatalf("Bitfield = %v", got)
	}
	got[0] = "changed"
	if c.Bitfield("test_bits")[0] != "b" {
		t.Error("Bitfield returns the stored slice")
	}
}
