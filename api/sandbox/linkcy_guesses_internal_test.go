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
		wait, full, err := srv.takeGuesses(ctx, keys)
		if err != nil {
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
		for i := range maxGuessCallers - 1 {
			if _, err := tx.exec("INSERT INTO secret_guesses (caller, guesses, window_start) VALUES (?, 1, ?)", "ip "+strconv.Itoa(i), unix(later)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, f := take([]string{"ip last"}, later); f {
		t.Fatal("the last caller the table holds was refused as full")
	}
	if _, f := take([]string{"ip new"}, later); !f {
		t.Fatal("a full table took another caller")
	}
	if _, f := take([]string{"ip 7"}, later); f {
		t.Fatal("a full table refused a caller it holds")
	}
	if _, f := take([]string{"ip new"}, later.Add(guessWindow)); f {
		t.Fatal("passed windows still count as callers")
	}
	if n := guessRows(t, srv); n != maxGuessCallers+1-staleDrop {
		t.Fatalf("%d rows after a new caller came past the windows, want %d: it drops %d passed ones", n, maxGuessCallers+1-staleDrop, staleDrop)
	}
	if wait, _ := take([]string{"ip 7"}, later.Add(guessWindow)); wait != 0 {
		t.Fatalf("a caller whose window passed is still spent: wait %v", wait)
	}
}

// guessRows counts secret_guesses' rows.
func guessRows(t *testing.T, srv *Server) int {
	t.Helper()
	var n int
	if err := srv.st.read(context.Background(), func(tx *tx) error {
		return tx.row("SELECT count(*) FROM secret_guesses").Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	return n
}
