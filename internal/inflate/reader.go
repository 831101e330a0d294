package inflate

import (
	"errors"
	"io"
)

// inputSize is the input buffer: it must hold the largest step that
// cannot be split, a dynamic block header (under 600 bytes).
const inputSize = 4096

// maxEmptyReads bounds reads that return nothing and no error, as bufio
// does, before giving up with io.ErrNoProgress.
const maxEmptyReads = 100

// Reader decompresses a raw DEFLATE stream read from a source. It is not
// safe for concurrent use.
type Reader struct {
	src    io.Reader
	srcErr error // a read error that came with data, reported next
	err    error // sticky: ErrCorrupt wrapped, io.EOF or io.ErrUnexpectedEOF

	in    bitReader
	inBuf [inputSize]byte
	win   window

	state  state
	final  bool // the current block is the last one
	stored int  // bytes left in the current stored block

	lit, dist             *huffman // the current block's codes
	dynLit, dynDist, clen huffman
	lens                  [maxLit + maxDist]uint8
}

// NewReader returns a Reader that decompresses src. All its memory is
// allocated here.
func NewReader(src io.Reader) *Reader {
	z := new(Reader)
	z.Reset(src)
	return z
}

// Reset makes z decompress a new stream from src, reusing its memory.
func (z *Reader) Reset(src io.Reader) {
	z.src, z.srcErr, z.err = src, nil, nil
	z.in = bitReader{buf: z.inBuf[:]}
	z.win.wr, z.win.rd = 0, 0
	z.state, z.final, z.stored = atHeader, false, 0
	z.lit, z.dist = nil, nil
}

// Read returns decompressed bytes. It decodes all it can from the input
// it holds and returns what it has; it reads the source only when it
// holds no decoded byte and no complete step, and then only once, so a
// peer that waits for an answer is never waited on. After the final
// block it returns io.EOF; a source that ends before it gives
// io.ErrUnexpectedEOF. Other source errors (a read deadline) are
// returned as they are and are not sticky: Read may be called again.
// Input after the final block may have been read from the source.
func (z *Reader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if z.err == nil {
			z.decode()
		}
		if n := z.win.read(p); n > 0 {
			return n, nil
		}
		if z.err != nil {
			return 0, z.err
		}
		if err := z.fill(); err != nil {
			return 0, err
		}
	}
}

// decode runs steps until one lacks input or room, or the stream ends.
func (z *Reader) decode() {
	for z.err == nil {
		var more bool
		switch z.state {
		case atHeader:
			more = z.header()
		case inStored:
			more = z.storedData()
		case inHuffman:
			more = z.symbols()
		default:
			z.err = io.EOF
		}
		if !more {
			return
		}
	}
}

// fill reads the source once (retrying empty reads).
func (z *Reader) fill() error {
	if err := z.srcErr; err != nil {
		z.srcErr = nil
		return z.failed(err)
	}
	b := &z.in
	b.compact()
	if b.end == len(b.buf) {
		// Unreachable: no step needs more than inputSize bytes.
		z.corrupt("a step needs more than %d bytes of input", len(b.buf))
		return z.err
	}
	for range maxEmptyReads {
		n, err := z.src.Read(b.buf[b.end:])
		b.end += n
		if n > 0 {
			z.srcErr = err
			return nil
		}
		if err != nil {
			return z.failed(err)
		}
	}
	return io.ErrNoProgress
}

// failed turns the source's end into io.ErrUnexpectedEOF, for the stream
// had not ended; other errors pass through.
func (z *Reader) failed(err error) error {
	if errors.Is(err, io.EOF) {
		z.err = io.ErrUnexpectedEOF
		return z.err
	}
	return err
}
