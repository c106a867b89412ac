package sandbox

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// The delivering process (one of a shared sandbox's, webhook_leader.go)
// leases the deliveries that are due (webhook_deliveries.leased_until),
// sends them, and writes what came back. A delivery waits for the one before it to the same endpoint about
// the same consumer, so a partner receives each consumer's events in
// order; a process that dies holding a lease leaves the delivery to be
// sent again once the lease ends (at least once, with the same id).

// hookBatch bounds the deliveries a process has in flight at once.
const hookBatch = 32

// hookLease is how long a process holds the deliveries it is sending.
const hookLease = WebhookTimeout + 5*time.Second

// hookPoll is the longest a deliverer goes without looking through every
// due delivery (scanPace), and how often a process of a shared sandbox
// that does not deliver tries to, and one that does checks its hold
// (webhook_leader.go).
const hookPoll = 500 * time.Millisecond

// hookGather is how long a busy deliverer lets wakes gather before it
// leases again: at 10 ms two processes' deliverers leased in more,
// smaller rounds (8.2–8.3 READ COMMITTED transactions per onboarding, at
// 30 ms 7.4–7.7; bench/RESULTS.md).
const hookGather = 30 * time.Millisecond

// delivery is one leased delivery, with what sending it needs.
type delivery struct {
	seq               int64
	endpoint, eventID string
	payload, url, key string
	attempts, status  int
	errText           string
	ok                bool
	leasedUntil       int64 // the lease this process wrote (unix ms): release gives back only it
}

// startDeliverer starts deliverLoop, once: when the Server starts with
// endpoints in its database, or when one is added.
func (s *Server) startDeliverer() {
	s.hooksOnce.Do(func() {
		s.hooksOn.Store(true)
		go s.deliverLoop()
	})
}

// deliverLoop sends due deliveries until Close, while this process is
// the one that delivers (webhook_leader.go). Each is sent and its
// outcome written on its own, up to hookBatch at once: a slow endpoint
// holds its own deliveries, not the others' (a round that waited for
// its slowest send held every consumer's next event behind it). A
// finished delivery wakes the loop, as its consumer's next event may now
// go; a commit wakes it with the deliveries it wrote (webhook_news.go).
func (s *Server) deliverLoop() {
	defer close(s.hooksDone)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-s.hooksStop; cancel() }()
	var sending sync.WaitGroup
	defer sending.Wait()
	slots := make(chan struct{}, hookBatch)
	done := make(chan struct{}, 1)
	lead := &hookLeader{dsn: s.st.pgDSN}
	defer lead.release()
	var scanned time.Time // zero: scan what was pending before this process started
	again := false
	pace := s.newScanPace()
	defer s.metrics.leads(false)
	for ctx.Err() == nil {
		leads := lead.leads(ctx)
		s.metrics.leads(leads)
		if !leads {
			s.follow(ctx)
			scanned, again, pace = time.Time{}, false, s.newScanPace()
			continue
		}
		wake := s.st.events.wait()
		var due []*delivery
		before := scanned
		due, again = s.leaseRound(ctx, hookBatch-len(slots), again || time.Since(scanned) >= pace.every, &scanned)
		pace.after(len(due), scanned != before)
		for _, d := range due {
			slots <- struct{}{}
			sending.Go(func() {
				defer func() {
					<-slots
					select {
					case done <- struct{}{}:
					default:
					}
				}()
				s.deliverOne(ctx, d)
			})
		}
		if (again || s.st.fresh.waiting()) && len(slots) < hookBatch {
			continue
		}
		wait := s.untilLook(scanned.Add(pace.every))
		if len(slots) == hookBatch {
			wait = hookPoll // full: a finished send wakes the loop, not a clock
		}
		t := time.NewTimer(wait)
		select {
		case <-wake:
		case <-done:
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return
		}
		t.Stop()
		if len(slots) > 0 {
			// Let the wakes of a busy moment gather: one lease then takes
			// what a dozen would have looked for one by one.
			time.Sleep(hookGather)
		}
	}
}

// leaseRound leases up to free deliveries: first those this process's
// commits wrote and its retries come due, by their keys, then, if scan,
// any that are due (and then sets scanned). again says the round was cut
// short by free and should be followed at once by one that scans.
func (s *Server) leaseRound(ctx context.Context, free int, scan bool, scanned *time.Time) (due []*delivery, again bool) {
	if free <= 0 {
		return nil, scan // a finished send wakes the loop
	}
	seqs, asked := s.st.fresh.take(free)
	seqs = append(seqs, s.retries.take(time.Now(), free-len(seqs))...)
	scan = scan || asked
	if len(seqs) > 0 {
		d, err := s.leaseKeys(ctx, seqs, free)
		s.logLease(ctx, err)
		due = d
		again = len(d) == free // some of seqs may be left for the scan
	}
	if scan && len(due) < free {
		*scanned = time.Now()
		d, err := s.lease(ctx, "", nil, free-len(due))
		s.logLease(ctx, err)
		again = again || len(d) == free-len(due) // more may be waiting
		due = append(due, d...)
	}
	return due, again
}

