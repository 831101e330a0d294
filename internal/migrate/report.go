package migrate

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// UserReport is what one user's migration did (or, in a dry run, would
// do). Counts are of the source's mailboxes and messages.
type UserReport struct {
	User      string
	Mailboxes int // mailboxes of the personal namespace seen
	Created   int // new in the target
	Recopied  int // replaced because the source UIDVALIDITY changed
	Unchanged int // skipped: nothing changed on either side
	Copied    int // messages copied
	Flags     int // messages whose flags were changed
	Expunged  int // messages removed because the source no longer has them
	Skipped   int // messages that cannot be copied (their UID is below the target's UIDNEXT)
	ACL       int // ACL entries set or removed
	Subs      int // subscriptions added or removed
	Quota     bool
	Bytes     int64
	Duration  time.Duration
	Warnings  []string
	Errors    []string
}

// Failed reports whether something of the user could not be migrated.
func (r *UserReport) Failed() bool { return len(r.Errors) > 0 }

// Errorf notes an error; the migration of the user goes on where it can.
func (r *UserReport) Errorf(format string, args ...any) {
	r.Errors = append(r.Errors, fmt.Sprintf(format, args...))
}

// Warnf notes something the admin should know that lost no mail.
func (r *UserReport) Warnf(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}

// Line is the report's summary line of the user: key=value pairs, so
// that scripts can read it as easily as admins.
func (r *UserReport) Line() string {
	quota := "kept"
	if r.Quota {
		quota = "set"
	}
	status := "ok"
	if r.Failed() {
		status = "FAILED"
	}
	return fmt.Sprintf("%s: %s mailboxes=%d created=%d recopied=%d unchanged=%d copied=%d flags=%d expunged=%d skipped=%d acl=%d subscriptions=%d quota=%s bytes=%d time=%s",
		r.User, status, r.Mailboxes, r.Created, r.Recopied, r.Unchanged, r.Copied, r.Flags, r.Expunged,
		r.Skipped, r.ACL, r.Subs, quota, r.Bytes, r.Duration.Round(time.Millisecond))
}

// Write prints the user's warnings, errors and summary line.
func (r *UserReport) Write(w io.Writer) {
	for _, m := range r.Warnings {
		fmt.Fprintf(w, "%s: warning: %s\n", r.User, m)
	}
	for _, m := range r.Errors {
		fmt.Fprintf(w, "%s: error: %s\n", r.User, m)
	}
	fmt.Fprintln(w, r.Line())
}

// Report is the whole run.
type Report struct {
	DryRun bool
	Users  []*UserReport
	Time   time.Duration
}

// Failed counts the users with errors.
func (r *Report) Failed() int {
	n := 0
	for _, u := range r.Users {
		if u.Failed() {
			n++
		}
	}
	return n
}

// Total is the sum line: users, messages and the copy rate.
func (r *Report) Total() string {
	var copied, flags, expunged int
	var bytes int64
	for _, u := range r.Users {
		copied += u.Copied
		flags += u.Flags
		expunged += u.Expunged
		bytes += u.Bytes
	}
	rate := 0.0
	if s := r.Time.Seconds(); s > 0 {
		rate = float64(copied) / s
	}
	var b strings.Builder
	if r.DryRun {
		b.WriteString("dry run, nothing changed: ")
	}
	fmt.Fprintf(&b, "total: users=%d failed=%d copied=%d flags=%d expunged=%d bytes=%d time=%s rate=%.1f msg/s",
		len(r.Users), r.Failed(), copied, flags, expunged, bytes, r.Time.Round(time.Millisecond), rate)
	return b.String()
}
