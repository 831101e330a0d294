package server

import (
	"compress/flate"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

func init() {
	register(func(r *registry) {
		r.capPost("COMPRESS=DEFLATE")
		r.add("COMPRESS", authed, (*Session).cmdCompress)
	})
}

// codeCompressionActive is RFC 4978 §3's response code.
const codeCompressionActive imap.ResponseCode = "COMPRESSIONACTIVE"

// cmdCompress: RFC 4978. After the tagged OK, both directions are raw
// DEFLATE (RFC 1951) streams; the server flushes its stream after every
// response, so the client never waits on buffered output. Offered after
// login only, as Cyrus does. Telemetry sits inside the compression and
// records the protocol uncompressed.
func (s *Session) cmdCompress(cmd *wire.Command) error {
	d := cmd.Decoder()
	if err := d.SP(); err != nil {
		return err
	}
	mech, err := d.Atom()
	if err != nil {
		return err
	}
	if err := d.End(); err != nil {
		return err
	}
	if !strings.EqualFold(mech, "DEFLATE") {
		return bad("Unknown compression mechanism " + mech)
	}
	if s.deflate {
		return no(codeCompressionActive, "DEFLATE active")
	}
	s.w.Status(cmd.Tag, imap.StatusResponseTypeOK, noCode, "DEFLATE active")
	if err := s.w.Flush(); err != nil {
		return err
	}
	fw, err := flate.NewWriter(s.conn, flate.DefaultCompression)
	if err != nil {
		return fmt.Errorf("compress: %w", err)
	}
	s.deflate = true
	s.tap.src = flate.NewReader(s.conn)
	s.r.Reset(s.tap)
	s.w.Reset(flushingWriter{fw})
	return errAnswered
}

// flushingWriter sends each write as a complete DEFLATE block (a sync
// flush, RFC 4978 §4), so the peer can decode every response as soon as
// it arrives. The response writer writes once per flushed batch.
type flushingWriter struct{ fw *flate.Writer }

func (w flushingWriter) Write(p []byte) (int, error) {
	n, err := w.fw.Write(p)
	if err == nil {
		err = w.fw.Flush()
	}
	return n, err
}

var _ io.Writer = flushingWriter{}
