package server

import (
	"github.com/corvusmail/corvus/internal/mime"
)

// structure decodes a stored structure blob, parsing raw afresh only if
// the blob is missing or unreadable (a message stored by an older
// version).
func structure(blob []byte, raw func() ([]byte, error)) (*mime.Structure, error) {
	st := new(mime.Structure)
	if len(blob) > 0 && st.UnmarshalBinary(blob) == nil {
		return st, nil
	}
	b, err := raw()
	if err != nil {
		return nil, err
	}
	return mime.Parse(b), nil
}
