package sqlite

import "fmt"

// schemaVersion is stored in PRAGMA user_version; migrations key on it.
const schemaVersion = 1

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

// migrate creates the schema in a fresh database, inside the caller's
// write transaction (SQLite DDL is transactional, so two processes
// creating the same account at once serialise on the write lock and the
// second finds the work done).
func migrate(t *tx, schema string) error {
	var v int
	if err := t.row("PRAGMA user_version", nil, &v); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	switch v {
	case schemaVersion:
		return nil
	case 0:
		if _, err := t.c.c.ExecContext(t.ctx, schema); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
		_, err := t.c.c.ExecContext(t.ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion))
		return err
	}
	return fmt.Errorf("schema version %d is newer than this program's %d", v, schemaVersion)
}
