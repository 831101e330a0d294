package saslauthd

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxField is the longest field saslauthd accepts (its MAX_REQ_LEN).
const MaxField = 256

// maxReply bounds the reply we read; saslauthd's are short messages.
const maxReply = 4096

// ErrField is returned by EncodeRequest for a field saslauthd would
// refuse or, worse, misread: too long, or containing a NUL, which its C
// strings would silently cut short.
var ErrField = errors.New("saslauthd: field too long or contains NUL")

// EncodeRequest builds one request.
func EncodeRequest(login, password, service, realm, clientAddr string) ([]byte, error) {
	fields := []string{login, password, service, realm, clientAddr}
	var b bytes.Buffer
	for _, f := range fields {
		if len(f) > MaxField || strings.IndexByte(f, 0) >= 0 {
			return nil, ErrField
		}
		b.Write(binary.BigEndian.AppendUint16(nil, uint16(len(f))))
		b.WriteString(f)
	}
	return b.Bytes(), nil
}

// Reply is saslauthd's answer.
type Reply struct {
	OK   bool
	Text string // the whole string, e.g. `NO "authentication failed"`
}

// ReadReply reads one reply. A reply that is neither "OK…" nor "NO…" is an
// error: something other than saslauthd is listening.
func ReadReply(r io.Reader) (Reply, error) {
	var n [2]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return Reply{}, fmt.Errorf("saslauthd: read reply length: %w", err)
	}
	size := binary.BigEndian.Uint16(n[:])
	if size < 2 || size > maxReply {
		return Reply{}, fmt.Errorf("saslauthd: bad reply length %d", size)
	}
	buf := make([]byte, size)
	if _, err := io.ReadFull(r, buf); err != nil {
		return Reply{}, fmt.Errorf("saslauthd: read reply: %w", err)
	}
	text := string(buf)
	switch {
	case strings.HasPrefix(text, "OK"):
		return Reply{OK: true, Text: text}, nil
	case strings.HasPrefix(text, "NO"):
		return Reply{Text: text}, nil
	}
	return Reply{}, fmt.Errorf("saslauthd: reply is neither OK nor NO")
}

// SplitUser splits "login@realm" at the last '@', as Cyrus SASL does
// before asking saslauthd; a user without '@' keeps the given realm.
func SplitUser(user, realm string) (login, userRealm string) {
	if i := strings.LastIndexByte(user, '@'); i >= 0 {
		return user[:i], user[i+1:]
	}
	return user, realm
}
