package master

import "time"

// staleAfter is how long a worker told to exit after a reload may keep
// its client before the janitor warns about it (Cyrus's janitor does the
// same for children that have not recycled).
const staleAfter = 5 * time.Minute

// janitor sweeps the child table (every -j seconds).
func (m *Master) janitor() {
	now := time.Now()
	for _, c := range m.children {
		if c.retiring && !c.warnedStale && now.Sub(c.retiredAt) > staleAfter {
			c.warnedStale = true
			m.log.Warn().Str("service", c.name).Int("child", c.pid).Dur("since", now.Sub(c.retiredAt).Round(time.Second)).Msg("worker still serving its client long after a reload")
		}
	}
}
