package tests

import "testing"

// TestImapdMetadata: Python imaplib, which has no METADATA methods, sends
// GETMETADATA and SETMETADATA raw (RFC 5464) to the real imapd under the
// master and reads Cyrus's computed vendor entries back.
func TestImapdMetadata(t *testing.T) {
	e := startImapd(t, "")
	out := python(t, e.addr, `
import imaplib, sys
M = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))
M.login("alice", "wonderland")
M.append("INBOX", None, None, b"Subject: hi\r\n\r\n" + b"x" * 100 + b"\r\n")
imaplib.Commands["GETMETADATA"] = imaplib.Commands["SETMETADATA"] = ("AUTH", "SELECTED")
print("CAPS", M.capability()[1][0].decode())
def raw(name, args):
    typ, dat = M._simple_command(name, args)
    return typ, M._untagged_response(typ, dat, "METADATA")[1]
print("SIZE", raw("GETMETADATA", "INBOX (/shared/vendor/cmu/cyrus-imapd/size /shared/vendor/cmu/cyrus-imapd/partition)"))
print("SET", M._simple_command("SETMETADATA", 'INBOX (/shared/vendor/cmu/cyrus-imapd/expire "30")')[0])
print("RO", M._simple_command("SETMETADATA", 'INBOX (/shared/vendor/cmu/cyrus-imapd/size "1")')[0])
print("DEPTH", raw("GETMETADATA", "(DEPTH infinity MAXSIZE 10) INBOX /shared/vendor/cmu/cyrus-imapd"))
`)
	mustContain(t, "imaplib GETMETADATA", out,
		" METADATA ", " METADATA-SERVER ", " LIST-METADATA",
		`SIZE ('OK', [b'INBOX (/shared/vendor/cmu/cyrus-imapd/partition "default" /shared/vendor/cmu/cyrus-imapd/size "117")'])`,
		"SET OK", "RO NO",
		`/shared/vendor/cmu/cyrus-imapd/expire "30"`, `/shared/vendor/cmu/cyrus-imapd/sharedseen "false"`)
}
