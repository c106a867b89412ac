package sandbox_test

import (
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// TestVerifiedTokenExpires: a token the server verified and remembers
// (tokencache.go) still expires on time, and a token changed by one
// character is refused though its original is remembered.
func TestVerifiedTokenExpires(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	tok := partnerToken(t, env)
	_, c, _ := call(t, env, "POST", api+"consumers", tok, consumerBody("33", "612345678", nil))
	id, _ := c["id"].(string)
	for range 2 { // the second is answered from the cache
		if st, out, _ := call(t, env, "GET", api+"consumers/"+id, tok, nil); st != 200 {
			t.Fatalf("a fresh partner token: %d %v", st, out)
		}
	}
	forged := tok[:len(tok)-2] + map[bool]string{true: "A", false: "B"}[tok[len(tok)-2] != 'A'] + tok[len(tok)-1:]
	if st, out, _ := call(t, env, "GET", api+"consumers/"+id, forged, nil); st != 401 || out["errorCode"] != "INVALID_TOKEN" {
		t.Fatalf("a changed token: %d %v", st, out)
	}
	env.Clock.Advance(sandbox.DefaultAccessTTL + time.Second)
	if st, out, _ := call(t, env, "GET", api+"consumers/"+id, tok, nil); st != 401 || out["errorCode"] != "TOKEN_EXPIRED" {
		t.Fatalf("a remembered token past its expiry: %d %v", st, out)
	}
}
