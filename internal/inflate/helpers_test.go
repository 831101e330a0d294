package inflate

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// deflate compresses p with compress/flate at level, flushing (a sync
// flush) every chunk bytes when chunk > 0.
func deflate(t testing.TB, p []byte, level, chunk int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	for len(p) > 0 {
		n := len(p)
		if chunk > 0 {
			n = min(n, chunk)
		}
		if _, err := w.Write(p[:n]); err != nil {
			t.Fatal(err)
		}
		p = p[n:]
		if chunk > 0 {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inflateAll decodes a whole stream with a Reader.
func inflateAll(src io.Reader) ([]byte, error) {
	return io.ReadAll(NewReader(src))
}

// sample is n bytes of the kind named: text compresses with dynamic
// blocks, random does not (stored blocks), runs exercise overlapping
// copies, mixed has all three.
func sample(kind string, n int) []byte {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	words := []string{"mailbox ", "message ", "FLAGS ", "(\\Seen) ", "UID ", "FETCH ", "the ", "inbox\r\n"}
	var b bytes.Buffer
	for b.Len() < n {
		switch kind {
		case "text":
			b.WriteString(words[rng.IntN(len(words))])
		case "random":
			b.WriteByte(byte(rng.Uint32()))
		case "runs":
			b.Write(bytes.Repeat([]byte{byte('a' + rng.IntN(3))}, 1+rng.IntN(300)))
		default:
			b.Write(sample([]string{"text", "random", "runs"}[rng.IntN(3)], 1+rng.IntN(5000)))
		}
	}
	return b.Bytes()[:n]
}

// errBlocked stands for a socket read that would wait for the peer.
var errBlocked = errors.New("source would block")

// gatedSource hands out data up to limit, then reports errBlocked
// without ending; raising limit lets more through, as a peer sending its
// next command.
type gatedSource struct {
	data  []byte
	off   int
	limit int
	max   int // bytes per read, 0: any
	// blocked counts reads that found nothing let through.
	blocked int
}

func (g *gatedSource) Read(p []byte) (int, error) {
	if g.off >= g.limit {
		if g.off == len(g.data) {
			return 0, io.EOF
		}
		g.blocked++
		return 0, errBlocked
	}
	end := g.limit
	if g.max > 0 {
		end = min(end, g.off+g.max)
	}
	n := copy(p, g.data[g.off:end])
	g.off += n
	return n, nil
}

// readUntilBlocked reads from z until the source would block.
func readUntilBlocked(t *testing.T, z *Reader) ([]byte, error) {
	t.Helper()
	var out []byte
	buf := make([]byte, 1000)
	for {
		n, err := z.Read(buf)
		out = append(out, buf[:n]...)
		if err != nil {
			return out, err
		}
	}
}
