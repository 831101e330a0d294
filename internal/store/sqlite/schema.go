package sqlite

import "fmt"

// schemaVersion is the user database's version, stored in PRAGMA
// user_version; upgrades key on it.
const schemaVersion = 3

// serverSchemaVersion is the server database's version.
const serverSchemaVersion = 1

// userUpgrades[v] takes a user database from version v to v+1, in the
// caller's write transaction.
var userUpgrades = map[int]string{
	// Version 2 copies each message's sent date into its messages row,
	// so that SORT (DATE) reads one table and needs no join with
	// contents. The COALESCE keeps a row whose contents row is missing
	// (reconstruct's business) from failing the upgrade.
	1: `ALTER TABLE messages ADD COLUMN sentdate INTEGER NOT NULL DEFAULT 0;
UPDATE messages SET sentdate = COALESCE((SELECT c.sentdate FROM contents c WHERE c.id = messages.content), internaldate);`,
	// Version 3 adds sortkeys, filled from the stored summaries.
	2: sortKeysTable + `
INSERT INTO sortkeys (content, subject, frommailbox) SELECT id, ` + sortKeysOf("summary") + ` FROM contents;`,
}

// sortKeysTable holds, for each contents row, the two summary fields
// SORT (SUBJECT), SORT (FROM) and THREAD ORDEREDSUBJECT order by, as the
// summary has them: a narrow table those commands read instead of
// decoding 100 000 summaries. Derived forms (base subject, case
// folding) are computed when sorting, so that a change to them needs no
// migration.
const sortKeysTable = `
CREATE TABLE sortkeys (
	content     INTEGER PRIMARY KEY REFERENCES contents(id) ON DELETE CASCADE,
	subject     TEXT NOT NULL, -- Summary.Subject
	frommailbox TEXT NOT NULL  -- Summary.From[0].Mailbox, '' without one
);`

// sortKeysOf is the SQL for sortkeys' subject and frommailbox from a
// summary (a BLOB of JSON): the same strings the summary decoder
// returns, and empty strings for a summary that is not valid JSON, so
// that one bad row cannot fail an insert or the upgrade.
func sortKeysOf(summary string) string {
	j := "CAST(" + summary + " AS TEXT)"
	valid := "json_valid(" + j + ")"
	return "CASE WHEN " + valid + " THEN coalesce(json_extract(" + j + ", '$.s'), '') ELSE '' END, " +
		"CASE WHEN " + valid + " THEN coalesce(json_extract(" + j + ", '$.f[0].m'), '') ELSE '' END"
}

