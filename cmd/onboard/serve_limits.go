package main

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/ssh"
)

// serveLimits are what one SSH client may cost `onboard serve`: a client
// chooses its window size, how often it changes it, how long it takes to
// start a session and how much it sends before, and none of these may take
// the server (or the other sessions) down with it.
type serveLimits struct {
	maxCols, maxRows int           // the largest window a session is drawn in
	resizeEvery      time.Duration // a session applies at most one new size this often
	handshake        time.Duration // to finish the SSH handshake and start a session
	pending          int           // connections at once that have not started a session
	preSessionBytes  int64         // what a client may send before its session starts
	connBytes        int64         // what a client may send in all, its session included
	channelsPerConn  int32         // session channels one connection may have open at once
	quitGrace        time.Duration // for a session told to quit to finish drawing
}

// defaultServeLimits are the limits for a server of maxSessions sessions.
func defaultServeLimits(maxSessions int) serveLimits {
	return serveLimits{
		// A 4K screen in a small font; Bubble Tea keeps about 240 bytes
		// a cell (14 MiB a session at this size, 120 MiB at 1000×500).
		maxCols: 400, maxRows: 150,
		resizeEvery:     150 * time.Millisecond,
		handshake:       10 * time.Second,
		pending:         max(2*maxSessions, 16),
		preSessionBytes: 256 << 10, // a handshake, a pty request and its environment take a few KiB
		// Keys are a few bytes each; this bounds what the SSH library
		// keeps of env requests sent once a session has started.
		connBytes:       8 << 20,
		channelsPerConn: 4, // each is a session, and takes a slot, once it starts
		quitGrace:       3 * time.Second,
	}
}

// The size a client did not give (0) is a common terminal's.
const unknownCols, unknownRows = 80, 24

// windowSize is the size a session is drawn in for what the client said:
// 0 (or, on a 32-bit machine, what wrapped below 0) is unknown, and
// nothing is larger than a real screen, so that the screen buffer Bubble
// Tea allocates for it stays small whatever the client claims.
func (l serveLimits) windowSize(w ssh.Window) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: clampDim(w.Width, unknownCols, l.maxCols), Height: clampDim(w.Height, unknownRows, l.maxRows)}
}

func clampDim(n, unknown, most int) int {
	switch {
	case n <= 0:
		return unknown
	case n > most:
		return most
	}
	return n
}

// resizes delivers a session's window changes to send, clamped and
// coalesced: windows is always drained at once (the SSH library stops
// reading the client's connection while a change waits, and then never
// sees it go), only the latest size is kept, and it is handed on at most
// once every l.resizeEvery. It returns when ctx ends.
//
// send may block (tea.Program.Send waits for the program): it runs on its
// own goroutine, so that a busy program never holds up the draining.
func (l serveLimits) resizes(ctx context.Context, windows <-chan ssh.Window, send func(tea.WindowSizeMsg)) {
	out := make(chan tea.WindowSizeMsg, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case w := <-out:
				send(w)
			}
		}
	}()
	tick := time.NewTicker(l.resizeEvery)
	defer tick.Stop()
	var latest tea.WindowSizeMsg
	pending := false
	for {
		select {
		case <-ctx.Done():
			return
		case w, ok := <-windows:
			if !ok {
				windows = nil // the client's requests have ended; keep delivering what is pending
				continue
			}
			latest, pending = l.windowSize(w), true
		case <-tick.C:
			if !pending {
				continue
			}
			select {
			case out <- latest:
				pending = false
			default: // the last size is still on its way; try again next tick
			}
		}
	}
}