// untilLook is how long the deliverer may sleep: until this process's
// next retry is due, or its next scan at scan (what other processes
// committed), whichever comes first.
func (s *Server) untilLook(scan time.Time) time.Duration {
	wait := time.Until(scan)
	if next := s.retries.next(); !next.IsZero() {
		wait = min(wait, time.Until(next))
	}
	return max(wait, time.Millisecond)
}

// logLease logs a failed lease, unless the deliverer is stopping.
func (s *Server) logLease(ctx context.Context, err error) {
	if err != nil && ctx.Err() == nil {
		s.opts.Logger.Error("webhooks", "err", err)
	}
}

// leaseKeys leases the due deliveries of the events seqs, up to n, each
// looked up by its key with one SQL text run once a seq (a list of keys
// in one statement made a text, and a plan, for each length: 24 ms a
// lease).
func (s *Server) leaseKeys(ctx context.Context, seqs []int64, n int) ([]*delivery, error) {
	var out []*delivery
	err := s.st.inTxRC(ctx, func(t *tx) error {
		out = out[:0]
		for _, seq := range seqs {
			d, err := t.lease(" AND d.event_seq = ?", []any{seq}, n-len(out))
			if err != nil {
				return err
			}
			if out = append(out, d...); len(out) == n {
				break
			}
		}
		return nil
	})
	return out, err
}

// lease leases up to n deliveries that are due, first of their
// consumer's to their endpoint, and match where (a condition on d, with
// its args), in event order.
func (s *Server) lease(ctx context.Context, where string, args []any, n int) ([]*delivery, error) {
	var out []*delivery
	err := s.st.inTxRC(ctx, func(t *tx) (err error) {
		out, err = t.lease(where, args, n)
		return err
	})
	return out, err
}

// lease is Server.lease in transaction t.
func (t *tx) lease(where string, args []any, n int) ([]*delivery, error) {
	now := unix(time.Now())
	q := `SELECT d.event_seq, d.endpoint_id, d.attempts, e.id, e.payload, p.url, p.secret
		FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.event_seq JOIN webhook_endpoints p ON p.id = d.endpoint_id
		WHERE d.state = 'pending' AND d.next_at <= ? AND d.leased_until <= ?` + where + `
		AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id AND o.subject = d.subject
			AND o.state = 'pending' AND o.event_seq < d.event_seq)
		ORDER BY d.event_seq LIMIT ?`
	if t.pg != nil {
		// Rows another process is leasing are skipped, not waited for.
		q += " FOR UPDATE OF d SKIP LOCKED"
	}
	rows, err := t.query(q, append(append([]any{now, now}, args...), n)...)
	if err != nil {
		return nil, err
	}
	var out []*delivery
	for rows.Next() {
		d := &delivery{}
		if err := rows.Scan(&d.seq, &d.endpoint, &d.attempts, &d.eventID, &d.payload, &d.url, &d.key); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sandbox: reading deliveries: %w", err)
		}
		out = append(out, d)
	}
	rows.Close()
	for _, d := range out {
		d.leasedUntil = now + hookLease.Milliseconds()
		if _, err := t.exec("UPDATE webhook_deliveries SET leased_until = ? WHERE event_seq = ? AND endpoint_id = ?",
			d.leasedUntil, d.seq, d.endpoint); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// deliverOne sends d and writes its outcome; once d is done with
// (delivered, or given up), the same transaction leases its consumer's
// next delivery if it is due, and it is sent at once: a consumer's events
// follow each other without a round of the loop (a lease transaction and
// a wake) between them. A retry is kept by key once its outcome is
// committed (before, its lease still stood and the key found nothing).
func (s *Server) deliverOne(ctx context.Context, d *delivery) {
	defer func() {
		if d != nil && ctx.Err() != nil {
			// This process is stopping: what it holds and has not sent, or
			// sent and got no answer for, goes back uncounted.
			s.release(d)
		}
	}()
	for d != nil && ctx.Err() == nil {
		s.send(ctx, d)
		if d.status == 0 && ctx.Err() != nil {
			return // cut short by this process's stop: not the endpoint's failure
		}
		var next *delivery
		var state string
		var retryAt time.Time
		err := s.st.inTxRC(context.WithoutCancel(ctx), func(t *tx) error {
			var err error
			next = nil
			if state, retryAt, err = s.record(t, d); err != nil || state == "pending" {
				return err
			}
			next, err = s.leaseNext(t, d)
			return err
		})
		if err != nil {
			s.opts.Logger.Error("webhooks", "err", err)
			return
		}
		s.metrics.delivered(state)
		if state == "pending" {
			s.retries.note(d.seq, retryAt)
		}
		d = next
	}
}

// release gives d back at once, its attempt not counted: this process is
// stopping, so the endpoint did not fail it, and whichever process
// delivers next sends it without waiting out the lease. Only the lease
// this process took is given back: if it ran out meanwhile (a slow
// send), another process may hold the delivery now.
func (s *Server) release(d *delivery) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // a database in trouble does not hold Close
	defer cancel()
	err := s.st.inTxRC(ctx, func(t *tx) error {
		_, err := t.exec("UPDATE webhook_deliveries SET leased_until = 0 WHERE event_seq = ? AND endpoint_id = ? AND state = 'pending' AND leased_until = ?",
			d.seq, d.endpoint, d.leasedUntil)
		return err
	})
	if err != nil {
		s.opts.Logger.Error("webhooks", "err", err)
	}
}

