package sandbox

import (
	"slices"
	"testing"
	"time"
)

// TestFreshKeepsOrderAndOverflowsToAScan: the deliverer takes what
// commits wrote oldest first, as many as it has room for; more than
// freshMax waiting turns into one scan, not a lost event.
func TestFreshKeepsOrderAndOverflowsToAScan(t *testing.T) {
	var f fresh
	f.add(hookNews{seqs: []int64{1, 2}})
	f.add(hookNews{seqs: []int64{3}})
	if seqs, scan := f.take(2); !slices.Equal(seqs, []int64{1, 2}) || scan {
		t.Fatalf("take(2) = %v, %v; want [1 2], no scan", seqs, scan)
	}
	if !f.waiting() {
		t.Fatal("seq 3 is still waiting, and waiting() says not")
	}
	f.add(hookNews{scan: true})
	if seqs, scan := f.take(10); !slices.Equal(seqs, []int64{3}) || !scan {
		t.Fatalf("take(10) = %v, %v; want [3] and a scan (a replay)", seqs, scan)
	}
	f.add(hookNews{seqs: make([]int64, freshMax+1)})
	if seqs, scan := f.take(10); len(seqs) != 0 || !scan || f.waiting() {
		t.Fatalf("past freshMax: take = %v, %v; want nothing kept and a scan", seqs, scan)
	}
}

// TestRetriesComeDueInTime: a failed delivery is taken back by its key
// once its time has come, not before, and next says when to wake.
func TestRetriesComeDueInTime(t *testing.T) {
	var r retries
	now := time.Now()
	r.note(7, now.Add(2*time.Second))
	r.note(5, now.Add(time.Second))
	r.note(9, now.Add(-time.Millisecond))
	if got := r.next(); !got.Equal(now.Add(-time.Millisecond)) {
		t.Fatalf("next = %v; want the overdue one", got)
	}
	if got := r.take(now, 10); !slices.Equal(got, []int64{9}) {
		t.Fatalf("take(now) = %v; want [9]", got)
	}
	if got := r.next(); !got.Equal(now.Add(time.Second)) {
		t.Fatalf("next = %v; want seq 5's time", got)
	}
	if got := r.take(now.Add(3*time.Second), 1); len(got) != 1 {
		t.Fatalf("take(max 1) = %v; want one", got)
	}
	if got := r.take(now.Add(3*time.Second), 10); len(got) != 1 {
		t.Fatalf("the other retry = %v; want it kept for the next take", got)
	}
}

// TestScanPaceSlowsWhenIdle: on PostgreSQL the deliverer scans every
// hookPeerScan while scans find deliveries, doubles the wait while they
// find none, up to hookPoll, and is quick again at the first found.
func TestScanPaceSlowsWhenIdle(t *testing.T) {
	p := &scanPace{least: hookPeerScan, every: hookPeerScan}
	p.after(0, false) // a round by keys that found nothing says nothing of the others
	if p.every != hookPeerScan {
		t.Fatalf("after a keyed round: %v", p.every)
	}
	var seen []time.Duration
	for range 6 {
		p.after(0, true)
		seen = append(seen, p.every)
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, hookPoll, hookPoll, hookPoll}
	if !slices.Equal(seen, want) {
		t.Fatalf("idle scans: %v, want %v", seen, want)
	}
	p.after(3, false)
	if p.every != hookPeerScan {
		t.Fatalf("after finding 3: %v, want %v", p.every, hookPeerScan)
	}
}