// userSchema is the per-user database. Times are Unix seconds. Flags are
// a bitmask of the system flags (flagSeen…) plus a space-separated list of
// keywords, each spelt as the account's keywords table first saw it.
const userSchema = `
CREATE TABLE account (
	id             INTEGER PRIMARY KEY CHECK (id = 1),
	user           TEXT NOT NULL,
	modseq         INTEGER NOT NULL,  -- last modseq handed out, account-wide
	uidvalidity    INTEGER NOT NULL,  -- last UIDVALIDITY handed out
	messages       INTEGER NOT NULL,  -- quota usage: MESSAGE
	size           INTEGER NOT NULL,  -- quota usage: STORAGE, bytes
	quota_storage  INTEGER NOT NULL,  -- KB, -1 unlimited
	quota_messages INTEGER NOT NULL,  -- -1 unlimited
	events_pruned  INTEGER NOT NULL   -- events up to this modseq were pruned
);
CREATE TABLE mailboxes (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused
	objectid      TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL UNIQUE,
	uidvalidity   INTEGER NOT NULL,
	uidnext       INTEGER NOT NULL,
	highestmodseq INTEGER NOT NULL,
	createdmodseq INTEGER NOT NULL,
	recentuid     INTEGER NOT NULL,
	specialuse    TEXT NOT NULL,
	messages      INTEGER NOT NULL,
	unseen        INTEGER NOT NULL,
	deleted       INTEGER NOT NULL,
	size          INTEGER NOT NULL
);
CREATE TABLE contents (
	id        INTEGER PRIMARY KEY,
	file      TEXT NOT NULL UNIQUE, -- file id: msg/<file[:2]>/<file>
	guid      TEXT NOT NULL,
	size      INTEGER NOT NULL,
	sentdate  INTEGER NOT NULL,
	summary   BLOB NOT NULL,
	structure BLOB
);
CREATE INDEX contents_guid ON contents(guid);
` + sortKeysTable + `
CREATE TABLE messages (
	mailbox      INTEGER NOT NULL REFERENCES mailboxes(id),
	uid          INTEGER NOT NULL,
	modseq       INTEGER NOT NULL,
	flags        INTEGER NOT NULL,
	keywords     TEXT NOT NULL,
	internaldate INTEGER NOT NULL,
	internalzone INTEGER NOT NULL, -- seconds east of UTC
	savedate     INTEGER NOT NULL,
	size         INTEGER NOT NULL,
	content      INTEGER NOT NULL REFERENCES contents(id),
	sentdate     INTEGER NOT NULL, -- contents.sentdate, copied: SORT (DATE) reads one table
	PRIMARY KEY (mailbox, uid)
) WITHOUT ROWID;
CREATE INDEX messages_modseq ON messages(mailbox, modseq);
CREATE INDEX messages_content ON messages(content);
CREATE TABLE expunged (
	mailbox INTEGER NOT NULL REFERENCES mailboxes(id),
	uid     INTEGER NOT NULL,
	modseq  INTEGER NOT NULL,
	PRIMARY KEY (mailbox, uid)
) WITHOUT ROWID;
CREATE INDEX expunged_modseq ON expunged(mailbox, modseq);
CREATE TABLE keywords (
	lname TEXT PRIMARY KEY,
	name  TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE subscriptions (
	name TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE acl (
	mailbox    INTEGER NOT NULL REFERENCES mailboxes(id),
	identifier TEXT NOT NULL,
	rights     TEXT NOT NULL,
	PRIMARY KEY (mailbox, identifier)
) WITHOUT ROWID;
CREATE TABLE annotations (
	mailbox INTEGER NOT NULL REFERENCES mailboxes(id),
	entry   TEXT NOT NULL,
	userid  TEXT NOT NULL, -- '' for /shared entries
	value   BLOB NOT NULL,
	PRIMARY KEY (mailbox, entry, userid)
) WITHOUT ROWID;
CREATE TABLE events (
	modseq  INTEGER PRIMARY KEY,
	mailbox TEXT NOT NULL, -- objectid
	kind    INTEGER NOT NULL,
	name    TEXT NOT NULL,
	time    INTEGER NOT NULL
);
CREATE TABLE duplicates (
	id    TEXT NOT NULL,
	scope TEXT NOT NULL,
	time  INTEGER NOT NULL,
	PRIMARY KEY (id, scope)
) WITHOUT ROWID;
CREATE INDEX duplicates_time ON duplicates(time);
`

// serverSchema is the server-wide database: server metadata.
const serverSchema = `
CREATE TABLE annotations (
	entry  TEXT NOT NULL,
	userid TEXT NOT NULL,
	value  BLOB NOT NULL,
	PRIMARY KEY (entry, userid)
) WITHOUT ROWID;
`

// migrate creates the schema in a fresh database, or upgrades an older
// one step by step, inside the caller's write transaction (SQLite DDL is
// transactional, so two processes creating or upgrading the same account
// at once serialise on the write lock and the second finds the work
// done).
func migrate(t *tx, schema string, version int, upgrades map[int]string) error {
	v, err := userVersion(t)
	if err != nil || v == version {
		return err
	}
	if v == 0 {
		if _, err := t.c.c.ExecContext(t.ctx, schema); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
		v = version
	}
	if v > version {
		return fmt.Errorf("schema version %d is newer than this program's %d", v, version)
	}
	for ; v < version; v++ {
		step, ok := upgrades[v]
		if !ok {
			return fmt.Errorf("no upgrade from schema version %d", v)
		}
		if _, err := t.c.c.ExecContext(t.ctx, step); err != nil {
			return fmt.Errorf("upgrade schema from version %d: %w", v, err)
		}
	}
	_, err = t.c.c.ExecContext(t.ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
	return err
}

// userVersion is the database's schema version, 0 for a new file.
func userVersion(t *tx) (int, error) {
	var v int
	if err := t.row("PRAGMA user_version", nil, &v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}
