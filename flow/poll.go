package flow

import (
	"math/rand/v2"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// Policy is how long waits are polled: quick at first, then backing off,
// with jitter, honouring the server's Retry-After, up to an overall
// deadline. One request is ever in flight: the next poll is scheduled only
// when the previous answer arrived.
type Policy struct {
	Initial  time.Duration // first wait (1 s)
	Factor   float64       // growth per poll (1.5)
	Max      time.Duration // longest wait between polls (10 s)
	Jitter   float64       // ± fraction of the wait (0.2)
	Deadline time.Duration // give up (resume later) after this long (30 min)
	// For the first Brisk polls of a wait (about 5 minutes), the waits
	// grow to BriskMax (2 s) only: the person is likely acting then
	// (scanning the QR code, pressing Approve on a page), and the screen
	// follows within about 2 s. Zero Brisk backs off to Max at once.
	Brisk    int
	BriskMax time.Duration
}

// DefaultPolicy is the policy for KYC, review and email waits.
func DefaultPolicy() Policy {
	return Policy{Initial: time.Second, Factor: 1.5, Max: 10 * time.Second, Jitter: 0.2, Deadline: 30 * time.Minute,
		Brisk: 150, BriskMax: 2 * time.Second}
}

// Delay returns the wait before poll number n (0-based), given the
// server's Retry-After (0 if none) and a random number in [0, 1).
func (p Policy) Delay(n int, retryAfter time.Duration, rnd float64) time.Duration {
	longest := p.Max
	if n < p.Brisk && p.BriskMax > 0 {
		longest = min(p.Max, p.BriskMax)
	}
	d := float64(p.Initial)
	for i := 0; i < n && d < float64(longest); i++ {
		d *= p.Factor
	}
	if d > float64(longest) {
		d = float64(longest)
	}
	d += d * p.Jitter * (2*rnd - 1)
	wait := time.Duration(d)
	if retryAfter > wait {
		wait = retryAfter + time.Duration(float64(p.Initial)*p.Jitter*rnd) // never sooner than asked, spread a little
	}
	if wait < 0 {
		wait = 0
	}
	return wait
}

// Next is Delay with a random jitter.
func (p Policy) Next(n int, retryAfter time.Duration) time.Duration {
	return p.Delay(n, retryAfter, rand.Float64())
}

// Expired reports whether a wait that started at start is over at now.
func (p Policy) Expired(start, now time.Time) bool {
	return p.Deadline > 0 && now.Sub(start) >= p.Deadline
}

// ActionTries is how many times the front ends try an operation (a step,
// not a poll) that failed with connection trouble before they give up and
// say so; the waits between tries follow the Policy.
const ActionTries = 6

// ActionDelay is the wait before trying an operation again after its
// try number n (0-based) met connection trouble: 1 s, 2 s, 4 s, then 8 s,
// or the provider's Retry-After when that is longer.
func ActionDelay(n int, retryAfter time.Duration) time.Duration {
	d := time.Second << min(n, 3)
	return max(d, retryAfter)
}

// Retryable reports whether a wait survives err: the provider could not
// be reached or asked to slow down. retryAfter is the provider's
// Retry-After (0 if none), for Policy.Next.
func Retryable(err error) (retryAfter time.Duration, ok bool) {
	ae, isAPI := api.AsError(err)
	if !isAPI || (ae.Kind != api.KindUnavailable && ae.Kind != api.KindRateLimited) {
		return 0, false
	}
	return ae.RetryAfter, true
}
