package sandbox

import (
	"slices"
	"sync"
	"time"
)

// What the deliverer is told, so that it leases what its process's
// commits wrote, and its own retries as they come due, by their keys (a
// look-up in the primary key), and looks through every due delivery
// only when it must: at start, on a replay, and at scanPace for what
// the others left (on PostgreSQL, what the processes that do not deliver
// committed; an event that waited behind one being sent). Scanning on
// every commit cost two processes on one PostgreSQL 875 scans of 1.4 ms
// per 1,000 onboardings (bench/RESULTS.md, "webhooks on two processes").

// freshMax bounds the committed deliveries the deliverer is told of and
// has not leased yet; past it, it is told to look through them all.
const freshMax = 4096

// hookNews is what one transaction tells the deliverer and the metrics
// once it commits.
type hookNews struct {
	types []string // each event's type, counted by the metrics
	seqs  []int64  // each event's seq: the deliverer leases these first
	scan  bool     // deliveries were made due again (a replay)
}

// any reports whether the deliverer or the metrics have anything to hear.
func (n hookNews) any() bool { return len(n.types) > 0 || len(n.seqs) > 0 || n.scan }

// fresh holds what commits told the deliverer until it takes it.
type fresh struct {
	mu   sync.Mutex
	seqs []int64
	scan bool
}

// add keeps n's events for the deliverer.
func (f *fresh) add(n hookNews) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scan = f.scan || n.scan
	if len(f.seqs)+len(n.seqs) > freshMax {
		f.seqs, f.scan = f.seqs[:0], true
		return
	}
	f.seqs = append(f.seqs, n.seqs...)
}

// take returns up to max of the kept seqs, oldest first, and whether a
// scan was asked for since the last take.
func (f *fresh) take(max int) (seqs []int64, scan bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := min(max, len(f.seqs))
	seqs = append([]int64(nil), f.seqs[:n]...)
	f.seqs = append(f.seqs[:0], f.seqs[n:]...)
	scan, f.scan = f.scan, false
	return seqs, scan
}

// waiting reports whether seqs are kept that no round has taken yet.
func (f *fresh) waiting() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.seqs) > 0
}

// retries are this process's failed deliveries that will be tried
// again, by event seq and when, so that the deliverer leases each by its
// key when it comes due rather than looking through them all.
type retries struct {
	mu  sync.Mutex
	due []retry
}

// retry is one failed delivery's next attempt.
type retry struct {
	seq int64
	at  time.Time
}

// note remembers that event seq's delivery is tried again at t. Past
// freshMax of them, the scan finds the rest.
func (r *retries) note(seq int64, t time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.due) < freshMax {
		r.due = append(r.due, retry{seq, t})
	}
}

// take removes and returns up to max of the retries due by now.
func (r *retries) take(now time.Time, max int) []int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var seqs []int64
	r.due = slices.DeleteFunc(r.due, func(d retry) bool {
		if len(seqs) == max || d.at.After(now) {
			return false
		}
		seqs = append(seqs, d.seq)
		return true
	})
	return seqs
}

// clear forgets every retry (another process delivers now).
func (r *retries) clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.due = nil
}

// next is when the earliest retry is due; zero if none.
func (r *retries) next() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	var first time.Time
	for _, d := range r.due {
		if first.IsZero() || d.at.Before(first) {
			first = d.at
		}
	}
	return first
}
