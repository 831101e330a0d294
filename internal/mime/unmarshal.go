package mime

import (
	"encoding/binary"
	"fmt"
)

// UnmarshalBinary decodes a blob written by MarshalBinary, as an
// encoding.BinaryUnmarshaler. It checks everything later calls rely on (offsets
// inside the message and their parents, the tree shape of multipart and
// message/rfc822 parts, limits) and returns an error wrapping ErrMalformed
// for anything else; it never panics and allocates no more than the blob's
// size warrants. On error s is unchanged.
func (s *Structure) UnmarshalBinary(b []byte) error {
	if len(b) > MaxBlobSize {
		return fmt.Errorf("%w: %d bytes exceeds %d", ErrMalformed, len(b), MaxBlobSize)
	}
	if len(b) == 0 || (b[0] != formatVersion && b[0] != formatV1) {
		return fmt.Errorf("%w: unknown format version", ErrMalformed)
	}
	r := reader{b: b[1:], version: b[0]}
	size := r.int()
	root := r.entity(0, 0, size, true)
	switch {
	case r.err != nil:
		return fmt.Errorf("%w: %v", ErrMalformed, r.err)
	case len(r.b) != 0:
		return fmt.Errorf("%w: %d trailing bytes", ErrMalformed, len(r.b))
	case root.start != 0 || root.end != size:
		return fmt.Errorf("%w: root does not span the message", ErrMalformed)
	case root.env == nil:
		return fmt.Errorf("%w: root has no envelope", ErrMalformed)
	}
	*s = Structure{root: root, size: size}
	return nil
}

// reader decodes the blob; the first error sticks and later reads return
// zero values, so the decoding code reads straight through.
type reader struct {
	b       []byte
	err     error
	parts   int
	version byte
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
	r.b = nil
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("truncated or overlong number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("truncated or overlong number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// int reads an offset or length, which must fit comfortably in int64.
func (r *reader) int() int64 {
	v := r.uvarint()
	if v > 1<<50 {
		r.fail("number %d out of range", v)
		return 0
	}
	return int64(v)
}

// count reads an element count, which cannot exceed the bytes left since
// every element takes at least one.
func (r *reader) count() int {
	v := r.uvarint()
	if v > uint64(len(r.b)) {
		r.fail("count %d exceeds remaining %d bytes", v, len(r.b))
		return 0
	}
	return int(v)
}

func (r *reader) str() string {
	v := r.uvarint()
	if v&1 == 1 {
		if i := v >> 1; i < uint64(len(wellKnown)) {
			return wellKnown[i]
		}
		r.fail("unknown string index %d", v>>1)
		return ""
	}
	n := v >> 1
	if n > uint64(len(r.b)) {
		r.fail("string of %d bytes exceeds remaining %d", n, len(r.b))
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = r.str()
	}
	return l
}

func (r *reader) params() []param {
	n := r.count()
	if n == 0 {
		return nil
	}
	ps := make([]param, n)
	for i := range ps {
		ps[i] = param{r.str(), r.str()}
	}
	return ps
}
