package imapdconf

import (
	"slices"
	"strings"
	"testing"
)

// deliberateDifferences lists the Corvus options whose default differs
// from Cyrus's on purpose.
var deliberateDifferences = map[string]string{
	// Cyrus fixes its user when it is compiled (normally "cyrus") and has no
	// default in the table; Corvus states it.
	"cyrus_user": "default",
	// Cyrus offers TLS 1.0 and 1.1 unless told otherwise; Corvus only
	// when tls_versions lists them.
	"tls_versions": "default",
}

// notInCyrusTable lists options Cyrus documents but that are absent from
// its table (Corvus-only extensions are marked in the table itself).
var notInCyrusTable = map[string]bool{
	"sasl_mech_list":      true, // a SASL library option Cyrus passes through
	"sasl_saslauthd_path": true, // likewise
}

func TestCyrusConsistency(t *testing.T) {
	for _, o := range Options() {
		e, ok := CyrusOption(o.Name)
		switch {
		case o.Corvus && ok:
			t.Errorf("%s is marked Corvus-only but Cyrus has it", o.Name)
			continue
		case !ok && !o.Corvus && !notInCyrusTable[o.Name]:
			t.Errorf("%s is not in Cyrus's table: mark it Corvus or list it in notInCyrusTable", o.Name)
			continue
		case !ok:
			continue
		}
		if e.DeprecatedSince != "" {
			t.Errorf("%s: Corvus implements an option Cyrus deprecated; implement %q instead", o.Name, e.ReplacedBy)
		}
		if o.Type != e.Type {
			t.Errorf("%s: type %s, Cyrus %s", o.Name, o.Type, e.Type)
		}
		if o.Default != e.Default && deliberateDifferences[o.Name] != "default" {
			t.Errorf("%s: default %q, Cyrus %q", o.Name, o.Default, e.Default)
		}
		if o.Unit != e.Unit {
			t.Errorf("%s: unit %q, Cyrus %q", o.Name, o.Unit, e.Unit)
		}
		if !slices.Equal(o.Values, e.Values) {
			t.Errorf("%s: values %v, Cyrus %v", o.Name, o.Values, e.Values)
		}
	}
	for name := range deliberateDifferences {
		if _, ok := Lookup(name); !ok {
			t.Errorf("deliberateDifferences names %q, which is not a Corvus option", name)
		}
	}
}

func TestTableWellFormed(t *testing.T) {
	for _, o := range Options() {
		if o.Doc == "" || !strings.HasSuffix(o.Doc, ".") || strings.Contains(o.Doc, "\n") {
			t.Errorf("%s: Doc must be one sentence ending in a period", o.Name)
		}
		if o.Name != strings.ToLower(o.Name) || !validKey(o.Name) {
			t.Errorf("%s: names are lower case letters, digits, _ and -", o.Name)
		}
		if _, err := parseDefault(o); err != nil {
			t.Errorf("%s: default: %v", o.Name, err)
		}
		if o.Min != "" {
			if _, verr := parseValue(o, o.Min); verr != nil || (o.Type != Duration && o.Type != Int && o.Type != ByteSize) {
				t.Errorf("%s: Min %q does not fit type %s", o.Name, o.Min, o.Type)
			}
		}
		switch o.Type {
		case Duration:
			if o.Unit != "" && !strings.Contains("smhd", o.Unit) || len(o.Unit) > 1 {
				t.Errorf("%s: duration unit %q", o.Name, o.Unit)
			}
		case ByteSize:
			if _, ok := sizeSuffixes[strings.ToLower(o.Unit)]; o.Unit != "" && !ok {
				t.Errorf("%s: size unit %q", o.Name, o.Unit)
			}
		default:
			if o.Unit != "" {
				t.Errorf("%s: only durations and sizes have a unit", o.Name)
			}
		}
		if (o.Type == Enum || o.Type == StringList || o.Type == Bitfield) != (len(o.Values) > 0) {
			t.Errorf("%s: Values belong to ENUM, STRINGLIST and BITFIELD only", o.Name)
		}
		if o.DefaultFrom != "" {
			from, ok := Lookup(o.DefaultFrom)
			if !ok || from.Type != o.Type || o.Default != "" {
				t.Errorf("%s: DefaultFrom %q must be an option of the same type, with no Default", o.Name, o.DefaultFrom)
			}
		}
	}
}

// TestStartingSet checks the options the other packages were promised.
func TestStartingSet(t *testing.T) {
	want := strings.Fields(`configdirectory defaultpartition partition-name admins allowplaintext
		sasl_pwcheck_method sasl_mech_list sasl_minimum_layer tls_server_cert tls_server_key
		tls_client_ca_file tls_client_ca_dir tls_versions timeout imapidletimeout imapidlepoll
		idlesocket notifysocket lmtpsocket unixhierarchysep altnamespace virtdomains defaultdomain
		servername serverinfo autocreate_inbox_folders autocreate_subscribe_folders autocreate_quota
		autocreate_quota_messages autocreate_post autocreate_users maxmessagesize quotawarnpercent
		quotawarnsize quotawarnmsg lmtp_downcase_rcpt lmtp_over_quota_perm_failure lmtp_strict_quota
		duplicatesuppression singleinstancestore mailnotifier notify_external sendmail
		telemetry_bysessionid debug_command syslog_facility syslog_prefix cyrus_user cyrus_group
		master_pid_file master_ready_file postmaster imap_hibernate_timeout imap_thaw_socket`)
	for _, name := range want {
		if _, ok := Lookup(name); !ok {
			t.Errorf("option %q missing from the table", name)
		}
	}
	for _, name := range []string{"imap_hibernate_timeout", "imap_thaw_socket"} {
		if o, _ := Lookup(name); !o.Corvus {
			t.Errorf("%s must be marked as a Corvus extension", name)
		}
	}
}

func TestOptionsSortedAndCopied(t *testing.T) {
	opts := Options()
	if !slices.IsSortedFunc(opts, func(a, b Option) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("Options() is not sorted")
	}
	if len(opts) != len(table) {
		t.Errorf("Options() has %d entries, table %d", len(opts), len(table))
	}
	for i := range opts {
		if opts[i].Name == "virtdomains" {
			opts[i].Values[0] = "changed"
		}
	}
	if o, _ := Lookup("virtdomains"); o.Values[0] != "off" {
		t.Error("Options() shares Values with the table")
	}
	if _, ok := Lookup("tls_cert_file"); ok {
		t.Error("Lookup found a Cyrus-only name")
	}
}

func TestTypeString(t *testing.T) {
	for typ, name := range typeNames {
		if typ.String() != name {
			t.Errorf("%d.String() = %q", typ, typ.String())
		}
		if back, ok := parseType(name); !ok || back != typ {
			t.Errorf("parseType(%q) = %v", name, back)
		}
	}
	if Type(99).String() != "Type(99)" {
		t.Errorf("unknown type prints as %q", Type(99).String())
	}
}
