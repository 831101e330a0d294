package store

import (
	"io"
	"os"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Address is one mailbox of an address header, split as IMAP's ENVELOPE
// splits it (RFC 9051 §7.5.2): display name, local part, domain.
type Address struct {
	Name    string `json:"n,omitempty"`
	Mailbox string `json:"m,omitempty"`
	Host    string `json:"h,omitempty"`
}

// Summary holds the header facts the caller extracted when it parsed the
// message (the store never parses mail). SORT, THREAD, SEARCH on headers,
// duplicate suppression and the envelope can all be answered from it
// without reading the message file.
type Summary struct {
	Date       time.Time `json:"d,omitzero"`  // Date: header; zero if absent or unparsable
	Subject    string    `json:"s,omitempty"` // decoded to UTF-8
	From       []Address `json:"f,omitempty"`
	Sender     []Address `json:"se,omitempty"`
	ReplyTo    []Address `json:"rt,omitempty"`
	To         []Address `json:"t,omitempty"`
	Cc         []Address `json:"c,omitempty"`
	Bcc        []Address `json:"b,omitempty"`
	MessageID  string    `json:"id,omitempty"` // without angle brackets
	InReplyTo  []string  `json:"ir,omitempty"` // message ids, without angle brackets
	References []string  `json:"r,omitempty"`  // message ids, oldest first
}

// NewMessage describes a message being added to a mailbox, apart from its
// bytes.
type NewMessage struct {
	Flags        []imap.Flag // initial flags and keywords
	InternalDate time.Time   // zero means now; the zone is kept
	Structure    []byte      // opaque to the store: the parsed structure, stored once and returned by Fetch
	Summary      Summary
}

// AppendItem is one message of a MULTIAPPEND (RFC 3502).
type AppendItem struct {
	Body    io.Reader
	Message NewMessage
}

// MessageFlags is the mutable state of a message: what SELECT, FETCH FLAGS,
// CONDSTORE and IDLE need.
type MessageFlags struct {
	UID    imap.UID
	ModSeq uint64
	Flags  []imap.Flag // system flags first (in SystemFlags order), then keywords
}

// Message is the stored metadata of one message.
type Message struct {
	MessageFlags
	InternalDate time.Time
	SaveDate     time.Time // RFC 8514: when it was saved into this mailbox
	Size         int64
	GUID         string   // SHA-1 hex of the message bytes, as Cyrus's GUID; kept by COPY/MOVE
	Structure    []byte   // only with FetchOptions.Structure
	Summary      *Summary // only with FetchOptions.Summary
}

// FetchOptions selects what Fetch returns beyond the always-present fields
// (flags, modseq, dates, size, GUID) and which messages.
type FetchOptions struct {
	Structure    bool
	Summary      bool
	ChangedSince uint64 // RFC 7162 CHANGEDSINCE: only messages with a greater modseq; 0 = all
}

// Content is the raw bytes of one message. It stays readable after the
// message is expunged, until Close.
type Content interface {
	io.ReaderAt
	io.Closer
	Size() int64
}

// FileContent is a Content kept as a file of its own (the sqlite
// backend's message files): readers may map the file instead of copying
// it. The file belongs to the Content and is closed with it.
type FileContent interface {
	Content
	File() *os.File
}

// EmailID derives RFC 8474's EMAILID from a message GUID, as Cyrus does:
// "M" followed by the first 24 hex digits, so all copies of a message share
// it.
func EmailID(guid string) string {
	if len(guid) > 24 {
		guid = guid[:24]
	}
	return "M" + guid
}
