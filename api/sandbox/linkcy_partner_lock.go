package sandbox

import (
	"sync"
	"time"
)

// partnerLockout locks a partner's login after maxSecretAttempts wrong
// passwords in a row, for lockout, as the consumers' logins are: the
// partner password opens every consumer, so it is guessed at least as
// carefully. It is kept in memory: a restarted sandbox forgets it.
type partnerLockout struct {
	mu     sync.Mutex
	failed map[string]int       // wrong passwords in a row, by partner name
	until  map[string]time.Time // locked until, by partner name
}

// locked returns how long partner's login stays locked at now (0: open).
func (l *partnerLockout) locked(partner string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return max(0, l.until[partner].Sub(now))
}

// failure counts a wrong password; it reports whether it locked the login.
func (l *partnerLockout) failure(partner string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failed == nil {
		l.failed, l.until = map[string]int{}, map[string]time.Time{}
	}
	l.failed[partner]++
	if l.failed[partner] < maxSecretAttempts {
		return false
	}
	l.failed[partner] = 0
	l.until[partner] = now.Add(lockout)
	return true
}

// success forgets the wrong passwords before it.
func (l *partnerLockout) success(partner string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failed, partner)
}
