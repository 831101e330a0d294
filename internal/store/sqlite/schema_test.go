package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/store"
)

// TestSchemaUpgrade opens an account whose database is set back to an
// older schema version and checks what the upgrade makes of it.
func TestSchemaUpgrade(t *testing.T) {
	internal := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	sent := time.Date(2026, 4, 30, 18, 0, 0, 0, time.FixedZone("", -7200))
	tests := []struct {
		name    string
		back    string // SQL that sets the database back
		wantErr string // "": opens, at schemaVersion, with the sent dates
	}{
		{"version 1: sentdate copied into messages", "DROP TABLE sortkeys; ALTER TABLE messages DROP COLUMN sentdate; PRAGMA user_version = 1", ""},
		{"version 2: sortkeys filled from the summaries", "DROP TABLE sortkeys; PRAGMA user_version = 2", ""},
		{"a newer version is refused", "PRAGMA user_version = 99", "newer than this program's"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			part := t.TempDir()
			s, err := Open(Options{Partition: part})
			if err != nil {
				t.Fatal(err)
			}
			a, err := s.Create(ctx, "alice")
			if err != nil {
				t.Fatal(err)
			}
			mb, err := a.Mailbox(ctx, store.Inbox)
			if err != nil {
				t.Fatal(err)
			}
			items := []store.AppendItem{
				{Body: bytes.NewReader([]byte("a")), Message: store.NewMessage{InternalDate: internal,
					Summary: store.Summary{Date: sent, Subject: "Re: <a & b>", From: []store.Address{{Name: "A", Mailbox: "ann", Host: "x"}}}}},
				{Body: bytes.NewReader([]byte("b")), Message: store.NewMessage{InternalDate: internal}}, // no Date header
			}
			if _, err := mb.AppendMany(ctx, items, store.AppendOptions{}); err != nil {
				t.Fatal(err)
			}
			a.Close()
			s.Close()
			path := filepath.Join(userDir(part, "alice"), dbName)
			db, err := sql.Open("sqlite", dsn(path, true, time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(tc.back); err != nil {
				t.Fatalf("set back: %v", err)
			}
			db.Close()

			s, err = Open(Options{Partition: part})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			a, err = s.Open(ctx, "alice")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("open: %v, want an error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer a.Close()
			mb, err = a.Mailbox(ctx, store.Inbox)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := mb.(store.SummaryLoader).SortSummaries(ctx, imap.UIDSet{{Start: 1, Stop: 0}}, store.SummaryDate|store.SummarySubject|store.SummaryFirstFrom)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[0].Sent != sent.Unix() || rows[1].Sent != internal.Unix() {
				t.Fatalf("sent dates after the upgrade: %+v, want %d and %d", rows, sent.Unix(), internal.Unix())
			}
			if r := rows[0]; r.Subject != "Re: <a & b>" || r.FromMailbox != "ann" {
				t.Errorf("sort keys after the upgrade: %q, %q", r.Subject, r.FromMailbox)
			}
			if r := rows[1]; r.Subject != "" || r.FromMailbox != "" {
				t.Errorf("sort keys of a message without them: %q, %q", r.Subject, r.FromMailbox)
			}
			var v int
			if err := a.(*account).u.h.readOne(ctx, func(t *tx) (err error) { v, err = userVersion(t); return err }); err != nil || v != schemaVersion {
				t.Errorf("schema version %d (%v), want %d", v, err, schemaVersion)
			}
		})
	}
}
