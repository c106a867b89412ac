package sandbox

import (
	"container/list"
	"crypto/sha256"
	"sync"
	"time"
)

// tokenCacheSize bounds the verified tokens a Server remembers: a few
// thousand onboardings in flight, a few hundred KiB at most.
const tokenCacheSize = 4096

// tokenCache remembers access tokens whose signature and claims were
// verified, keyed by the token's SHA-256, so that each authenticated call
// does not parse and verify the same JWT again (a tenth of a millisecond of
// CPU, bench/RESULTS.md). An entry is used only while the token has not
// expired, by the same rule jwt applies (now before exp); the least
// recently used entry goes when the cache is full. Only good tokens are
// kept: a bad one is verified (and refused) every time.
type tokenCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *tokenEntry, most recently used first
	byKey map[[sha256.Size]byte]*list.Element
}

type tokenEntry struct {
	key [sha256.Size]byte
	p   principal
	exp time.Time
}

func newTokenCache(max int) *tokenCache {
	return &tokenCache{max: max, order: list.New(), byKey: make(map[[sha256.Size]byte]*list.Element)}
}

// get returns the principal of a verified token that is still valid at now.
func (c *tokenCache) get(raw string, now time.Time) (principal, bool) {
	k := sha256.Sum256([]byte(raw))
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		return principal{}, false
	}
	ent := e.Value.(*tokenEntry)
	if !now.Before(ent.exp) {
		c.order.Remove(e)
		delete(c.byKey, k)
		return principal{}, false
	}
	c.order.MoveToFront(e)
	return ent.p, true
}

// put remembers a verified token valid until exp.
func (c *tokenCache) put(raw string, p principal, exp time.Time) {
	k := sha256.Sum256([]byte(raw))
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.byKey[k] = c.order.PushFront(&tokenEntry{key: k, p: p, exp: exp})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*tokenEntry).key)
	}
}

// len is how many tokens are remembered.
func (c *tokenCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
