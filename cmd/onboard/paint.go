package main

import (
	"context"
	"sync"
	"time"
)

// paintBound is how long the embedded sandbox's start waits for the first
// frame at most (a terminal that never gets one, a wizard that ends
// before it): the frame comes within tens of milliseconds.
const paintBound = 500 * time.Millisecond

// paintGate holds the embedded sandbox's start (its database opened and
// migrated: 10-20 ms of CPU) until the full-screen program has painted its
// first frame. On two cores, started side by side, the two took turns and
// the first frame came 30-40 ms later (bench/RESULTS.md, issue 26).
type paintGate struct {
	once sync.Once
	ch   chan struct{}
}

func newPaintGate() *paintGate { return &paintGate{ch: make(chan struct{})} }

// painted says the first frame is out; later calls do nothing.
func (g *paintGate) painted() { g.once.Do(func() { close(g.ch) }) }

// wait blocks until painted, ctx's end or paintBound.
func (g *paintGate) wait(ctx context.Context) {
	t := time.NewTimer(paintBound)
	defer t.Stop()
	select {
	case <-g.ch:
	case <-ctx.Done():
	case <-t.C:
	}
}

// then returns a BeforeOpen hook that runs hook (when not nil), then waits
// for the first frame.
func (g *paintGate) then(ctx context.Context, hook func()) func() {
	return func() {
		if hook != nil {
			hook()
		}
		g.wait(ctx)
	}
}
