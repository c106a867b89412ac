package sandbox

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// One process delivers at a time. On PostgreSQL the processes of a
// shared sandbox elect it with a session advisory lock (hookLeaderClass), held on a
// connection of its own: the process holding it leases and sends, the
// others only commit events and try for the lock every hookPoll, so a
// process that dies (its session ends, and the lock with it) is replaced
// within hookPoll. Two deliverers on one database each leased, sent and
// recorded half the events with twice the connections and goroutines in
// flight, and two processes gave 0.80 of one's throughput; with one
// deliverer, 0.93 (bench/RESULTS.md, "webhooks on two processes"). The
// deliverer leases its own process's commits by key (webhook_news.go)
// and finds the others' by a scan every hookPeerScan.

// hookLeaderClass is the first half of the delivering process's session
// advisory lock; the second is its schema's hash, so that sandboxes on
// other schemas of one database (the tests') each elect their own.
const hookLeaderClass = 0x686f6f6b

// hookPeerScan is how often the delivering process of a shared sandbox
// scans for what the other processes committed: their events' delay
// from commit to first attempt, at most.
const hookPeerScan = 50 * time.Millisecond

// scanEvery is how often the deliverer looks through every due
// delivery: on PostgreSQL for the other processes' events, on SQLite
// (one process) only in case.
func (s *Server) scanEvery() time.Duration {
	if s.st.pg != nil {
		return hookPeerScan
	}
	return hookPoll
}

// follow waits while another process delivers, forgetting what this
// one's commits told it (the deliverer finds those by its scan).
func (s *Server) follow(ctx context.Context) {
	s.st.fresh.take(freshMax)
	s.retries.take(time.Now().Add(WebhookTimeout+hookLease), freshMax)
	t := time.NewTimer(hookPoll)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// hookLeader is this process's hold on hookLeaderKey.
type hookLeader struct {
	dsn     string    // empty on SQLite: one process, which always delivers
	conn    *pgx.Conn // the session holding the lock; nil when not held
	checked time.Time // when conn was last seen alive
}

// held reports whether this process delivers now, taking the lock when
// it is free and checking, every hookPoll, that the session holding it
// is still there.
func (l *hookLeader) held(ctx context.Context) bool {
	if l.dsn == "" {
		return true
	}
	if ctx.Err() != nil {
		return false
	}
	if l.conn != nil {
		if time.Since(l.checked) < hookPoll {
			return true
		}
		if l.conn.Ping(ctx) == nil {
			l.checked = time.Now()
			return true
		}
		l.release()
	}
	c, err := pgx.Connect(ctx, l.dsn)
	if err != nil {
		return false
	}
	var ok bool
	if err := c.QueryRow(ctx, "SELECT pg_try_advisory_lock($1::int4, hashtext(current_schema()))", int32(hookLeaderClass)).Scan(&ok); err != nil || !ok {
		c.Close(context.Background()) //nolint:errcheck // not ours to keep
		return false
	}
	l.conn, l.checked = c, time.Now()
	return true
}

// release ends the session, and the lock with it.
func (l *hookLeader) release() {
	if l.conn != nil {
		l.conn.Close(context.Background()) //nolint:errcheck // the session ends either way
		l.conn = nil
	}
}
