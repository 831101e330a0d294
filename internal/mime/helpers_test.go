package mime

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// load reads a message from testdata.
func load(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// testMessages lists every message in testdata.
func testMessages(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/*.eml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata messages: %v", err)
	}
	for i, f := range files {
		files[i] = filepath.Base(f)
	}
	return files
}

// date builds a time in a fixed zone given in hours and minutes east of
// UTC.
func date(y int, mo time.Month, d, h, mi, s, zoneMin int) time.Time {
	loc := time.UTC
	if zoneMin != 0 {
		loc = time.FixedZone("", zoneMin*60)
	}
	return time.Date(y, mo, d, h, mi, s, 0, loc)
}

// sameTime compares instants and zone offsets; Location pointers differ.
func sameTime(a, b time.Time) bool {
	_, oa := a.Zone()
	_, ob := b.Zone()
	return a.Equal(b) && oa == ob && a.IsZero() == b.IsZero()
}

// envelopeEqual compares envelopes, dates by sameTime, the rest deeply.
func envelopeEqual(a, b *imap.Envelope) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := *a, *b
	if !sameTime(x.Date, y.Date) {
		return false
	}
	x.Date, y.Date = time.Time{}, time.Time{}
	return reflect.DeepEqual(x, y)
}

// bodyStructureEqual compares trees, nested envelopes by envelopeEqual.
func bodyStructureEqual(a, b imap.BodyStructure) bool {
	switch a := a.(type) {
	case *imap.BodyStructureMultiPart:
		b, ok := b.(*imap.BodyStructureMultiPart)
		if !ok || len(a.Children) != len(b.Children) || a.Subtype != b.Subtype ||
			!reflect.DeepEqual(a.Extended, b.Extended) {
			return false
		}
		for i := range a.Children {
			if !bodyStructureEqual(a.Children[i], b.Children[i]) {
				return false
			}
		}
		return true
	case *imap.BodyStructureSinglePart:
		b, ok := b.(*imap.BodyStructureSinglePart)
		if !ok {
			return false
		}
		x, y := *a, *b
		mx, my := x.MessageRFC822, y.MessageRFC822
		x.MessageRFC822, y.MessageRFC822 = nil, nil
		if !reflect.DeepEqual(x, y) || (mx == nil) != (my == nil) {
			return false
		}
		return mx == nil || (mx.NumLines == my.NumLines &&
			envelopeEqual(mx.Envelope, my.Envelope) &&
			bodyStructureEqual(mx.BodyStructure, my.BodyStructure))
	}
	return false
}

func addr(name, mailbox, host string) imap.Address {
	return imap.Address{Name: name, Mailbox: mailbox, Host: host}
}

func addrs(a ...imap.Address) []imap.Address { return a }

// dumpBS renders a body structure for failure messages.
func dumpBS(bs imap.BodyStructure) string {
	b, _ := json.MarshalIndent(bs, "", " ")
	return string(b)
}

// readV1 reads the version 1 blob kept for a testdata message.
func readV1(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "v1", strings.TrimSuffix(name, ".eml")+".blob"))
}
