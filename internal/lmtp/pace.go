package lmtp

import "time"

// Read deadlines against slow clients ("slowloris"). RFC 5321 §4.5.3.2
// asks a server to wait at least 5 minutes for the next command, which
// Cyrus's lmtpd does for every read; a client that sends one octet every
// few minutes then holds an lmtpd for ever. Corvus keeps the 5 minutes
// between commands (Options.Timeout) and adds, with
// lmtp_command_timeout (Options.CommandTimeout):
//   - once the first octet of a command line (or of an AUTH response)
//     has arrived, the line must be complete within it;
//   - message data (DATA, a BDAT chunk) must bring dataMinProgress
//     octets, or its end, in every such period. RFC 5321's 3 minutes per
//     data block are the client's patience with a slow server; this bound
//     is ours with a slow client.
//
// On expiry the client gets 421 4.4.2 and the connection ends.

// dataMinProgress is the least message data must bring per
// CommandTimeout: about 270 octets a second at the default.
const dataMinProgress = 16 << 10

// pacePhase is what the session waits for from the client.
type pacePhase uint8

const (
	paceCommand pacePhase = iota // the next command: none of it yet
	paceLine                     // a command line has begun
	paceData                     // message data
)

// pace computes the read deadline of each read. It is used by the
// session's goroutine only (netConn.Read and the session's hooks).
type pace struct {
	now func() time.Time
	// idle is Options.Timeout, line Options.CommandTimeout (0: off).
	idle, line time.Duration

	phase pacePhase
	start time.Time // paceLine: the first octet; paceData: the window's start
	got   int64     // paceData: octets in the window
	limit pacePhase // the phase whose deadline was last set
}

// command is called before a command line or an AUTH response is read;
// buffered is what the reader holds already: if anything, the line has
// begun.
func (p *pace) command(buffered int) {
	p.phase = paceCommand
	if buffered > 0 {
		p.phase, p.start = paceLine, p.now()
	}
}

// data is called before message data is read.
func (p *pace) data() {
	p.phase, p.start, p.got = paceData, p.now(), 0
}

// deadline is the deadline for the next read.
func (p *pace) deadline() time.Time {
	if p.line <= 0 || p.phase == paceCommand {
		p.limit = paceCommand
		return p.now().Add(p.idle)
	}
	p.limit = p.phase
	return p.start.Add(p.line)
}

// read counts the octets a read brought.
func (p *pace) read(n int) {
	if n <= 0 {
		return
	}
	switch p.phase {
	case paceCommand:
		p.phase, p.start = paceLine, p.now()
	case paceData:
		if p.got += int64(n); p.got >= dataMinProgress {
			p.start, p.got = p.now(), 0
		}
	}
}

// reason is the text of the 421 for a read that ran into the deadline.
func (p *pace) reason() string {
	switch p.limit {
	case paceLine:
		return "Command line timed out"
	case paceData:
		return "Message data timed out"
	}
	return "Connection timed out"
}

// timedOut tells a client whose read ran into its deadline why the
// connection ends; a slow one (not merely idle) is worth a warning.
func (s *session) timedOut() {
	if s.nc.pace.limit != paceCommand {
		s.log.Warn().Str("reason", s.nc.pace.reason()).Msg("slow client disconnected")
	} else {
		s.log.Info().Msg("client timed out")
	}
	s.reply(421, "4.4.2", s.opt.ServerName+" "+s.nc.pace.reason())
}
