package sandbox

import (
	"strconv"
	"testing"
	"time"
)

// TestTokenCache: a remembered token is found until its expiry and not at
// it, and the least recently used token goes when the cache is full.
func TestTokenCache(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	c := newTokenCache(3)
	for i := range 3 {
		c.put("tok"+strconv.Itoa(i), principal{kind: "consumer", subject: strconv.Itoa(i)}, now.Add(time.Minute))
	}
	if p, ok := c.get("tok0", now); !ok || p.subject != "0" {
		t.Fatalf("tok0: %v %v", p, ok)
	}
	c.put("tok3", principal{kind: "partner", subject: "3"}, now.Add(time.Minute)) // tok1 is the least recently used
	if _, ok := c.get("tok1", now); ok {
		t.Fatal("tok1 was kept past the bound")
	}
	if c.len() != 3 {
		t.Fatalf("%d tokens kept, bound 3", c.len())
	}
	for _, k := range []string{"tok0", "tok2", "tok3"} {
		if _, ok := c.get(k, now.Add(time.Minute-time.Nanosecond)); !ok {
			t.Fatalf("%s lost", k)
		}
	}
	if _, ok := c.get("tok0", now.Add(time.Minute)); ok {
		t.Fatal("a token was taken at its expiry")
	}
	if c.len() != 2 {
		t.Fatalf("the expired token stayed: %d kept", c.len())
	}
	if _, ok := c.get("tok", now); ok {
		t.Fatal("an unknown token was found")
	}
}
