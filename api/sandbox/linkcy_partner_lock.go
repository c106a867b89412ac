package sandbox

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A partner's login is locked after maxSecretAttempts wrong passwords in
// a row, for lockout, as the consumers' logins are: the partner password
// opens every consumer, so it is guessed at least as carefully. The count
// and the lock are rows of partner_lockouts (migration 010), so that every
// sandbox process on one database counts the same wrong passwords and
// honours the same lock; a restarted sandbox keeps them.

// partnerLocked returns how long partner's login stays locked (0: open).
func partnerLocked(t *tx, partner string) (time.Duration, error) {
	var until int64
	err := t.row("SELECT locked_until FROM partner_lockouts WHERE partner = ?", partner).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sandbox: reading the partner lockout: %w", err)
	}
	return max(0, fromUnix(until).Sub(t.now)), nil
}

// partnerFailure counts a wrong password; it reports whether it locked
// the login.
func partnerFailure(t *tx, partner string) (bool, error) {
	var failed int
	err := t.row(`INSERT INTO partner_lockouts (partner, failed) VALUES (?, 1)
		ON CONFLICT (partner) DO UPDATE SET failed = partner_lockouts.failed + 1
		RETURNING failed`, partner).Scan(&failed)
	if err != nil {
		return false, fmt.Errorf("sandbox: counting a wrong partner password: %w", err)
	}
	if failed < maxSecretAttempts {
		return false, nil
	}
	if _, err := t.exec("UPDATE partner_lockouts SET failed = 0, locked_until = ? WHERE partner = ?", unix(t.now.Add(lockout)), partner); err != nil {
		return false, fmt.Errorf("sandbox: locking the partner login: %w", err)
	}
	return true, nil
}

// partnerSuccess forgets the wrong passwords before a right one.
func partnerSuccess(t *tx, partner string) error {
	if _, err := t.exec("DELETE FROM partner_lockouts WHERE partner = ? AND locked_until <= ?", partner, unix(t.now)); err != nil {
		return fmt.Errorf("sandbox: forgetting wrong partner passwords: %w", err)
	}
	return nil
}