// leaseNext leases the delivery after d to d's endpoint about d's
// consumer, if it is due and first of the consumer's; nil if none.
func (s *Server) leaseNext(t *tx, d *delivery) (*delivery, error) {
	out, err := t.lease(` AND d.endpoint_id = ? AND d.event_seq > ?
		AND d.subject = (SELECT subject FROM webhook_deliveries WHERE event_seq = ? AND endpoint_id = ?)`,
		[]any{d.endpoint, d.seq, d.seq, d.endpoint}, 1)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return out[0], nil
}

// inTxRC runs fn as a write transaction at READ COMMITTED on PostgreSQL
// (the deliverer's: its rows are taken with FOR UPDATE SKIP LOCKED, and
// a SERIALIZABLE lease's read of every pending delivery made the
// onboardings' own transactions, which add deliveries, be refused and
// run again); on SQLite, as inTx.
func (s *store) inTxRC(ctx context.Context, fn func(*tx) error) error {
	if s.pg == nil {
		return s.inTx(ctx, fn)
	}
	for try := 1; ; try++ {
		_, err := s.pgOnce(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}, fn)
		if err == nil || !pgConflict(err) || try == pgRetries {
			return err
		}
	}
}

// hookTransport is the deliverers' default transport: net/http's, keeping
// as many idle connections to an endpoint as deliveries may be in
// flight (its default keeps 2, so each round opened 30 anew).
func hookTransport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = hookBatch
	return tr
}

// send makes one attempt at d.
func (s *Server) send(ctx context.Context, d *delivery) {
	now := time.Now()
	sig, err := signWebhook(d.key, d.eventID, now, []byte(d.payload))
	if err != nil {
		d.errText = err.Error()
		return
	}
	ctx, cancel := context.WithTimeout(ctx, WebhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.url, bytes.NewReader([]byte(d.payload)))
	if err != nil {
		d.errText = "the endpoint URL cannot be requested"
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "onboard-sandbox-webhooks")
	req.Header.Set("webhook-id", d.eventID)
	req.Header.Set("webhook-timestamp", fmt.Sprint(now.Unix()))
	req.Header.Set("webhook-signature", sig)
	if f := s.hookFault(); f != "" {
		d.errText = "fault plan: " + f
		return
	}
	res, err := s.hookClient.Do(req)
	if err != nil {
		d.errText = api.Sanitize(trimText(err.Error(), 200))
		return
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 200))
	d.status, d.ok = res.StatusCode, res.StatusCode >= 200 && res.StatusCode < 300
	if !d.ok {
		d.errText = api.Sanitize(string(body))
	}
}

// record writes d's outcome: delivered, due again after the schedule's
// wait, or given up once the schedule is spent.
func (s *Server) record(t *tx, d *delivery) (state string, retryAt time.Time, err error) {
	now := time.Now()
	attempts := d.attempts + 1
	state, next := "delivered", unix(now)
	if !d.ok {
		wait, again := s.retryAfter(attempts)
		state, next = "failed", unix(now)
		if again {
			state, next, retryAt = "pending", unix(now.Add(wait)), now.Add(wait)
		}
	}
	_, err = t.exec(`UPDATE webhook_deliveries SET state = ?, attempts = ?, next_at = ?, leased_until = 0,
		last_status = ?, last_error = ?, last_at = ? WHERE event_seq = ? AND endpoint_id = ?`,
		state, attempts, next, d.status, d.errText, unix(now), d.seq, d.endpoint)
	return state, retryAt, err
}

// trimText cuts s to at most n bytes.
func trimText(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// hookFault draws the fault plan for one delivery, seen by the plan as a
// request "POST /sandbox/webhooks/deliveries": a fault fails the attempt
// (a latency only delays it), and it is retried as any failure is.
func (s *Server) hookFault() string {
	req, _ := http.NewRequest(http.MethodPost, "/sandbox/webhooks/deliveries", http.NoBody)
	delay, kind := s.faults.draw(req)
	if delay > 0 {
		time.Sleep(min(delay, WebhookTimeout))
	}
	if kind == faultNone {
		return ""
	}
	return kind
}
