package sandbox

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// maxBatch bounds how many transactions share one commit.
const maxBatch = 32

// job is one transaction's work, run by the writer goroutine.
type job struct {
	ctx context.Context
	fn  func(*tx) error
	// What the writer hands back, read by the caller once done is closed.
	err      error
	panicked any // what fn panicked with, panicked again in the caller
	sent     bool
	hooks    hookNews
	done     chan struct{}
}

// inTx runs fn in a write transaction on the writer, committing when it
// returns nil and rolling back everything it did when it does not. It
// returns once the commit is on disk.
//
// The writer commits in groups: while it runs one transaction, others
// queue, and it runs those that have queued one after the other inside a
// single SQLite transaction, each in a savepoint of its own, then commits
// them together. A savepoint rolled back is a transaction refused, and
// nobody hears of any transaction before the commit: a commit that fails
// fails every transaction in it. One commit writes a page that several
// transactions changed once, and locks the database once, which is most
// of what a small transaction costs.
func (s *store) inTx(ctx context.Context, fn func(*tx) error) error {
	if s.pg != nil {
		return s.pgTx(ctx, true, fn)
	}
	j := &job{ctx: ctx, fn: fn, done: make(chan struct{})}
	select {
	case s.jobs <- j:
	case <-s.closed:
		return errClosed
	case <-ctx.Done():
		return fmt.Errorf("sandbox: waiting for the database: %w", ctx.Err())
	}
	select {
	case <-j.done:
	case <-s.wrote: // stopped; it answered j only if it took it
		select {
		case <-j.done:
		default:
			return errClosed
		}
	}
	if j.panicked != nil {
		panic(j.panicked)
	}
	return j.err
}

// write is the writer goroutine: it owns the writer connection until the
// store closes, and takes the jobs. Jobs queue in a buffer of maxBatch, so
// the ones that arrived while a batch ran are there for the next.
func (s *store) write() {
	defer close(s.wrote)
	batch := make([]*job, 0, maxBatch)
	for {
		select {
		case j := <-s.jobs:
			start := time.Now()
			batch = s.commit(append(batch[:0], j))
			s.stats.Busy += time.Since(start)
			s.stats.Transactions += len(batch)
		case <-s.closed:
			return
		}
	}
}

// commit runs first and whatever queues behind it, up to maxBatch, in one
// transaction, then answers them all. It returns the batch for reuse.
func (s *store) commit(batch []*job) []*job {
	c := s.writer
	c.trim()
	defer func() {
		for _, j := range batch {
			close(j.done)
		}
	}()
	if _, err := c.exec("BEGIN IMMEDIATE"); err != nil {
		batch[0].err = fmt.Errorf("sandbox: begin: %w", err)
		return batch
	}
	var broken error
	for i := 0; ; i++ {
		if broken = s.runJob(c, batch[i]); broken != nil || len(batch) == maxBatch {
			break
		}
		select {
		case j := <-s.jobs:
			batch = append(batch, j)
			continue
		default:
		}
		break
	}
	if broken == nil {
		if _, err := c.exec("COMMIT"); err != nil {
			broken = fmt.Errorf("sandbox: commit: %w", err)
		} else {
			s.stats.Commits++
		}
	}
	if broken != nil {
		if _, err := c.exec("ROLLBACK"); err != nil {
			broken = errors.Join(broken, fmt.Errorf("sandbox: rollback: %w", err))
		}
		for _, j := range batch {
			if j.err == nil && j.panicked == nil {
				j.err = broken
			}
		}
		return batch
	}
	for _, j := range batch {
		if j.sent {
			s.news.fire()
			break
		}
	}
	for _, j := range batch {
		s.eventsCommitted(j.hooks)
	}
	return batch
}

// runJob runs j in a savepoint: released when fn returns nil, rolled back
// when it fails or panics. An error from the savepoint itself means the
// transaction around it is no longer sound, and is returned.
func (s *store) runJob(c *conn, j *job) error {
	if err := j.ctx.Err(); err != nil { // its caller has gone while it queued
		j.err = fmt.Errorf("sandbox: waiting for the database: %w", err)
		return nil
	}
	if _, err := c.exec("SAVEPOINT job"); err != nil {
		return fmt.Errorf("sandbox: savepoint: %w", err)
	}
	t := &tx{c: c, now: s.now()}
	func() {
		defer func() { j.panicked = recover() }()
		j.err = j.fn(t)
	}()
	if j.err != nil || j.panicked != nil {
		if _, err := c.exec("ROLLBACK TO job"); err != nil {
			return fmt.Errorf("sandbox: rolling back to the savepoint: %w", err)
		}
	} else {
		j.sent, j.hooks = t.sent, t.hooks
	}
	if _, err := c.exec("RELEASE job"); err != nil {
		return fmt.Errorf("sandbox: releasing the savepoint: %w", err)
	}
	return nil
}

// WriterStats is the writer goroutine's account of its work since the
// store opened. The writer is the one part of the sandbox that cannot run
// on two cores at once, so Busy over the time it covers is how near the
// sandbox is to the most its one writer allows.
type WriterStats struct {
	// Transactions counts the write transactions run, refused ones and
	// those that only read on the writer included.
	Transactions int
	// Commits counts the SQLite commits that carried them.
	Commits int
	// Busy is the wall time spent running batches: from taking the first
	// job to answering the last, committing included.
	Busy time.Duration
}

// WriterStats returns the writer's account so far. It is read by a
// transaction of its own, which the figures do not yet include.
func (s *Server) WriterStats(ctx context.Context) (WriterStats, error) {
	var w WriterStats
	err := s.st.inTx(ctx, func(*tx) error { w = s.st.stats; return nil })
	return w, err
}
