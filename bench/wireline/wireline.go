// Package wireline reads the lines of the text protocols the benchmarks'
// own clients speak (IMAP, LMTP), bounded so that a confused server cannot
// make a client buffer without end, and shortens them for error messages.
package wireline

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Read reads one CRLF-terminated line of at most max bytes, its end
// included, and returns it without its end. A bare LF is taken as a line end too: being lenient
// costs a benchmark nothing. A connection closed between lines gives
// io.EOF itself; one closed inside a line gives io.ErrUnexpectedEOF.
func Read(br *bufio.Reader, max int) (string, error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		b = append(b, chunk...)
		if len(b) > max {
			return "", fmt.Errorf("line over %d bytes", max)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				if len(b) == 0 {
					return "", io.EOF
				}
				return "", fmt.Errorf("read line: %w", io.ErrUnexpectedEOF)
			}
			return "", fmt.Errorf("read line: %w", err)
		}
		return strings.TrimSuffix(string(b[:len(b)-1]), "\r"), nil
	}
}

// Short is s cut to 120 bytes, for quoting a server's line in an error.
func Short(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
