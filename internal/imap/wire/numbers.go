package wire

import "math"

// digits reads 1*DIGIT as a value no larger than max.
func (d *Decoder) digits(max uint64, what string) (uint64, error) {
	start, lim := d.pos, d.limit()
	var v uint64
	for d.pos < lim && d.text[d.pos] >= '0' && d.text[d.pos] <= '9' {
		digit := uint64(d.text[d.pos] - '0')
		if v > (max-digit)/10 {
			return 0, d.errorf("%s out of range", what)
		}
		v = v*10 + digit
		d.pos++
	}
	if d.pos == start {
		return 0, d.errorf("expected %s", what)
	}
	return v, nil
}

// Number reads a number: 1*DIGIT within 32 bits (RFC 9051 §9).
func (d *Decoder) Number() (uint32, error) {
	v, err := d.digits(math.MaxUint32, "number")
	return uint32(v), err
}

// NzNumber reads an nz-number: digit-nz *DIGIT within 32 bits.
func (d *Decoder) NzNumber() (uint32, error) {
	if c := d.Peek(); c == '0' {
		return 0, d.errorf("expected non-zero number")
	}
	return d.Number()
}

// Number64 reads a number64: 1*DIGIT up to 2^63-1 (RFC 9051 §9).
func (d *Decoder) Number64() (uint64, error) {
	return d.digits(math.MaxInt64, "number")
}

// NzNumber64 reads an nz-number64.
func (d *Decoder) NzNumber64() (uint64, error) {
	if c := d.Peek(); c == '0' {
		return 0, d.errorf("expected non-zero number")
	}
	return d.Number64()
}
