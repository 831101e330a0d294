package service

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// runDebugCommand runs imapd.conf's debug_command for -D, as Cyrus does
// before service_init: the command is a printf-style format given the
// program name, the pid and the service name, run through /bin/sh, and the
// worker waits for it (it typically attaches a debugger in the background).
func runDebugCommand(w *Worker) {
	format := w.Config.String("debug_command")
	if format == "" {
		w.Log.Warn().Msg("-D given but debug_command is not set")
		return
	}
	cmdline := formatDebugCommand(format, w.Prog, strconv.Itoa(w.pid), w.Service)
	w.Log.Info().Str("command", cmdline).Msg("running external debugger")
	cmd := exec.Command("/bin/sh", "-c", cmdline)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	err := cmd.Run()
	w.Log.Info().Err(err).Int("status", cmd.ProcessState.ExitCode()).Msg("debugger returned")
}

// formatDebugCommand expands format the way C's printf would for the
// arguments Cyrus passes: each %s, %d, %i or %u takes the next argument in
// order (as text), %% is a percent sign, and anything else, including a
// conversion with no argument left, is kept as written.
func formatDebugCommand(format string, args ...string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		switch verb := format[i+1]; {
		case verb == '%':
			b.WriteByte('%')
			i++
		case strings.IndexByte("sdiu", verb) >= 0 && len(args) > 0:
			b.WriteString(args[0])
			args = args[1:]
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
