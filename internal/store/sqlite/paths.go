package sqlite

import (
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"strings"
)

// File and directory names inside a user's directory.
const (
	dbName    = "corvus.db"
	msgDir    = "msg"
	deleteDir = "deleted" // under the partition: users being removed
)

// Permissions: mail and its databases are the cyrus user's alone, as
// Cyrus's spool (0600 files in 0700 directories); tools that read them run
// as that user.
const (
	dirPerm  = 0o700
	filePerm = 0o600
)

// hashLetter is the directory hash of a name, as Cyrus's dir_hash_c with
// fulldirhash off: the first character lower-cased if it is an ASCII
// letter, 'q' otherwise.
func hashLetter(s string) string {
	if s != "" {
		c := s[0] | 0x20
		if c >= 'a' && c <= 'z' {
			return string(c)
		}
	}
	return "q"
}

// userDir is a user's directory under the partition, the tree Cyrus uses
// with hashimapspool: <partition>/<h>/user/<user>, and for "user@domain"
// <partition>/domain/<h>/<domain>/<h>/user/<user>. The user name must have
// passed store.CheckUser, which makes each part one harmless component.
func userDir(partition, user string) string {
	local, domain, ok := strings.Cut(user, "@")
	if !ok {
		return filepath.Join(partition, hashLetter(local), "user", local)
	}
	return filepath.Join(partition, "domain", hashLetter(domain), domain, hashLetter(local), "user", local)
}

// newFileID returns a fresh message file id: 128 random bits in hex. File
// ids are never derived from anything a client chose.
func newFileID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// fileRel is the path of a message file relative to the user's directory:
// msg/<first two hex digits>/<id>, 256 buckets so no directory grows huge.
func fileRel(id string) string {
	return filepath.Join(msgDir, id[:2], id)
}

// newObjectID returns a fresh mailbox id for RFC 8474 MAILBOXID: 'F' and 24
// hex digits (RFC 8474 §4: 1-255 of [A-Za-z0-9_-]).
func newObjectID() string {
	var b [12]byte
	rand.Read(b[:])
	return "F" + hex.EncodeToString(b[:])
}
