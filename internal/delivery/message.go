package delivery

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/corvusmail/corvus/internal/ingest"
	"github.com/corvusmail/corvus/internal/mime"
	"github.com/corvusmail/corvus/internal/mmap"
	"github.com/corvusmail/corvus/internal/store"
)

// Message is one spooled message to deliver.
type Message struct {
	// Body holds the message (Size bytes), as it is to be stored. The
	// protocol layer has already added Return-Path and Received.
	Body io.ReaderAt
	Size int64
	// EnvelopeFrom is the reverse-path of MAIL FROM without brackets,
	// "" for the null path. It is passed on to the Notifier.
	EnvelopeFrom string
	// AuthUser is the identity posting the message (LMTP MAIL FROM
	// AUTH=, or the owner of a sieve script) in canonical form. "" means
	// anonymous. It decides who may post into a +detail folder.
	AuthUser string
	// MessageID is the id for duplicate suppression. If it is "", the id
	// is taken from the message's Resent-Message-ID or else Message-ID
	// header, as Cyrus does.
	MessageID string
	// IgnoreQuota delivers to every target even over quota.
	IgnoreQuota bool
	// InternalDate is the IMAP internal date; zero means now.
	InternalDate time.Time
}

// parsed is a message read and parsed once for all its recipients.
type parsed struct {
	raw    []byte
	mapped *mmap.File // raw's mapping, closed by close
	nm     store.NewMessage
	dupID  string // "" means no duplicate suppression
	from   string // header From, display form, for notifications
}

// mapThreshold is the size from which a spooled message is mapped rather
// than read onto the heap.
const mapThreshold = 64 << 10

// readMessage returns the message's octets: mapped when the body is a
// file (the LMTP spool) and large, else read.
func readMessage(m Message) ([]byte, *mmap.File, error) {
	if f, ok := m.Body.(interface{ File() *os.File }); ok && m.Size >= mapThreshold {
		mf, err := mmap.Map(f.File(), m.Size)
		if err != nil {
			return nil, nil, fmt.Errorf("read message: %w", err)
		}
		return mf.Data, mf, nil
	}
	raw := make([]byte, m.Size)
	if n, err := m.Body.ReadAt(raw, 0); n < len(raw) {
		return nil, nil, fmt.Errorf("read message: %d of %d bytes: %w", n, len(raw), err)
	}
	return raw, nil, nil
}

// close releases the message's octets once every store call is done.
func (p *parsed) close() { p.mapped.Close() }

// parseMessage reads the message and parses it into what the store keeps
// (structure blob and summary), so that FETCH and SEARCH never parse it
// again.
func parseMessage(m Message) (*parsed, error) {
	if m.Body == nil || m.Size < 0 {
		return nil, fmt.Errorf("read message: no body")
	}
	raw, mapped, err := readMessage(m)
	if err != nil {
		return nil, err
	}
	st, blob, summary, err := ingest.Parse(raw)
	if err != nil {
		mapped.Close()
		return nil, err
	}
	sum := st.Summary()
	p := &parsed{raw: raw, mapped: mapped, from: sum.From, dupID: normalizeID(m.MessageID)}
	p.nm = store.NewMessage{InternalDate: m.InternalDate, Structure: blob, Summary: summary}
	if p.dupID == "" {
		p.dupID = headerID(st, raw, sum.MessageID)
	}
	return p, nil
}

// headerID is the id Cyrus lmtpd uses for duplicate suppression: the
// Resent-Message-ID if there is a non-empty one, else the Message-ID.
func headerID(st *mime.Structure, raw []byte, messageID string) string {
	for _, v := range st.HeaderValues(raw, "Resent-Message-ID") {
		if id := normalizeID(v); id != "" {
			return id
		}
	}
	return normalizeID(messageID)
}

// normalizeID reduces a msg-id field to "<id>": its first "<…>" token
// without white space (folding), or for a broken field without brackets its
// first word less any angle brackets. The caller's bare "id" and a header's "<id>" are thus the
// same key. An empty "<>" is no id at all.
func normalizeID(v string) string {
	if lt := strings.IndexByte(v, '<'); lt >= 0 {
		if gt := strings.IndexByte(v[lt:], '>'); gt > 0 {
			v = v[lt+1 : lt+gt]
			if id := strings.Join(strings.Fields(v), ""); id != "" {
				return "<" + id + ">"
			}
			return ""
		}
	}
	if f := strings.Fields(v); len(f) > 0 {
		if id := strings.NewReplacer("<", "", ">", "").Replace(f[0]); id != "" {
			return "<" + id + ">"
		}
	}
	return ""
}
