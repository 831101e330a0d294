package lmtp

import (
	"strings"

	"github.com/corvusmail/corvus/internal/telemetry"
)

// maxTxRecord bounds what is kept of a transaction's traffic before the
// first recipient with telemetry is known (MAIL and RCPT lines): replayed
// into that recipient's log when it is opened.
const maxTxRecord = 64 << 10

// tap writes the session's traffic to telemetry logs, in imapd's format:
//
//   - as Cyrus's lmtpd, the log of the authenticated client identity (the
//     AUTH identity, or the peer of a pre-authorised unix socket), for the
//     whole session;
//   - beyond Cyrus, for each recipient whose user has telemetry on, the
//     transaction that delivered to them, from MAIL to the replies after
//     the message, so one user's mail can be followed from delivery to
//     IMAP.
//
// Reads are logged as they arrive (a chunk may hold several pipelined
// commands), writes as they are flushed. SASL payloads are masked.
type tap struct {
	sess   *session
	client *telemetry.Log
	rcpts  map[string]*telemetry.Log // by user, for the transaction
	record []chunk                   // the transaction so far, while recording
	size   int
	last   []byte // the last input chunk: it holds the MAIL line
	inSASL bool   // an AUTH exchange reads continuation lines
}

type chunk struct {
	in   bool
	data []byte
}

// on reports whether the tap has anything to do.
func (t *tap) on() bool { return t.sess.opt.ConfigDir != "" }

// input logs a chunk read from the client.
func (t *tap) input(p []byte) {
	spans := t.spans(p)
	if t.client != nil {
		t.client.InputMasked(p, spans)
	}
	for _, l := range t.rcpts {
		l.InputMasked(p, spans)
	}
	masked := telemetry.Mask(p, spans)
	t.last = append(t.last[:0], masked...)
	if t.record != nil {
		t.keep(chunk{true, append([]byte(nil), masked...)})
	}
}

// output logs a chunk flushed to the client.
func (t *tap) output(p []byte) {
	if t.client != nil {
		t.client.Output(p)
	}
	for _, l := range t.rcpts {
		l.Output(p)
	}
	if t.record != nil {
		t.keep(chunk{false, append([]byte(nil), p...)})
	}
}

func (t *tap) keep(c chunk) {
	if t.size+len(c.data) > maxTxRecord {
		return
	}
	t.size += len(c.data)
	t.record = append(t.record, c)
}

// spans finds the SASL data in an input chunk: every line during an AUTH
// exchange, else the initial response of AUTH command lines.
func (t *tap) spans(p []byte) [][2]int {
	if t.inSASL {
		return telemetry.SASLSpans(p)
	}
	var out [][2]int
	for pos := 0; pos < len(p); {
		end := pos
		for end < len(p) && p[end] != '\n' {
			end++
		}
		line := p[pos:end]
		if len(line) > 5 && strings.EqualFold(string(line[:5]), "AUTH ") {
			for _, sp := range telemetry.SASLSpans(line) {
				out = append(out, [2]int{sp[0] + pos, sp[1] + pos})
			}
		}
		pos = end + 1
	}
	return out
}

// openClient starts the client identity's log (after AUTH, or at the start
// for a pre-authorised peer).
func (t *tap) openClient(user string) {
	if !t.on() || user == "" || t.client != nil {
		return
	}
	t.client = t.open(user)
}

// beginTx starts recording a transaction: MAIL was accepted.
func (t *tap) beginTx() {
	if !t.on() {
		return
	}
	t.record, t.size = []chunk{}, 0
	t.keep(chunk{true, append([]byte(nil), t.last...)})
}

// recipient opens user's log for this transaction, if telemetry is on
// for them, and replays the transaction so far into it.
func (t *tap) recipient(user string) {
	if !t.on() || user == "" || t.record == nil || t.rcpts[user] != nil || !telemetry.Enabled(t.sess.opt.ConfigDir, user) {
		return
	}
	l := t.open(user)
	if l == nil {
		return
	}
	for _, c := range t.record {
		if c.in {
			l.Input(c.data)
		} else {
			l.Output(c.data)
		}
	}
	if t.rcpts == nil {
		t.rcpts = map[string]*telemetry.Log{}
	}
	t.rcpts[user] = l
}

// endTx ends the transaction: its replies are flushed so they reach the
// recipients' logs, which are then closed.
func (t *tap) endTx() {
	if len(t.rcpts) > 0 {
		_ = t.sess.w.Flush()
		for u, l := range t.rcpts {
			l.Close(false)
			delete(t.rcpts, u)
		}
	}
	t.record, t.size = nil, 0
}

// close ends every log (session end).
func (t *tap) close() {
	t.endTx()
	if t.client != nil {
		t.client.Close(true)
		t.client = nil
	}
}

func (t *tap) open(user string) *telemetry.Log {
	o := t.sess.opt
	l, err := telemetry.Open(o.ConfigDir, user, o.Ident, telemetry.ID(o.TelemetryBySessionID, t.sess.id))
	if err != nil {
		t.sess.log.Warn().Err(err).Str("telemetry_user", user).Msg("telemetry log not opened")
		return nil
	}
	return l
}
