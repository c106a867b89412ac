package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// wait follows a long wait (the KYC review, the email click) with the
// poll policy: the next poll is armed only when the previous answer came
// back, so one request is ever in flight, and the wait ends at the
// policy's deadline (over), when the person may keep waiting or stop.
type wait struct {
	polls int
	start time.Time
	over  bool
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
	return c.tick(d, "poll")
}
