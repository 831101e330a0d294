package idle

import (
	"sync"
	"time"
)

// registry is idled's table of watches: which peer (a watcher's socket
// address) wants Wakes for which mailbox, and when it last said so. It is
// bounded by limit entries and safe for concurrent use, so that a second
// handler (hibernation) can share it with the datagram loop.
type registry struct {
	mu     sync.Mutex
	limit  int
	n      int
	byKey  map[watchKey]map[string]time.Time // peer → last Watch
	byPeer map[string]map[watchKey]struct{}
}

func newRegistry(limit int) *registry {
	return &registry{
		limit:  limit,
		byKey:  map[watchKey]map[string]time.Time{},
		byPeer: map[string]map[watchKey]struct{}{},
	}
}

// watch records or refreshes peer's watch of k. It reports false when the
// watch is new and the table is full: a refresh is always taken.
func (r *registry) watch(k watchKey, peer string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	peers := r.byKey[k]
	if _, ok := peers[peer]; ok {
		peers[peer] = now
		return true
	}
	if r.n >= r.limit {
		return false
	}
	if peers == nil {
		peers = map[string]time.Time{}
		r.byKey[k] = peers
	}
	peers[peer] = now
	keys := r.byPeer[peer]
	if keys == nil {
		keys = map[watchKey]struct{}{}
		r.byPeer[peer] = keys
	}
	keys[k] = struct{}{}
	r.n++
	return true
}

// unwatch forgets peer's watch of k, if any.
func (r *registry) unwatch(k watchKey, peer string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.removeLocked(k, peer)
}

func (r *registry) removeLocked(k watchKey, peer string) {
	peers := r.byKey[k]
	if _, ok := peers[peer]; !ok {
		return
	}
	delete(peers, peer)
	if len(peers) == 0 {
		delete(r.byKey, k)
	}
	keys := r.byPeer[peer]
	delete(keys, k)
	if len(keys) == 0 {
		delete(r.byPeer, peer)
	}
	r.n--
}

// peers returns who watches k.
func (r *registry) peers(k watchKey) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.byKey[k]))
	for p := range r.byKey[k] {
		out = append(out, p)
	}
	return out
}

// dropPeer forgets every watch of peer (its socket is gone) and returns
// how many there were.
func (r *registry) dropPeer(peer string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	keys := r.byPeer[peer]
	n := len(keys)
	for k := range keys {
		r.removeLocked(k, peer)
	}
	return n
}

// expire forgets the watches last refreshed before cutoff and returns how
// many it dropped.
func (r *registry) expire(cutoff time.Time) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	dropped := 0
	for k, peers := range r.byKey {
		for p, seen := range peers {
			if seen.Before(cutoff) {
				r.removeLocked(k, p)
				dropped++
			}
		}
	}
	return dropped
}

// count returns the number of watches.
func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}
