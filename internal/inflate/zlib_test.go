package inflate

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture is one zlib stream of testdata/fixtures.json (written by
// testdata/gen_fixtures.py): marks[i] is the compressed length after the
// i-th flush and the plain length it stands for.
type fixture struct {
	Name  string   `json:"name"`
	Marks [][2]int `json:"marks"`
}

func loadFixtures(t testing.TB) (plain []byte, fixtures []fixture) {
	t.Helper()
	plain, err := os.ReadFile("testdata/plain.bin")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var idx struct{ Fixtures []fixture }
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatalf("fixtures.json: %v", err)
	}
	if len(idx.Fixtures) == 0 {
		t.Fatal("fixtures.json lists no fixture")
	}
	return plain, idx.Fixtures
}

func fixtureData(t testing.TB, f fixture) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", f.Name+".deflate"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zlib's Z_PARTIAL_FLUSH (mbsync), Z_SYNC_FLUSH and Z_FULL_FLUSH streams:
// once the bytes up to a flush have arrived, Read hands out everything
// written before it, without reading further, byte-wise delivery
// included. This is what compress/flate does not do for partial flushes.
func TestZlibFlushes(t *testing.T) {
	plain, fixtures := loadFixtures(t)
	for _, f := range fixtures {
		data := fixtureData(t, f)
		for _, max := range []int{0, 1, 7} {
			t.Run(f.Name, func(t *testing.T) {
				src := &gatedSource{data: data, max: max}
				z := NewReader(src)
				var got []byte
				for i, m := range f.Marks {
					src.limit = m[0]
					out, err := readUntilBlocked(t, z)
					got = append(got, out...)
					last := i == len(f.Marks)-1
					if !last && !errors.Is(err, errBlocked) || last && err != io.EOF {
						t.Fatalf("flush %d: err %v", i, err)
					}
					if !bytes.Equal(got, plain[:m[1]]) {
						t.Fatalf("flush %d (input %d bytes, %d per read): decoded %d bytes, want %d",
							i, m[0], max, len(got), m[1])
					}
				}
			})
		}
	}
}

// The first command after a partial flush comes out of Read before the
// source is asked for more; compress/flate, for contrast, returns it only
// after a read past the flush, which on a socket waits for the peer's
// next command: the stall this package exists for. (Should compress/flate
// change, this test says so.)
func TestZlibPartialFlushNeedsNoFurtherRead(t *testing.T) {
	plain, fixtures := loadFixtures(t)
	for _, f := range fixtures {
		if !strings.HasPrefix(f.Name, "partial-") {
			continue
		}
		first := plain[:f.Marks[0][1]]
		for _, dec := range []string{"inflate", "compress/flate"} {
			src := &gatedSource{data: fixtureData(t, f), limit: f.Marks[0][0]}
			var r io.Reader = NewReader(src)
			if dec == "compress/flate" {
				r = flate.NewReader(src)
			}
			buf := make([]byte, 100)
			n, _ := io.ReadAtLeast(r, buf, len(first))
			if !bytes.Equal(buf[:n], first) {
				t.Fatalf("%s %s: first command %q", f.Name, dec, buf[:n])
			}
			if wantBlocked := dec != "inflate"; (src.blocked > 0) != wantBlocked {
				t.Errorf("%s %s: %d reads past the flush before the first command", f.Name, dec, src.blocked)
			}
		}
	}
}
