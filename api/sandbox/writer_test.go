package sandbox

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// queuedBehind runs jobs while the writer is held by a job that waits for
// them all to queue, so that they share its commit. It returns each job's
// error, or what it panicked with, and the number of commits it took.
func queuedBehind(t *testing.T, s *store, jobs []func(*tx) error) (errs []error, panics []any, commits int) {
	t.Helper()
	ctx := context.Background()
	// s.stats is the writer goroutine's: read it in a job.
	if err := s.inTx(ctx, func(*tx) error { commits = -s.stats.Commits; return nil }); err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	held := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = s.inTx(ctx, func(*tx) error { close(held); <-release; return nil })
	}()
	<-held
	errs, panics = make([]error, len(jobs)), make([]any, len(jobs))
	for i, fn := range jobs { // one at a time, so they queue in order
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			errs[i] = s.inTx(ctx, fn)
		}()
		for deadline := time.Now().Add(10 * time.Second); len(s.jobs) < i+1; {
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d jobs queued", len(s.jobs), i+1)
			}
			time.Sleep(100 * time.Microsecond)
		}
	}
	close(release)
	wg.Wait()
	if err := s.inTx(ctx, func(*tx) error { commits += s.stats.Commits - 1; return nil }); err != nil { // less the first job's own
		t.Fatal(err)
	}
	return errs, panics, commits
}

func put(key string) func(*tx) error {
	return func(t *tx) error {
		_, err := t.exec("INSERT INTO meta (key, value) VALUES (?, 'v')", key)
		return err
	}
}

func stored(t *testing.T, s *store, key string) bool {
	t.Helper()
	var n int
	err := s.read(context.Background(), func(tx *tx) error {
		return tx.row("SELECT COUNT(*) FROM meta WHERE key = ?", key).Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// TestGroupCommit: transactions that queue behind one another share a
// commit, and each still stands alone: a refused one (an error, a
// panic, a failing statement) is rolled back without the others, and
// its caller hears of it.
func TestGroupCommit(t *testing.T) {
	for _, readers := range []int{0, -1} {
		t.Run(fmt.Sprintf("readers %d", readers), func(t *testing.T) {
			s, err := openStore(context.Background(), filepath.Join(t.TempDir(), "g.db"), readers, time.Now)
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			refused := errors.New("refused")
			errs, panics, commits := queuedBehind(t, s, []func(*tx) error{
				put("a"),
				func(t *tx) error { _ = put("b")(t); return refused },
				func(t *tx) error { _ = put("c")(t); panic("boom") },
				put("a"), // the key is taken: the statement fails
				put("d"),
			})
			if commits != 1 {
				t.Errorf("%d commits for 6 queued transactions, want 1", commits)
			}
			if errs[0] != nil || errs[4] != nil {
				t.Errorf("the good ones failed: %v, %v", errs[0], errs[4])
			}
			if !errors.Is(errs[1], refused) || panics[2] != "boom" || errs[3] == nil {
				t.Errorf("refusals not returned: %v, panic %v, %v", errs[1], panics[2], errs[3])
			}
			for key, want := range map[string]bool{"a": true, "b": false, "c": false, "d": true} {
				if got := stored(t, s, key); got != want {
					t.Errorf("%s stored: %v, want %v", key, got, want)
				}
			}
		})
	}
}

// TestGroupCommitAllOrNothing: when the transaction around a batch is
// lost, no transaction in it is answered as if it had been committed.
func TestGroupCommitAllOrNothing(t *testing.T) {
	s, err := openStore(context.Background(), filepath.Join(t.TempDir(), "g.db"), 0, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	errs, _, _ := queuedBehind(t, s, []func(*tx) error{
		put("e"),
		func(t *tx) error { _, err := t.exec("ROLLBACK"); return err }, // ends the batch's transaction
	})
	if errs[0] == nil || errs[1] == nil {
		t.Errorf("errors %v, %v; want both to fail", errs[0], errs[1])
	}
	if stored(t, s, "e") {
		t.Error("e was stored by a batch that was not committed")
	}
	if err := s.inTx(context.Background(), put("f")); err != nil || !stored(t, s, "f") {
		t.Errorf("the next transaction: %v", err)
	}
}

// TestClosedStore: a closed store answers at once, for writes and for
// reads that go to the writer.
func TestClosedStore(t *testing.T) {
	s, err := openStore(context.Background(), ":memory:", 0, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	if err := s.inTx(context.Background(), put("g")); !errors.Is(err, errClosed) {
		t.Errorf("after close: %v, want errClosed", err)
	}
	if err := s.read(context.Background(), func(*tx) error { return nil }); !errors.Is(err, errClosed) {
		t.Errorf("a read after close: %v, want errClosed", err)
	}
}

// TestWriterStats: the writer counts every transaction and commit it
// runs, and the time it spends on them.
func TestWriterStats(t *testing.T) {
	ctx := context.Background()
	srv, err := New(ctx, Options{DB: filepath.Join(t.TempDir(), "w.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	before, err := srv.WriterStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"s1", "s2", "s3"} {
		if err := srv.st.inTx(ctx, put(key)); err != nil {
			t.Fatal(err)
		}
	}
	_, _, _ = queuedBehind(t, srv.st, []func(*tx) error{put("s4"), put("s5")})
	after, err := srv.WriterStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The first read, 3 alone, and queuedBehind's 2 reads, holder and 2
	// queued jobs; the last read is not in its own figures yet.
	tx, commits := after.Transactions-before.Transactions, after.Commits-before.Commits
	if tx != 9 || commits != 7 {
		t.Errorf("%d transactions in %d commits, want 9 in 7", tx, commits)
	}
	if after.Busy <= before.Busy {
		t.Errorf("busy %s then %s: the time was not counted", before.Busy, after.Busy)
	}
}
