package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
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
	// maxGuessCallers bounds the callers remembered at once (windows that
	// have passed are dropped first); while it is full, phone-less guesses
	// from new callers are refused rather than forgotten.
	maxGuessCallers = 4096
)

// The guesses are counted in secret_guesses (migration 010), one row per
// caller key and window, so that every sandbox process on one database
// spends the same budget; a window that has passed is deleted when a
// guess comes.

// takeGuesses reserves a guess for every key, or returns how long until
// the first exhausted key may guess again, or full when no more callers
// can be remembered. A guess is counted before it is checked, so
// concurrent guesses cannot exceed the budget; giveGuesses hands back one
// that was right.
func takeGuesses(t *tx, keys []string) (wait time.Duration, full bool, err error) {
	if _, err := t.exec("DELETE FROM secret_guesses WHERE window_start <= ?", unix(t.now.Add(-guessWindow))); err != nil {
		return 0, false, fmt.Errorf("sandbox: dropping past guess windows: %w", err)
	}
	fresh := 0
	for _, k := range keys {
		var n int
		var start int64
		err := t.row("SELECT guesses, window_start FROM secret_guesses WHERE caller = ?", k).Scan(&n, &start)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			fresh++
		case err != nil:
			return 0, false, fmt.Errorf("sandbox: reading a caller's guesses: %w", err)
		case n >= maxCallerGuesses:
			return fromUnix(start).Add(guessWindow).Sub(t.now), false, nil
		}
	}
	if fresh > 0 {
		// Full when a row stands at offset maxGuessCallers-fresh: there
		// are more than that many callers already (read on the index).
		var at int64
		err := t.row("SELECT window_start FROM secret_guesses WHERE window_start > ? ORDER BY window_start LIMIT 1 OFFSET ?",
			unix(t.now.Add(-guessWindow)), maxGuessCallers-fresh).Scan(&at)
		switch {
		case err == nil:
			return 0, true, nil
		case !errors.Is(err, sql.ErrNoRows):
			return 0, false, fmt.Errorf("sandbox: counting the callers guessing: %w", err)
		}
	}
	for _, k := range keys {
		_, err := t.exec(`INSERT INTO secret_guesses (caller, guesses, window_start) VALUES (?, 1, ?)
			ON CONFLICT (caller) DO UPDATE SET guesses = secret_guesses.guesses + 1`, k, unix(t.now))
		if err != nil {
			return 0, false, fmt.Errorf("sandbox: counting a guess: %w", err)
		}
	}
	return 0, false, nil
}

// giveGuesses hands back the guesses takeGuesses reserved for keys.
func giveGuesses(t *tx, keys []string) error {
	for _, k := range keys {
		if _, err := t.exec("UPDATE secret_guesses SET guesses = guesses - 1 WHERE caller = ? AND guesses > 0", k); err != nil {
			return fmt.Errorf("sandbox: handing back a guess: %w", err)
		}
	}
	return nil
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
	var wait time.Duration
	var full bool
	err = s.st.inTx(r.Context(), func(t *tx) (err error) { wait, full, err = takeGuesses(t, keys); return err })
	switch {
	case err != nil:
		return nil, err
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
			// A guess not handed back only costs its caller one try.
			if err := s.st.inTx(context.WithoutCancel(r.Context()), func(t *tx) error { return giveGuesses(t, keys) }); err != nil {
				s.opts.Logger.Error("guesses", "err", err)
			}
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
