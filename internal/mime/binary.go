package mime

import (
	"errors"
	"fmt"
)

// ErrUnknownCTE means a part's Content-Transfer-Encoding is one this
// package cannot remove; RFC 3516 §4.3 has the server answer NO with the
// UNKNOWN-CTE response code.
var ErrUnknownCTE = errors.New("mime: unknown content-transfer-encoding")

// Binary returns BINARY[part] (RFC 3516, RFC 9051 §6.4.5): the part's
// content with its Content-Transfer-Encoding removed. base64 and
// quoted-printable are decoded leniently (see decodeBase64, decodeQP);
// 7bit, 8bit and binary are returned as stored. An empty part means the
// whole message, and a multipart or message/rfc822 part its body as
// stored, since RFC 2045 §6.4 allows them no encoding. Any other encoding
// gives ErrUnknownCTE. Partial ranges are applied by the caller with
// ApplyPartial. The result may alias raw.
func (s *Structure) Binary(raw []byte, part []int) ([]byte, error) {
	e, err := s.binaryPart(raw, part)
	if err != nil {
		return nil, err
	}
	if len(part) == 0 {
		return raw, nil
	}
	body := raw[e.bodyStart:e.end]
	if e.isMultipart() || e.isMessage() {
		return body, nil
	}
	switch e.enc {
	case "", "7bit", "8bit", "binary":
		return body, nil
	case "base64":
		return decodeBase64(body), nil
	case "quoted-printable":
		return decodeQP(body), nil
	}
	return nil, fmt.Errorf("part %s: %q: %w", partString(part), e.enc, ErrUnknownCTE)
}

// BinarySize returns the length of Binary(raw, part), for BINARY.SIZE;
// for base64 it counts without decoding.
func (s *Structure) BinarySize(raw []byte, part []int) (int64, error) {
	e, err := s.binaryPart(raw, part)
	if err != nil {
		return 0, err
	}
	if len(part) > 0 && e.enc == "base64" && !e.isMultipart() && !e.isMessage() {
		return base64DecodedLen(raw[e.bodyStart:e.end]), nil
	}
	b, err := s.Binary(raw, part)
	return int64(len(b)), err
}

func (s *Structure) binaryPart(raw []byte, part []int) (*entity, error) {
	if int64(len(raw)) != s.size {
		return nil, ErrSizeMismatch
	}
	return s.part(part)
}
