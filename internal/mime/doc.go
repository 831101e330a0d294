// Package mime parses a message once, at delivery, into a Structure that
// answers every later FETCH and SEARCH without parsing the message again.
//
// Parse reads RFC 5322 and MIME (RFC 2045-2047, RFC 2231) leniently: it
// never fails, because IMAP must serve whatever was delivered. The
// Structure it returns holds byte offsets into the raw message (no copy of
// the body), the MIME fields of every part, line counts, and the envelope
// of every message in it, as the header text. The store keeps it as an opaque blob
// (MarshalBinary, UnmarshalBinary) next to the message file, and the IMAP
// server asks it for
//
//   - ENVELOPE and BODY/BODYSTRUCTURE (RFC 9051 §7.5.2) in go-imap's imap
//     types: Envelope (header text, as RFC 3501 §7.4.2), EnvelopeDate,
//     BodyStructure, ContentMD5;
//   - BODY[section] and BINARY[part] bytes, given the raw message again:
//     Section, Binary, BinarySize, ApplyPartial;
//   - what SEARCH, SORT and THREAD need: Summary and DecodedEnvelope (to
//     index), HeaderValues,
//     HeaderText, BodyText, SubjectBase.
//
// Part numbers follow RFC 9051 §6.4.5 throughout, including the rule that
// a non-multipart message has a part 1 and that numbers below a
// message/rfc822 part continue into the encapsulated message.
//
// The zero Structure is not usable; get one from Parse or UnmarshalBinary.
package mime
