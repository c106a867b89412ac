package sandbox

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// One process delivers at a time. On PostgreSQL the processes of a
// shared sandbox elect it with a session advisory lock (hookLeaderClass),
// held on a connection of its own: the process holding it leases and
// sends, the others only commit events and try for the lock every
// hookPoll, so a process that dies (its session ends, and the lock with
// it) is replaced within hookPoll, and one cut off from the database
// within seconds (leads). On PostgreSQL every process starts its
// deliverer at once (a follower costs a session and a try every
// hookPoll); alone on SQLite, with its endpoints or its first delivery
// (store.delivering). Two deliverers on one database each leased, sent and
// recorded half the events with twice the connections and goroutines in
// flight, and two processes gave 0.80 of one's throughput; with one
// deliverer, 0.93 (bench/RESULTS.md, "webhooks on two processes"). The
// deliverer leases its own process's commits by key (webhook_news.go)
// and finds the others' by a scan (scanPace).

// hookLeaderClass is the first half of the delivering process's session
// advisory lock; the second is its schema's hash, so that sandboxes on
// other schemas of one database (the tests') each elect their own (two
// schemas whose names hash alike would take turns, one waiting while the
// other's deliverer lives: for a test's random names, one chance in four
// billion).
const hookLeaderClass = 0x686f6f6b

// hookPeerScan is how often the delivering process of a shared sandbox
// scans for what the other processes committed while scans find some:
// their events' delay from commit to first attempt, at most, when busy.
const hookPeerScan = 50 * time.Millisecond

// scanPace is how often the deliverer looks through every due delivery.
// On PostgreSQL it is every hookPeerScan while the scans find something,
// and slows, doubling, to hookPoll while they find nothing: an idle
// shared sandbox, or one with no endpoints, scans twice a second, not
// twenty times. On SQLite (one process) it is hookPoll, only in case.
type scanPace struct {
	least, every time.Duration
}

// newScanPace starts at the quickest pace for s's database.
func (s *Server) newScanPace() *scanPace {
	least := hookPoll
	if s.st.pg != nil {
		least = hookPeerScan
	}
	return &scanPace{least: least, every: least}
}

// after sets the pace by a round that leased n deliveries and, if
// scanned, looked through them all.
func (p *scanPace) after(n int, scanned bool) {
	switch {
	case n > 0:
		p.every = p.least
	case scanned:
		p.every = min(2*p.every, hookPoll)
	}
}

// follow waits while another process delivers, forgetting what this
// one's commits and retries told it (the deliverer finds those by its
// scan).
func (s *Server) follow(ctx context.Context) {
	s.st.fresh.take(freshMax)
	s.retries.clear()
	t := time.NewTimer(hookPoll)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// hookLeader is this process's hold on its schema's leader lock.
type hookLeader struct {
	dsn     string    // empty on SQLite: one process, which always delivers
	conn    *pgx.Conn // a session of its own, kept between tries
	held    bool      // conn holds the lock
	checked time.Time // when conn was last seen alive holding it
}

// leads reports whether this process delivers now: it tries for the
// lock when it does not hold it, and checks, every hookPoll, that the
// session holding it is still there. Every wait is bounded by hookPoll,
// and the session asks PostgreSQL to notice a vanished process within
// seconds (TCP keepalives and a user timeout), so that a leader cut off
// from the database frees the lock rather than holding it for the
// kernel's two hours.
func (l *hookLeader) leads(ctx context.Context) bool {
	if l.dsn == "" {
		return true
	}
	if l.held && time.Since(l.checked) < hookPoll {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, hookPoll)
	defer cancel()
	if l.held {
		if l.conn.Ping(ctx) != nil {
			l.release() // a session in doubt holds nothing of ours
			return false
		}
		l.checked = time.Now()
		return true
	}
	if l.conn == nil {
		if l.conn = l.connect(ctx); l.conn == nil {
			return false
		}
	}
	err := l.conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1::int4, hashtext(current_schema()))",
		int32(hookLeaderClass)).Scan(&l.held)
	if err != nil {
		l.release()
		return false
	}
	l.checked = time.Now()
	return l.held
}

// connect opens the session that holds (or tries for) the lock.
func (l *hookLeader) connect(ctx context.Context) *pgx.Conn {
	cfg, err := pgx.ParseConfig(l.dsn)
	if err != nil {
		return nil
	}
	cfg.ConnectTimeout = hookPoll
	keepalive := map[string]string{"tcp_keepalives_idle": "5", "tcp_keepalives_interval": "1",
		"tcp_keepalives_count": "3", "tcp_user_timeout": "5000"}
	for k, v := range keepalive {
		cfg.RuntimeParams[k] = v
	}
	c, err := pgx.ConnectConfig(ctx, cfg)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42704" { // a server older than tcp_user_timeout (PostgreSQL 12)
		// Only what was added goes: the DSN's own settings stay, its
		// search_path first of all, which names the schema locked.
		for k := range keepalive {
			delete(cfg.RuntimeParams, k)
		}
		c, err = pgx.ConnectConfig(ctx, cfg)
	}
	if err != nil {
		return nil
	}
	return c
}

// release ends the session, and the lock with it.
func (l *hookLeader) release() {
	if l.conn != nil {
		l.conn.Close(context.Background()) //nolint:errcheck // the session ends either way
		l.conn = nil
	}
	l.held = false
}
