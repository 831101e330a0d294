package idle

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// validateKick: a Kick names a user (or "*") and nothing else.
func (m Message) validateKick() error {
	if m.MailboxID != "" || m.ModSeq != 0 {
		return fmt.Errorf("%w: kick carries no mailbox or modseq", ErrMalformed)
	}
	if err := checkUser(m.User); err != nil {
		return fmt.Errorf("%w: user: %v", ErrMalformed, err)
	}
	return nil
}

// kick hands a Kick to OnKick.
func (d *Daemon) kick(m Message, peer string) {
	d.log.Info().Str("user", m.User).Int32("pid", m.PID).Str("from", peer).Msg("kick")
	if d.OnKick != nil {
		d.OnKick(m.User)
	}
}

// SendKick asks the idled at socket (idlesocket) to end the hibernated
// sessions of user ("*": all). Like every datagram here it is not
// acknowledged: cyr_kick sees the result in idled's proc file.
func SendKick(ctx context.Context, socket, user string) error {
	b, err := Message{Type: Kick, PID: int32(os.Getpid()), User: user}.Encode()
	if err != nil {
		return err
	}
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("kick: socket: %w", err)
	}
	defer unix.Close(fd)
	if err := sendBounded(ctx, SendBudget*20, func() error { return sendNow(fd, b, socket) }); err != nil {
		return fmt.Errorf("kick via %s: %w", socket, err)
	}
	return nil
}
