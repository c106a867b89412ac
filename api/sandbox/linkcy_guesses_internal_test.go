package sandbox

import (
	"strconv"
	"testing"
	"time"
)

// TestGuessLimiter: a caller gets maxCallerGuesses guesses per window, a
// right one is handed back, either key being spent stops the caller, and
// a full table refuses new callers until windows expire.
func TestGuessLimiter(t *testing.T) {
	var g guessLimiter
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	ip, both := []string{"ip 192.0.2.1"}, []string{"ip 192.0.2.1", "partner p"}
	for i := range maxCallerGuesses {
		if wait, full := g.take(both, now); wait != 0 || full {
			t.Fatalf("guess %d refused: wait %v full %v", i+1, wait, full)
		}
	}
	if wait, _ := g.take(ip, now.Add(time.Minute)); wait != guessWindow-time.Minute {
		t.Fatalf("guess past the budget: wait %v, want %v", wait, guessWindow-time.Minute)
	}
	if wait, _ := g.take([]string{"ip 192.0.2.2", "partner p"}, now); wait == 0 {
		t.Fatal("another address with the spent partner's token may guess")
	}
	g.give(ip)
	if wait, _ := g.take(ip, now); wait != 0 {
		t.Fatalf("a handed-back guess is still spent: wait %v", wait)
	}
	if wait, _ := g.take(ip, now.Add(guessWindow)); wait != 0 {
		t.Fatalf("a new window is still spent: wait %v", wait)
	}

	var full guessLimiter
	for i := range maxGuessCallers {
		if _, f := full.take([]string{"ip " + strconv.Itoa(i)}, now); f {
			t.Fatalf("caller %d refused as full", i)
		}
	}
	if _, f := full.take([]string{"ip new"}, now); !f {
		t.Fatal("a full table took another caller")
	}
	if _, f := full.take([]string{"ip new"}, now.Add(guessWindow)); f || len(full.callers) != 1 {
		t.Fatalf("expired windows were not dropped: full %v, %d callers", f, len(full.callers))
	}
}
