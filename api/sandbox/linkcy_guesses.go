package sandbox

import (
	"errors"
	"math"
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits on guessing an SMS secret without naming the consumer (a
// password change without consumerPhone, which matches the guess against
// every live secret). Each caller, by remote address and, when it sends
// one, by its token's partner or consumer, gets maxCallerGuesses wrong
// guesses per guessWindow; and since a wrong guess could have been aimed
// at any live secret, it counts as a wrong try against every one of them
// (countPhonelessMiss), so no secret takes more than maxSecretAttempts
// wrong guesses whichever way they come.
const (
	maxCallerGuesses = maxSecretAttempts
	guessWindow      = lockout
	// maxGuessCallers bounds the callers remembered at once; past it,
	// expired windows are dropped, and while it is still full phone-less
	// guesses are refused rather than forgotten.
	maxGuessCallers = 4096
)

// guessLimiter counts phone-less guesses per caller, in memory: a
// restarted sandbox forgets them (the per-secret counts are in the
// database).
type guessLimiter struct {
	mu      sync.Mutex
	callers map[string]*guessCount
}

// guessCount is one caller's guesses in the window that began at start.
type guessCount struct {
	n     int
	start time.Time
}

// take reserves a guess for every key, or returns how long until the
// first exhausted key may guess again, or full when no more callers can
// be remembered. A guess is counted before it is checked, so concurrent
// guesses cannot exceed the budget; give hands back one that was right.
func (g *guessLimiter) take(keys []string, now time.Time) (wait time.Duration, full bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.callers == nil {
		g.callers = map[string]*guessCount{}
	}
	fresh := 0
	for _, k := range keys {
		c := g.callers[k]
		switch {
		case c == nil:
			fresh++
		case now.Sub(c.start) >= guessWindow:
			*c = guessCount{start: now}
		case c.n >= maxCallerGuesses:
			return c.start.Add(guessWindow).Sub(now), false
		}
	}
	if fresh > 0 && !g.room(now, fresh) {
		return 0, true
	}
	for _, k := range keys {
		c := g.callers[k]
		if c == nil {
			c = &guessCount{start: now}
			g.callers[k] = c
		}
		c.n++
	}
	return 0, false
}

// room makes room for n more callers, dropping expired windows when the
// map would overflow; it reports whether there is room.
func (g *guessLimiter) room(now time.Time, n int) bool {
	if len(g.callers)+n <= maxGuessCallers {
		return true
	}
	for k, c := range g.callers {
		if now.Sub(c.start) >= guessWindow {
			delete(g.callers, k)
		}
	}
	return len(g.callers)+n <= maxGuessCallers
}

// give hands back the guesses take reserved for keys.
func (g *guessLimiter) give(keys []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, k := range keys {
		if c := g.callers[k]; c != nil && c.n > 0 {
			c.n--
		}
	}
}

// callerKeys names who is guessing: the remote address, and the token's
// partner or consumer when the request carries a valid one.
func (s *Server) callerKeys(r *http.Request) []string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	keys := []string{"ip " + host}
	if p, err := s.authenticate(r); err == nil && p != nil {
		if p.isPartner() {
			keys = append(keys, "partner "+p.partner)
		} else {
			keys = append(keys, "consumer "+p.subject)
		}
	}
	return keys
}

// phonelessGuess reserves one of the caller's phone-less guesses for a
// password change without consumerPhone (a change with it needs none:
// its wrong tries count against that consumer's secret). done must be
// called with the change's outcome: a guess that was not wrong is handed
// back.
func (s *Server) phonelessGuess(r *http.Request, in changeIn) (done func(error), err error) {
	if in.ConsumerPhone != "" {
		return func(error) {}, nil
	}
	keys := s.callerKeys(r)
	wait, full := s.guesses.take(keys, s.opts.Now())
	switch {
	case full:
		e := newErr(http.StatusTooManyRequests, codeTooManyAttempts, "Too many callers are guessing secrets; try again in a few minutes, or send consumerPhone with the secret.")
		e.retryAfter = time.Minute
		return nil, e
	case wait > 0:
		e := newErr(http.StatusTooManyRequests, codeTooManyAttempts, "Too many wrong secrets from this caller; try again in %d minutes, or send consumerPhone with the secret.", int(math.Ceil(wait.Minutes())))
		e.retryAfter = retryIn(wait)
		return nil, e
	}
	return func(err error) {
		if !wrongSecret(err) {
			s.guesses.give(keys)
		}
	}, nil
}

// wrongSecret reports whether err answers a wrong or burnt secret.
func wrongSecret(err error) bool {
	var ae *apiError
	return errors.As(err, &ae) && (ae.code == codeInvalidSecret || ae.code == codeTooManyAttempts)
}

// countPhonelessMiss counts a phone-less guess that matched no secret as
// a wrong try against every live one, burning those that reach
// maxSecretAttempts, and returns the answer, to be committed.
func countPhonelessMiss(t *tx) error {
	if _, err := t.exec("UPDATE secrets SET attempts = attempts + 1 WHERE purpose = 'password' AND expires_at >= ?", unix(t.now)); err != nil {
		return err
	}
	if _, err := t.exec("DELETE FROM secrets WHERE purpose = 'password' AND expires_at >= ? AND attempts >= ?", unix(t.now), maxSecretAttempts); err != nil {
		return err
	}
	return &committedError{newErr(http.StatusBadRequest, codeInvalidSecret, "This secret is not valid or has expired; ask for a new one.")}
}
