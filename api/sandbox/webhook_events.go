package sandbox

import (
	"encoding/json"
	"fmt"
	"time"
)

// Event types, as LinkCy's webhook catalogue names them (CONSUMER_UPDATED
// carries what changed). Weavr's and FinHub's are in
// webhook_provider_events.go.
const (
	EventConsumerCreated      = "CONSUMER_CREATED"
	EventConsumerUpdated      = "CONSUMER_UPDATED"
	EventConsumerKYCCreated   = "CONSUMER_KYC_CREATED"
	EventConsumerKYCUpdated   = "CONSUMER_KYC_UPDATED"
	EventConsumerKYCValidated = "CONSUMER_KYC_VALIDATED"
)

// event writes an event about subject (a consumer, as "linkcy:<id>",
// "weavr:<id>" or "finhub:<id>") in this transaction, with one delivery per endpoint
// registered now. data is the event's payload beside its type and time.
func (t *tx) event(subject, typ string, data map[string]any) error {
	body, err := json.Marshal(map[string]any{"type": typ, "timestamp": t.now.UTC().Format(time.RFC3339Nano), "data": data})
	if err != nil {
		return fmt.Errorf("sandbox: encoding a %s event: %w", typ, err)
	}
	// On PostgreSQL two transactions about one consumer both write its row,
	// so the second waits for the first, is refused and runs again: its
	// event takes a later seq, and a consumer's events are in seq order.
	var seq int64
	if err := t.row("INSERT INTO webhook_events (id, type, subject, payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
		"msg_"+newToken(), typ, subject, string(body), unix(t.now)).Scan(&seq); err != nil {
		return fmt.Errorf("sandbox: writing a %s event: %w", typ, err)
	}
	res, err := t.exec(`INSERT INTO webhook_deliveries (event_seq, endpoint_id, subject, next_at)
		SELECT ?, id, ?, ? FROM webhook_endpoints`, seq, subject, unix(time.Now()))
	if err != nil {
		return err
	}
	t.hooks.types = append(t.hooks.types, typ)
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		t.hooks.seqs = append(t.hooks.seqs, seq) // deliveries to send
	}
	return nil
}

// consumerEvent writes a LinkCy consumer event: its id and partner, and
// what changed.
func (t *tx) consumerEvent(typ string, c *consumerRow, change string, extra map[string]any) error {
	data := map[string]any{"consumerId": c.ID, "partnerName": c.Partner}
	if change != "" {
		data["change"] = change
	}
	for k, v := range extra {
		data[k] = v
	}
	return t.event("linkcy:"+c.ID, typ, data)
}

// kycEvent writes the event of a LinkCy KYC application reaching its
// status: CONSUMER_KYC_CREATED, CONSUMER_KYC_VALIDATED, or
// CONSUMER_KYC_UPDATED for any other.
func (t *tx) kycEvent(k *kycRow) error {
	typ := EventConsumerKYCUpdated
	switch k.Status {
	case "CREATED":
		typ = EventConsumerKYCCreated
	case "VALIDATED":
		typ = EventConsumerKYCValidated
	}
	return t.event("linkcy:"+k.ConsumerID, typ, map[string]any{"consumerId": k.ConsumerID, "kycId": k.ID, "status": k.Status})
}

// eventsCommitted wakes the deliverer and counts the steps after a commit
// with news n: the deliveries it wrote, kept for the deliverer.
func (s *store) eventsCommitted(n hookNews) {
	if !n.any() {
		return
	}
	s.fresh.add(n)
	if len(n.seqs) > 0 && s.delivering != nil {
		s.delivering()
	}
	s.events.fire()
	for _, typ := range n.types {
		if s.stepped != nil {
			s.stepped(typ)
		}
	}
}
