package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/onboard-cli/onboard/internal/i18n"
)

// progressSaved is what a person reads after Ctrl+C, SIGTERM or SIGHUP.
const progressSaved = "Progress saved — run onboard again to continue."

// demoStopped is what a demo says instead: it keeps nothing.
const demoStopped = "Demo stopped; nothing was kept. onboard --demo starts a new one."

// stoppedLine is the line for a run that stops before the end, in the
// person's language: a demo keeps no progress.
func stoppedLine(tr i18n.Printer, demo bool) string {
	if demo {
		return tr.T(demoStopped)
	}
	return tr.T(progressSaved)
}

// onInterrupt returns a context that ends on Ctrl+C, SIGTERM or SIGHUP,
// and a func to call when the run is over. A run that notices the end
// itself (between steps, while polling) says stopped (stoppedLine) and
// returns exit 130. One blocked on a prompt cannot notice; after a short
// grace the watcher restores the terminal (echo may be off for a
// password), says stopped and exits 130 for it. Progress is saved at the start of
// every step, so nothing is lost either way.
func onInterrupt(ctx context.Context, e *env, stopped string) (context.Context, func()) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	finished := make(chan struct{})
	go func() {
		select {
		case <-finished:
			return
		case <-ctx.Done():
		}
		select {
		case <-finished:
			return
		case <-time.After(500 * time.Millisecond):
		}
		e.restoreTerminal()
		fmt.Fprintln(e.stderr, "\n"+stopped)
		e.exit(exitInterrupted)
	}()
	return ctx, func() {
		close(finished)
		stop()
	}
}
