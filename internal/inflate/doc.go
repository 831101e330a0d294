// Package inflate decodes raw DEFLATE streams (RFC 1951) incrementally:
// a Read returns every byte that the input received so far can be
// decoded to, and asks the source for more only when nothing more can be
// decoded and nothing decoded is waiting.
//
// Go's compress/flate Reader hands out data only when its window flushes
// or a stored or final block arrives, so a peer that ends each message
// with zlib's Z_PARTIAL_FLUSH (an empty fixed-Huffman block, as mbsync
// does under IMAP COMPRESS=DEFLATE, RFC 4978) is never answered: the
// decoder waits on the socket for bits the peer will only send after it
// got its answer. This decoder makes every step (a block header with its
// code tables, one literal, one length/distance pair, a run of stored
// bytes) atomic: lacking input it rolls back to the step's start, hands
// out what it has, and only then reads.
//
// Memory per stream is fixed and allocated once by NewReader: the 32 KiB
// window, a 4 KiB input buffer and three Huffman tables of about 1.6 KiB
// each, some 42 KiB in one allocation (see TestReaderSize).
package inflate
