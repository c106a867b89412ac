package tui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
)

// wait follows a long wait (the KYC review, the email click) with the
// poll policy: the next poll is armed only when the previous answer came
// back, so one request is ever in flight, and the wait ends at the
// policy's deadline (over), when the person may keep waiting or stop.
// Connection trouble does not end it: the poll is tried again later, and
// the screen says so (retryIn).
type wait struct {
	polls   int
	start   time.Time
	over    bool
	next    time.Duration // the delay last armed
	retryIn time.Duration // after connection trouble: when the poll is tried again
}

// restart begins a new wait now.
func (w *wait) restart(c *common) { *w = wait{start: c.now()} }

// schedule arms the next "poll" tick, honouring the server's Retry-After,
// or marks the wait over at the deadline.
func (w *wait) schedule(c *common, retryAfter time.Duration) tea.Cmd {
	if c.opts.Policy.Expired(w.start, c.now()) {
		w.over = true
		return nil
	}
	d := c.opts.Policy.Next(w.polls, retryAfter)
	w.polls++
	w.next = d
	return c.tick(d, "poll")
}

// answered takes a poll's result: a success arms the next poll; a lapsed
// session goes back to the login step; connection trouble tries again
// later. It returns false for an error the screen must handle itself.
func (w *wait) answered(c *common, err error) (tea.Cmd, bool) {
	w.retryIn = 0
	switch retryAfter, transient := flow.Retryable(err); {
	case err == nil:
		return w.schedule(c, 0), true
	case errors.Is(err, flow.ErrLoginNeeded):
		return advance, true
	case transient:
		cmd := w.schedule(c, retryAfter)
		w.retryIn = w.next
		return cmd, true
	}
	return nil, false
}

// showsError tells the screens' errorShower what answered handles: the
// wait shows it on the screen rather than in the banner.
func (w *wait) showsError(m opMsg) bool {
	_, transient := flow.Retryable(m.err)
	return m.op == "poll" && (transient || errors.Is(m.err, flow.ErrLoginNeeded))
}

// troubleLine says a poll failed and when it is tried again, in the
// person's language; "" when not.
func (w *wait) troubleLine(c *common) string {
	if w.retryIn == 0 {
		return ""
	}
	return c.F("Connection trouble; trying again in %s.", flow.HowLong(w.retryIn))
}

// stillWaiting is said when a wait has gone on long: keep checking, or
// stop (and resume later, where progress is kept).
func stillWaiting(c *common) string {
	if c.opts.Save == nil {
		return c.T("Still waiting. Press enter to keep checking, or q to stop here.")
	}
	return c.T("Still waiting. Press enter to keep checking, or q to stop here and resume later.")
}
