package main

import (
	"context"
	"testing"
	"time"
)

// TestPaintGate: the sandbox's start (the hook, then the wait) goes on once
// the first frame is out, and on the run's end if it never comes; a second
// "painted" changes nothing.
func TestPaintGate(t *testing.T) {
	g := newPaintGate()
	var order []string
	done, hooked := make(chan struct{}), make(chan struct{})
	go func() {
		g.then(context.Background(), func() { order = append(order, "hook"); close(hooked) })()
		order = append(order, "open")
		close(done)
	}()
	<-hooked
	select {
	case <-done:
		t.Fatal("the start went on before the first frame")
	case <-time.After(50 * time.Millisecond): // still held: as it should be
	}
	g.painted()
	g.painted()
	<-done
	if len(order) != 2 || order[0] != "hook" {
		t.Errorf("order %v, want the hook, then the open", order)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	newPaintGate().wait(ctx) // returns: the run is over
}
