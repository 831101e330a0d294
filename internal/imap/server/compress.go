package server

import (
	"compress/flate"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/corvusmail/corvus/internal/imap/wire"
	"github.com/corvusmail/corvus/internal/inflate"
)

func init() {
	register(func(r *registry) {
		r.capPost("COMPRESS=DEFLATE")
		r.add("COMPRESS", authed, (*Session).cmdCompress)
	})
}

// codeCompressionActive is RFC 4978 §3's response code.
const codeCompressionActive imap.ResponseCode = "COMPRESSIONACTIVE"

// cmdCompress: RFC 4978. After the tagged OK both directions are raw
// DEFLATE (RFC 1951) streams. Offered after login only, as Cyrus does.
//
// Client to server, internal/inflate decodes: it hands out a command as
// soon as its bytes have arrived, whichever zlib flush the client ends
// it with (mbsync uses Z_PARTIAL_FLUSH, which compress/flate's reader
// does not answer until the client's next command). Server to client,
// compress/flate's writer sync-flushes every write (RFC 4978 §4). The
// telemetry tap reads from the inflater and the writer's observer sees
// responses before the deflater, so the log holds the protocol
// uncompressed.
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
	// About 0.8 MB, compress/flate's writer state at any level.
	fw, err := flate.NewWriter(s.conn, flate.DefaultCompression)
	if err != nil {
		return fmt.Errorf("compress: %w", err)
	}
	s.w.Status(cmd.Tag, imap.StatusResponseTypeOK, noCode, "DEFLATE active")
	if err := s.w.Flush(); err != nil {
		return err
	}
	s.deflate = true
	// Nothing may follow COMPRESS before the OK (RFC 4978 §3), so what
	// the reader holds is dropped as after STARTTLS.
	s.tap.src = inflate.NewReader(s.conn)
	s.r.Reset(s.tap)
	s.w.Reset(s.guardWrites(flushingWriter{fw}))
	return errAnswered
}

// Compressed reports whether COMPRESS=DEFLATE is on. Such a session
// cannot be hibernated: the DEFLATE state of both directions (windows,
// pending bits) lives in this process and cannot travel with the socket.
func (s *Session) Compressed() bool { return s.deflate }

// flushingWriter sends each write as complete DEFLATE blocks ending in a
// sync flush (RFC 4978 §4), so the client can decode every response as
// soon as it arrives. The response writer writes once per flushed batch.
type flushingWriter struct{ fw *flate.Writer }

func (w flushingWriter) Write(p []byte) (int, error) {
	n, err := w.fw.Write(p)
	if err == nil {
		err = w.fw.Flush()
	}
	return n, err
}

var _ io.Writer = flushingWriter{}
