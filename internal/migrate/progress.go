package migrate

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress shows how far the copy is: on a terminal one line redrawn in
// place with a bar for the mailbox being copied, elsewhere (a log, cron's
// mail) a plain line at most every Every. The copy calls its methods; a
// goroutine of its own draws, and Stop waits for it.
type Progress struct {
	w     io.Writer
	tty   bool
	every time.Duration

	mu        sync.Mutex
	user      string
	users     int // users done
	allUsers  int
	box       string
	boxDone   int
	boxTotal  int
	copied    int
	bytes     int64
	start     time.Time
	lastPrint time.Time
	drawn     bool

	stop chan struct{}
	done chan struct{}
}

// NewProgress starts a progress display for allUsers users on w; nil w
// shows nothing.
func NewProgress(w io.Writer, tty bool, every time.Duration, allUsers int) *Progress {
	p := &Progress{w: w, tty: tty, every: every, allUsers: allUsers, start: time.Now(),
		stop: make(chan struct{}), done: make(chan struct{})}
	p.lastPrint = p.start
	tick := every
	if tty {
		tick = 200 * time.Millisecond
	}
	go p.loop(tick)
	return p
}

func (p *Progress) loop(tick time.Duration) {
	defer close(p.done)
	if p.w == nil {
		<-p.stop
		return
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			p.clear()
			return
		case now := <-t.C:
			p.draw(now)
		}
	}
}

// Mailbox says which mailbox is being copied and how many messages it
// has to copy.
func (p *Progress) Mailbox(user, box string, total int) {
	p.mu.Lock()
	p.user, p.box, p.boxDone, p.boxTotal = user, box, 0, total
	p.mu.Unlock()
}

// Copied counts messages copied.
func (p *Progress) Copied(n int, bytes int64) {
	p.mu.Lock()
	p.boxDone += n
	p.copied += n
	p.bytes += bytes
	p.mu.Unlock()
}

// UserDone counts a user finished.
func (p *Progress) UserDone() {
	p.mu.Lock()
	p.users++
	p.mu.Unlock()
}

// Stop ends the display and waits for its goroutine; the terminal line
// is cleared so that the report starts on a clean line.
func (p *Progress) Stop() {
	close(p.stop)
	<-p.done
}

func (p *Progress) draw(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.tty {
		if now.Sub(p.lastPrint) < p.every {
			return
		}
		p.lastPrint = now
		fmt.Fprintln(p.w, p.lineLocked(now))
		return
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", p.barLocked(now))
	p.drawn = true
}

func (p *Progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// lineLocked is the plain progress line.
func (p *Progress) lineLocked(now time.Time) string {
	return fmt.Sprintf("progress: users %d/%d, %s %s %d/%d, %d messages copied (%s), %.1f msg/s",
		p.users, p.allUsers, p.user, p.box, p.boxDone, p.boxTotal, p.copied, sizeString(p.bytes), p.rate(now))
}

// barLocked is the terminal line: a bar of the current mailbox.
func (p *Progress) barLocked(now time.Time) string {
	const width = 24
	fill := 0
	if p.boxTotal > 0 {
		fill = min(width, p.boxDone*width/p.boxTotal)
	}
	bar := strings.Repeat("#", fill) + strings.Repeat(".", width-fill)
	return fmt.Sprintf("[%s] %d/%d %s %s | user %d/%d | %d msgs %s %.0f msg/s",
		bar, p.boxDone, p.boxTotal, p.user, p.box, p.users+1, p.allUsers, p.copied, sizeString(p.bytes), p.rate(now))
}

func (p *Progress) rate(now time.Time) float64 {
	if s := now.Sub(p.start).Seconds(); s > 0 {
		return float64(p.copied) / s
	}
	return 0
}

// sizeString is a byte count for people.
func sizeString(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
