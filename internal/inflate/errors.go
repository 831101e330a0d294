package inflate

import (
	"errors"
	"fmt"
)

// ErrCorrupt is wrapped by every error for input that is not a valid
// DEFLATE stream; the message says what was wrong and where.
var ErrCorrupt = errors.New("inflate: corrupt input")

// corrupt makes the Reader's error sticky: nothing after a corrupt spot
// can be trusted.
func (z *Reader) corrupt(format string, args ...any) {
	z.err = fmt.Errorf("%w: %s (input byte %d, output byte %d)",
		ErrCorrupt, fmt.Sprintf(format, args...), z.in.offset(), z.win.wr)
}
