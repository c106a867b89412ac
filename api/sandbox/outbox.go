package sandbox

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Message is one SMS or email the sandbox "sent": the sandbox phone.
type Message struct {
	ID        int64     `json:"id"`
	Channel   string    `json:"channel"` // "sms" or "email"
	Recipient string    `json:"recipient"`
	Subject   string    `json:"subject,omitempty"`
	Text      string    `json:"text"`
	Secret    string    `json:"secret,omitempty"` // a password secret
	Code      string    `json:"code,omitempty"`   // a verification code
	Link      string    `json:"link,omitempty"`   // a verification link
	Time      time.Time `json:"time"`
}

// send writes m to the outbox inside the transaction that caused it, so a
// message exists exactly when its state change does.
func (t *tx) send(consumerID string, m Message) error {
	_, err := t.exec(`INSERT INTO outbox (consumer_id, channel, recipient, subject, text, secret, code, link, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		consumerID, m.Channel, m.Recipient, m.Subject, m.Text, m.Secret, m.Code, m.Link, unix(t.now))
	return err
}

func (s *store) outbox(ctx context.Context, recipient, partner string, since int64) ([]Message, error) {
	q := `SELECT id, channel, recipient, subject, text, secret, code, link, created_at FROM outbox WHERE id > ?`
	args := []any{since}
	if recipient != "" {
		q += ` AND recipient = ?`
		args = append(args, recipient)
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

// handleOutbox serves GET /sandbox/outbox?recipient=…&partner=…&since=…;
// partner keeps the messages to that partner's consumers.
func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) error {
	var since int64
	if v := r.URL.Query().Get("since"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return fieldErr(codeValidation, "since", v, "since must be a message id (a whole number).")
		}
		since = n
	}
	msgs, err := s.st.outbox(r.Context(), r.URL.Query().Get("recipient"), r.URL.Query().Get("partner"), since)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"messages": msgs})
	return nil
}
