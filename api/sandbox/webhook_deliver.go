package sandbox

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// Every sandbox process delivers: it leases the deliveries that are due
// (webhook_deliveries.leased_until), sends them, and writes what came
// back. A delivery waits for the one before it to the same endpoint about
// the same consumer, so a partner receives each consumer's events in
// order; a process that dies holding a lease leaves the delivery to be
// sent again once the lease ends (at least once, with the same id).

// hookBatch bounds the deliveries a process has in flight at once.
const hookBatch = 32

// hookLease is how long a process holds the deliveries it is sending.
const hookLease = WebhookTimeout + 5*time.Second

// hookPoll is the longest the deliverer sleeps: retries come due, and
// other processes of a shared sandbox may die holding leases.
const hookPoll = 500 * time.Millisecond

// hookBusyPoll is how long the deliverer sleeps while it has deliveries
// in flight, unless one ends or an event comes first.
const hookBusyPoll = 50 * time.Millisecond

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
}

// startDeliverer starts deliverLoop, once: when the Server starts with
// endpoints in its database, or when one is added.
func (s *Server) startDeliverer() {
	s.hooksOnce.Do(func() {
		s.hooksOn.Store(true)
		go s.deliverLoop()
	})
}

// deliverLoop sends due deliveries until Close. Each is sent and its
// outcome written on its own, up to hookBatch at once: a slow endpoint
// holds its own deliveries, not the others' (a round that waited for
// its slowest send held every consumer's next event behind it). A
// finished delivery wakes the loop, as its consumer's next event may now
// go.
func (s *Server) deliverLoop() {
	defer close(s.hooksDone)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-s.hooksStop; cancel() }()
	var sending sync.WaitGroup
	defer sending.Wait()
	slots := make(chan struct{}, hookBatch)
	done := make(chan struct{}, 1)
	for {
		wake := s.st.events.wait()
		free := hookBatch - len(slots)
		due, err := s.leaseDue(ctx, free)
		if err != nil && ctx.Err() == nil {
			s.opts.Logger.Error("webhooks", "err", err)
		}
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
		if free > 0 && len(due) == free { // more may be waiting
			continue
		}
		// With deliveries in flight, each that ends wakes the loop; the
		// timer is then only for retries coming due, and the query that
		// finds the next one (a round trip per wake, which under load left
		// a lone deliverer leasing one delivery per round) is spared.
		wait := hookBusyPoll
		if len(due) == 0 && len(slots) == 0 {
			wait = s.untilDue(ctx)
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

// untilDue is how long the deliverer may sleep: until the next delivery
// it could lease is due (one not leased, first of its consumer's), and
// never more than hookPoll.
func (s *Server) untilDue(ctx context.Context) time.Duration {
	var next sql.NullInt64
	err := s.st.read(ctx, func(t *tx) error {
		return t.row(`SELECT MIN(d.next_at) FROM webhook_deliveries d WHERE d.state = 'pending' AND d.leased_until <= ?
			AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id AND o.subject = d.subject
				AND o.state = 'pending' AND o.event_seq < d.event_seq)`, unix(time.Now())).Scan(&next)
	})
	if err != nil || !next.Valid {
		return hookPoll
	}
	return min(max(time.Until(fromUnix(next.Int64)), 5*time.Millisecond), hookPoll)
}

// leaseDue takes up to n deliveries that are due.
func (s *Server) leaseDue(ctx context.Context, n int) ([]*delivery, error) {
	if n <= 0 {
		return nil, nil
	}
	var out []*delivery
	err := s.st.inTxRC(ctx, func(t *tx) error {
		out = out[:0]
		now := unix(time.Now())
		q := `SELECT d.event_seq, d.endpoint_id, d.attempts, e.id, e.payload, p.url, p.secret
			FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.event_seq JOIN webhook_endpoints p ON p.id = d.endpoint_id
			WHERE d.state = 'pending' AND d.next_at <= ?1 AND d.leased_until <= ?1
			AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id AND o.subject = d.subject
				AND o.state = 'pending' AND o.event_seq < d.event_seq)
			ORDER BY d.event_seq LIMIT ?2`
		if t.pg != nil {
			// Rows another process is leasing are skipped, not waited for.
			q += " FOR UPDATE OF d SKIP LOCKED"
		}
		rows, err := t.query(q, now, n)
		if err != nil {
			return err
		}
		for rows.Next() {
			d := &delivery{}
			if err := rows.Scan(&d.seq, &d.endpoint, &d.attempts, &d.eventID, &d.payload, &d.url, &d.key); err != nil {
				rows.Close()
				return fmt.Errorf("sandbox: reading deliveries: %w", err)
			}
			out = append(out, d)
		}
		rows.Close()
		for _, d := range out {
			if _, err := t.exec("UPDATE webhook_deliveries SET leased_until = ? WHERE event_seq = ? AND endpoint_id = ?",
				now+hookLease.Milliseconds(), d.seq, d.endpoint); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// deliverOne sends d and writes its outcome; once d is delivered, the
// same transaction leases its consumer's next delivery if it is due,
// and it is sent at once: a consumer's events follow each other without
// a round of the loop (a lease transaction and a wake) between them.
func (s *Server) deliverOne(ctx context.Context, d *delivery) {
	for d != nil && ctx.Err() == nil {
		s.send(ctx, d)
		var next *delivery
		err := s.st.inTxRC(context.WithoutCancel(ctx), func(t *tx) error {
			next = nil
			if err := s.record(t, d); err != nil || !d.ok {
				return err
			}
			var err error
			next, err = s.leaseNext(t, d)
			return err
		})
		if err != nil {
			s.opts.Logger.Error("webhooks", "err", err)
			return
		}
		d = next
	}
}

// leaseNext leases the delivery after d to d's endpoint about d's
// consumer, if it is due and first of the consumer's; nil if none.
func (s *Server) leaseNext(t *tx, d *delivery) (*delivery, error) {
	now := unix(time.Now())
	q := `SELECT d.event_seq, d.endpoint_id, d.attempts, e.id, e.payload, p.url, p.secret
		FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.event_seq JOIN webhook_endpoints p ON p.id = d.endpoint_id
		WHERE d.endpoint_id = ?1 AND d.subject = (SELECT subject FROM webhook_deliveries WHERE event_seq = ?2 AND endpoint_id = ?1)
		AND d.state = 'pending' AND d.event_seq > ?2 AND d.next_at <= ?3 AND d.leased_until <= ?3
		AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id AND o.subject = d.subject
			AND o.state = 'pending' AND o.event_seq < d.event_seq)
		ORDER BY d.event_seq LIMIT 1`
	if t.pg != nil {
		q += " FOR UPDATE OF d SKIP LOCKED"
	}
	n := &delivery{}
	err := t.row(q, d.endpoint, d.seq, now).Scan(&n.seq, &n.endpoint, &n.attempts, &n.eventID, &n.payload, &n.url, &n.key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading the next delivery: %w", err)
	}
	_, err = t.exec("UPDATE webhook_deliveries SET leased_until = ? WHERE event_seq = ? AND endpoint_id = ?",
		now+hookLease.Milliseconds(), n.seq, n.endpoint)
	return n, err
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
func (s *Server) record(t *tx, d *delivery) error {
	now := time.Now()
	attempts := d.attempts + 1
	state, next := "delivered", unix(now)
	if !d.ok {
		wait, again := s.retryAfter(attempts)
		state, next = "failed", unix(now)
		if again {
			state, next = "pending", unix(now.Add(wait))
		}
	}
	s.metrics.delivered(state)
	_, err := t.exec(`UPDATE webhook_deliveries SET state = ?, attempts = ?, next_at = ?, leased_until = 0,
		last_status = ?, last_error = ?, last_at = ? WHERE event_seq = ? AND endpoint_id = ?`,
		state, attempts, next, d.status, d.errText, unix(now), d.seq, d.endpoint)
	return err
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
