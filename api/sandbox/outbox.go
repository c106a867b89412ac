package sandbox

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
)

// Message is one SMS or email the sandbox "sent" (outbox.Message).
type Message = outbox.Message

// send writes m to the outbox inside the transaction that caused it, so a
// message exists exactly when its state change does. On PostgreSQL it is
// written last, just before the commit (writeOutbox): the outbox's turn,
// which the insert takes, then lasts no longer than the commit.
func (t *tx) send(consumerID string, m Message) error {
	t.sent = true
	if t.pg != nil {
		t.outgoing = append(t.outgoing, outgoing{consumerID, m})
		return nil
	}
	return t.insertMessage(consumerID, m)
}

// outgoing is a message a PostgreSQL transaction writes at its end.
type outgoing struct {
	consumerID string
	m          Message
}

// writeOutbox writes the messages a PostgreSQL transaction sent, in the
// outbox's turn: transactions that write the outbox commit one at a time,
// so that ids become visible in the order they were given.
func (t *tx) writeOutbox() error {
	if len(t.outgoing) == 0 {
		return nil
	}
	if err := t.pgOutboxTurn(); err != nil {
		return err
	}
	for _, o := range t.outgoing {
		if err := t.insertMessage(o.consumerID, o.m); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) insertMessage(consumerID string, m Message) error {
	_, err := t.exec(`INSERT INTO outbox (consumer_id, channel, recipient, subject, text, secret, code, link, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		consumerID, m.Channel, m.Recipient, m.Subject, m.Text, m.Secret, m.Code, m.Link, unix(t.now))
	return err
}

// outbox reads the messages to recipients (none: to anybody) after id
// since, oldest first.
func (s *store) outbox(ctx context.Context, recipients []string, partner string, since int64) ([]Message, error) {
	q := `SELECT id, channel, recipient, subject, text, secret, code, link, created_at FROM outbox WHERE id > ?`
	args := []any{since}
	if len(recipients) > 0 {
		q += ` AND recipient IN (?` + strings.Repeat(", ?", len(recipients)-1) + `)`
		for _, r := range recipients {
			args = append(args, r)
		}
	}
	if partner != "" {
		q += ` AND consumer_id IN (SELECT id FROM consumers WHERE partner = ?)`
		args = append(args, partner)
	}
	q += ` ORDER BY id LIMIT 500`
	msgs := []Message{}
	err := s.read(ctx, func(t *tx) error {
		rows, err := t.query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Message
			var at int64
			if err := rows.Scan(&m.ID, &m.Channel, &m.Recipient, &m.Subject, &m.Text, &m.Secret, &m.Code, &m.Link, &at); err != nil {
				return err //nolint:wrapcheck // wrapped below
			}
			m.Time = fromUnix(at)
			msgs = append(msgs, m)
		}
		return rows.Err() //nolint:wrapcheck // wrapped below
	})
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading the outbox: %w", err)
	}
	return msgs, nil
}

// MaxOutboxWait is the longest GET /sandbox/outbox?wait=… holds a request.
const MaxOutboxWait = outbox.MaxWait

// handleOutbox serves GET /sandbox/outbox?recipient=…&partner=…&since=…&wait=…:
// recipient may be given more than once; partner keeps the messages to
// that partner's consumers, and a shared sandbox requires it (see
// outboxTenant); wait (whole seconds, at most MaxOutboxWait)
// holds the request until there is a message to answer with, so that the
// sandbox phone asks once where it would have asked every second or so.
func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var since int64
	if v := q.Get("since"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return fieldErr(codeValidation, "since", v, "since must be a message id (a whole number).")
		}
		since = n
	}
	var wait time.Duration
	if v := q.Get("wait"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || time.Duration(n)*time.Second > MaxOutboxWait {
			return fieldErr(codeValidation, "wait", v, "wait must be whole seconds from 0 to %d.", int(MaxOutboxWait/time.Second))
		}
		wait = time.Duration(n) * time.Second
	}
	partner, err := s.outboxTenant(q.Get("partner"))
	if err != nil {
		return err
	}
	recipients := slices.DeleteFunc(q["recipient"], func(r string) bool { return r == "" })
	var timeout <-chan time.Time
	if wait > 0 {
		s.metrics.waits.Inc()
		defer s.metrics.waits.Dec()
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	for {
		news := s.st.news.wait() // before reading: a message sent meanwhile still wakes us
		msgs, err := s.st.outbox(r.Context(), recipients, partner, since)
		if err != nil {
			return err
		}
		if len(msgs) > 0 || wait == 0 {
			writeJSON(w, http.StatusOK, map[string]any{"messages": msgs})
			return nil
		}
		select {
		case <-news:
		case <-timeout:
			wait = 0 // answer with what there is: nothing
		case <-s.ending:
			wait = 0
		case <-r.Context().Done():
			return nil // the phone hung up; nobody to answer
		}
	}
}

// EndWaits answers every request held by GET /sandbox/outbox?wait=… at
// once, and every later one without waiting. Register it with the
// http.Server's RegisterOnShutdown, so that Shutdown does not wait for
// them.
func (s *Server) EndWaits() { s.endOnce.Do(func() { close(s.ending) }) }
