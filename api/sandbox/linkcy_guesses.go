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
// spends the same budget. A guess touches only its callers' rows: a
// window that has passed is restarted in the caller's own row, and rows
// left by callers who stopped guessing are dropped a few at a time by new
// callers (staleDrop each). The cap on callers is read before, in a read
// transaction of its own, as the KYC due-check is (linkcy_kyc.go, kycDue):
// a table-wide delete and a scan of the window's index inside the
// guess's SERIALIZABLE transaction made unrelated callers on PostgreSQL
// refuse each other. The cap bounds memory, not guesses: callers passing
// it at the same moment overshoot it by at most their number.

// staleDrop is how many rows of passed windows each new caller drops: more
// than one, so they go faster than new callers come.
const staleDrop = 2

// guessRoom is what the read before a guess found: whether a key is new
// (no row, or its window has passed), whether the table is full, rows of
// passed windows to drop, and how long a spent key waits (a caller past
// its budget is answered without a write; takeGuesses checks again).
type guessRoom struct {
	fresh bool
	full  bool
	stale []string
	wait  time.Duration // a key is spent: until when
}

// readGuessRoom reads, for keys, the guessRoom. The count of callers is
// bounded (it stops at maxGuessCallers) and read only for a new caller,
// outside any write transaction.
func readGuessRoom(t *tx, keys []string) (guessRoom, error) {
	var room guessRoom
	cutoff := unix(t.now.Add(-guessWindow))
	fresh := 0
	for _, k := range keys {
		var n int
		var start int64
		err := t.row("SELECT guesses, window_start FROM secret_guesses WHERE caller = ?", k).Scan(&n, &start)
		switch {
		case errors.Is(err, sql.ErrNoRows) || (err == nil && start <= cutoff):
			fresh++
		case err != nil:
			return room, fmt.Errorf("sandbox: reading a caller's guesses: %w", err)
		case n >= maxCallerGuesses:
			room.wait = max(room.wait, fromUnix(start).Add(guessWindow).Sub(t.now))
		}
	}
	if fresh == 0 || room.wait > 0 {
		return room, nil
	}
	room.fresh = true
	// Full when a live row stands at offset maxGuessCallers-fresh: a
	// count that stops there, read on the index.
	var one int
	err := t.row("SELECT 1 FROM secret_guesses WHERE window_start > ? ORDER BY window_start LIMIT 1 OFFSET ?",
		cutoff, maxGuessCallers-fresh).Scan(&one)
	switch {
	case err == nil:
		room.full = true
		return room, nil
	case !errors.Is(err, sql.ErrNoRows):
		return room, fmt.Errorf("sandbox: counting the callers guessing: %w", err)
	}
	rows, err := t.query("SELECT caller FROM secret_guesses WHERE window_start <= ? LIMIT ?", cutoff, staleDrop*fresh)
	if err != nil {
		return room, fmt.Errorf("sandbox: reading passed guess windows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return room, fmt.Errorf("sandbox: reading passed guess windows: %w", err)
		}
		room.stale = append(room.stale, c)
	}
	return room, rows.Err()
}

// takeGuesses reserves a guess for every key, or returns how long until
// the first exhausted key may guess again; stale are rows of passed
// windows to drop (readGuessRoom). A guess is counted before it is
// checked, in the keys' own rows, so concurrent guesses cannot exceed the
// budget; one that would is handed back at once, with the others this
// call took. giveGuesses hands back one that was right.
func takeGuesses(t *tx, keys, stale []string) (wait time.Duration, err error) {
	cutoff := unix(t.now.Add(-guessWindow))
	for _, k := range stale {
		if _, err := t.exec("DELETE FROM secret_guesses WHERE caller = ? AND window_start <= ?", k, cutoff); err != nil {
			return 0, fmt.Errorf("sandbox: dropping a passed guess window: %w", err)
		}
	}
	for _, k := range keys {
		var n int
		var start int64
		err := t.row(`INSERT INTO secret_guesses (caller, guesses, window_start) VALUES (?1, 1, ?2)
			ON CONFLICT (caller) DO UPDATE SET
			guesses = CASE WHEN secret_guesses.window_start <= ?3 THEN 1 ELSE secret_guesses.guesses + 1 END,
			window_start = CASE WHEN secret_guesses.window_start <= ?3 THEN ?2 ELSE secret_guesses.window_start END
			RETURNING guesses, window_start`, k, unix(t.now), cutoff).Scan(&n, &start)
		if err != nil {
			return 0, fmt.Errorf("sandbox: counting a guess: %w", err)
		}
		if n > maxCallerGuesses {
			wait = max(wait, fromUnix(start).Add(guessWindow).Sub(t.now))
		}
	}
	if wait > 0 {
		return wait, giveGuesses(t, keys)
	}
	return 0, nil
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

// takeGuesses reads the room for keys' guess (readGuessRoom), then, unless
// the table is full, reserves it (takeGuesses).
func (s *Server) takeGuesses(ctx context.Context, keys []string) (wait time.Duration, full bool, err error) {
	var room guessRoom
	if err := s.st.read(ctx, func(t *tx) (err error) { room, err = readGuessRoom(t, keys); return err }); err != nil {
		return 0, false, err
	}
	if room.full || room.wait > 0 {
		return room.wait, room.full, nil
	}
	err = s.st.inTx(ctx, func(t *tx) (err error) { wait, err = takeGuesses(t, keys, room.stale); return err })
	return wait, false, err
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
	wait, full, err := s.takeGuesses(r.Context(), keys)
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
