package tests

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/corvusmail/corvus/internal/auth/scram"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// go-imap/v2's imapclient is an independent implementation of the client
// side: a session through the real master with it checks our engine's
// responses parse as the RFCs say, beyond what imaplib looks at.
func TestImapdWithImapclient(t *testing.T) {
	e := startImapd(t, "")
	c, err := imapclient.DialInsecure(e.addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.WaitGreeting(); err != nil {
		t.Fatal(err)
	}
	// SCRAM-SHA-256 from our own client side of the mechanism, against
	// the keys in the password file.
	if err := c.Authenticate(&scram.Client{Username: "alice", Password: "wonderland"}); err != nil {
		t.Fatalf("AUTHENTICATE SCRAM-SHA-256: %v", err)
	}
	caps, err := c.Capability().Wait()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []imap.Cap{imap.CapIMAP4rev2, imap.CapIdle, imap.CapMove, imap.CapUIDPlus, imap.CapCondStore} {
		if !caps.Has(want) {
			t.Errorf("capability %s missing after login: %v", want, caps)
		}
	}
	if err := c.Create("Archive", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	msg := []byte("From: Alice <alice@example.com>\r\nSubject: client test\r\nMessage-ID: <1@example.com>\r\n\r\nbody text\r\n")
	app := c.Append("Archive", int64(len(msg)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagFlagged}})
	if _, err := app.Write(msg); err != nil {
		t.Fatal(err)
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	ad, err := app.Wait()
	if err != nil || ad.UID == 0 || ad.UIDValidity == 0 {
		t.Fatalf("APPEND: %+v %v", ad, err)
	}
	sel, err := c.Select("Archive", &imap.SelectOptions{CondStore: true}).Wait()
	if err != nil || sel.NumMessages != 1 || sel.UIDValidity != ad.UIDValidity || sel.HighestModSeq == 0 {
		t.Fatalf("SELECT: %+v %v", sel, err)
	}
	msgs, err := c.Fetch(imap.UIDSetNum(ad.UID), &imap.FetchOptions{
		UID: true, Flags: true, Envelope: true, RFC822Size: true, BodyStructure: &imap.FetchItemBodyStructure{Extended: true},
		BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("FETCH: %v %v", msgs, err)
	}
	m := msgs[0]
	if m.Envelope == nil || m.Envelope.Subject != "client test" || m.Envelope.MessageID != "1@example.com" {
		t.Errorf("ENVELOPE %+v", m.Envelope)
	}
	// \Recent comes along: this is an IMAP4rev1 session (RFC 3501 §2.3.2).
	if m.RFC822Size != int64(len(msg)) || !slices.Contains(m.Flags, imap.FlagFlagged) || slices.Contains(m.Flags, imap.FlagSeen) {
		t.Errorf("size %d flags %v", m.RFC822Size, m.Flags)
	}
	if body := m.FindBodySection(&imap.FetchItemBodySection{}); !bytes.Equal(body, msg) {
		t.Errorf("BODY[] = %q", body)
	}
	if _, ok := m.BodyStructure.(*imap.BodyStructureSinglePart); !ok {
		t.Errorf("BODYSTRUCTURE %#v", m.BodyStructure)
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Subject", Value: "client"}}}, nil).Wait()
	if err != nil || len(found.AllUIDs()) != 1 {
		t.Fatalf("UID SEARCH: %+v %v", found, err)
	}
	if _, err := c.Move(imap.UIDSetNum(ad.UID), "INBOX").Wait(); err != nil {
		t.Fatalf("MOVE: %v", err)
	}
	st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true, UIDNext: true}).Wait()
	if err != nil || st.NumMessages == nil || *st.NumMessages != 1 {
		t.Fatalf("STATUS INBOX after MOVE: %+v %v", st, err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Logout().Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("LOGOUT: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LOGOUT hung")
	}
}
