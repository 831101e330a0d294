package telemetry

import (
	"fmt"
	"strconv"
)

// ctimeLayout is ctime(3)'s format, newline included, as Cyrus's header.
const ctimeLayout = "Mon Jan _2 15:04:05 2006\n"

// maxKeptBuffer bounds the buffer a Log keeps between chunks, so one large
// APPEND does not pin its size for the rest of the session.
const maxKeptBuffer = 64 << 10

// Input logs a buffer read from the client, after "<TIMESTAMP<".
func (l *Log) Input(p []byte) { l.chunk('<', p, nil) }

// InputMasked logs a buffer read from the client with each byte range
// spans[i] = [start, end) replaced by Placeholder. Ranges are clipped to p;
// overlapping or touching ranges become one Placeholder.
func (l *Log) InputMasked(p []byte, spans [][2]int) { l.chunk('<', p, spans) }

// Output logs a buffer flushed to the client, after ">TIMESTAMP>".
func (l *Log) Output(p []byte) { l.chunk('>', p, nil) }

// chunk writes one marker and its data with a single write(2): with
// O_APPEND, two processes logging to the same file (a hand-over) cannot
// interleave inside a chunk, and the mutex orders this process's goroutines.
func (l *Log) chunk(dir byte, p []byte, spans [][2]int) {
	if l == nil || len(p) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return
	}
	b := append(l.buf[:0], dir)
	b = strconv.AppendInt(b, l.clock().Unix(), 10)
	b = append(b, dir)
	b = appendMasked(b, p, spans)
	l.write(b)
}

// line writes "---------- <text> <ctime>", the shape of Cyrus's header.
func (l *Log) line(text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lineLocked(text)
}

// lineLocked is line with l.mu held.
func (l *Log) lineLocked(text string) {
	b := append(l.buf[:0], "---------- "...)
	b = append(b, text...)
	b = append(b, ' ')
	b = l.clock().AppendFormat(b, ctimeLayout)
	l.write(b)
}

// write writes b, keeps the first error for Close, and keeps b's storage
// for the next chunk unless it grew large.
func (l *Log) write(b []byte) {
	if _, err := l.f.Write(b); err != nil && l.werr == nil {
		l.werr = fmt.Errorf("write telemetry %s: %w", l.path, err)
	}
	if cap(b) <= maxKeptBuffer {
		l.buf = b[:0]
	} else {
		l.buf = nil
	}
}
