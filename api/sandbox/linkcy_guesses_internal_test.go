package sandbox

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/pgtest"
)

// TestGuessLimiter: a caller gets maxCallerGuesses guesses per window, a
// right one is handed back, either key being spent stops the caller, and
// a full table refuses new callers until windows expire; on SQLite, and
// on PostgreSQL when the suite runs there.
func TestGuessLimiter(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	opts := Options{Now: func() time.Time { return now }}
	if pgtest.OnPostgres() {
		opts.DB = pgtest.URL(t)
	}
	srv, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	take := func(keys []string, at time.Time) (wait time.Duration, full bool) {
		t.Helper()
		now = at
		if err := srv.st.inTx(ctx, func(tx *tx) (err error) { wait, full, err = takeGuesses(tx, keys); return err }); err != nil {
			t.Fatal(err)
		}
		return wait, full
	}
	start := now
	ip, both := []string{"ip 192.0.2.1"}, []string{"ip 192.0.2.1", "partner p"}
	for i := range maxCallerGuesses {
		if wait, full := take(both, start); wait != 0 || full {
			t.Fatalf("guess %d refused: wait %v full %v", i+1, wait, full)
		}
	}
	if wait, _ := take(ip, start.Add(time.Minute)); wait != guessWindow-time.Minute {
		t.Fatalf("guess past the budget: wait %v, want %v", wait, guessWindow-time.Minute)
	}
	if wait, _ := take([]string{"ip 192.0.2.2", "partner p"}, start); wait == 0 {
		t.Fatal("another address with the spent partner's token may guess")
	}
	if err := srv.st.inTx(ctx, func(tx *tx) error { return giveGuesses(tx, ip) }); err != nil {
		t.Fatal(err)
	}
	if wait, _ := take(ip, start); wait != 0 {
		t.Fatalf("a handed-back guess is still spent: wait %v", wait)
	}
	if wait, _ := take(ip, start.Add(guessWindow)); wait != 0 {
		t.Fatalf("a new window is still spent: wait %v", wait)
	}

	later := start.Add(3 * guessWindow)
	now = later
	err = srv.st.inTx(ctx, func(tx *tx) error {
		for i := range maxGuessCallers {
			if _, full, err := takeGuesses(tx, []string{"ip " + strconv.Itoa(i)}); err != nil || full {
				t.Fatalf("caller %d refused as full (%v)", i, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, f := take([]string{"ip new"}, later); !f {
		t.Fatal("a full table took another caller")
	}
	if _, f := take([]string{"ip new"}, later.Add(guessWindow)); f {
		t.Fatal("expired windows were not dropped")
	}
}
