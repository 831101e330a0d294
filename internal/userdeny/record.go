package userdeny

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// DefaultMessage is what a denied user is told when the entry has no
// message, as Cyrus.
const DefaultMessage = "Access to this service has been blocked"

// recordVersion is the value layout Cyrus's cyr_deny writes.
const recordVersion = "2"

// maxFile bounds what is read of a deny list.
const maxFile = 16 << 20

// ErrMalformed reports a record that is not in Cyrus's layout.
var ErrMalformed = errors.New("malformed user_deny.db record")

// Entry denies one user.
type Entry struct {
	User string
	// Services is a wildmat list of service names (cyr_deny -s); "*"
	// denies every service.
	Services string
	// Message is shown to the user; "" gives DefaultMessage.
	Message string
}

// Text returns the message the user is shown.
func (e Entry) Text() string {
	if e.Message == "" {
		return DefaultMessage
	}
	return e.Message
}

// Denies reports whether e denies service.
func (e Entry) Denies(service string) bool { return Wildmat(e.Services, service) }

// Parse reads a deny list. Bad records are skipped and reported in the
// error, which wraps ErrMalformed; the good ones are still returned, so a
// damaged line does not lift every other denial. A user listed twice
// keeps the last record, as a rewrite would.
func Parse(data []byte) (map[string]Entry, error) {
	if len(data) > maxFile {
		return nil, fmt.Errorf("%w: %d bytes", ErrMalformed, len(data))
	}
	out := map[string]Entry{}
	var errs []error
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		e, err := parseRecord(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", n, err))
			continue
		}
		out[e.User] = e
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%w: %w", ErrMalformed, errors.Join(errs...))
	}
	return out, nil
}

// parseRecord reads one line: user, tab, value.
func parseRecord(line []byte) (Entry, error) {
	k, v, ok := bytes.Cut(line, []byte{'\t'})
	if !ok {
		return Entry{}, errors.New("no tab between user and value")
	}
	user, err := unescape(k)
	if err != nil || user == "" {
		return Entry{}, fmt.Errorf("user: %v", cmpErr(err, "empty"))
	}
	val, err := unescape(v)
	if err != nil {
		return Entry{}, fmt.Errorf("value: %v", err)
	}
	f := strings.SplitN(val, "\t", 3)
	if len(f) != 3 || f[0] != recordVersion {
		return Entry{}, fmt.Errorf("value is not version %s with services and message", recordVersion)
	}
	return Entry{User: user, Services: f[1], Message: f[2]}, nil
}

func cmpErr(err error, alt string) string {
	if err != nil {
		return err.Error()
	}
	return alt
}

// Encode writes entries as a deny list, sorted by user as Cyrus's flat
// database must be (it searches the file by halves).
func Encode(entries map[string]Entry) []byte {
	users := make([]string, 0, len(entries))
	for u := range entries {
		users = append(users, u)
	}
	slices.Sort(users)
	var b []byte
	for _, u := range users {
		e := entries[u]
		b = escape(b, u)
		b = append(b, '\t')
		b = escape(b, recordVersion+"\t"+e.Services+"\t"+e.Message)
		b = append(b, '\n')
	}
	return b
}
