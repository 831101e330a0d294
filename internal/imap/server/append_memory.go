package server

import (
	"bytes"

	"github.com/corvusmail/corvus/internal/imap/wire"
)

// APPEND literals up to appendInMemory octets are read into memory
// instead of a temporary file. Creating, unlinking, mapping and closing
// that file took ten system calls and a tenth of a small APPEND's CPU;
// a typical message (a few KB) needs none of it. The whole command stays
// within appendMemoryBudget, half the reader's command limit, so the
// reader never refuses an APPEND for holding it in memory.
const (
	appendInMemory     = 64 << 10
	appendMemoryBudget = wire.DefaultMaxCommand / 2
)

// keepInMemory reports whether the literal info announces may be read
// into memory: small, within the command's budget, and not part of a
// CATENATE (whose URL parts are read back from their spool files).
func keepInMemory(info wire.LiteralInfo) bool {
	if info.Size > appendInMemory {
		return false
	}
	cmd := info.Command
	if bytes.Contains(bytes.ToUpper(cmd.Text()), []byte("CATENATE")) {
		return false
	}
	held := int64(len(cmd.Text()))
	for _, l := range cmd.Literals() {
		held += int64(len(l.Data))
	}
	return held+info.Size <= appendMemoryBudget
}
