package sandboxtest

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	svix "github.com/svix/svix-webhooks/go"
)

// Received is one event a WebhookReceiver took (answered 2xx), and when.
// Consumer is the payload's consumerId (LinkCy, Weavr) or customerId
// (FinHub); Body the payload as it came.
type Received struct {
	ID, Type, Consumer, Status string
	At                         time.Time
	Body                       []byte
}

// WebhookReceiver is a partner's webhook endpoint for a test: it verifies
// every delivery's Standard Webhooks signature with Svix's library, as a
// partner's backend would, and fails a share of them with a 500.
type WebhookReceiver struct {
	URL string

	mu sync.Mutex
	// Took lists the events answered 2xx, in the order they came.
	took []Received
	// seen counts 2xx answers per event id; badSig the deliveries whose
	// signature did not verify; failed the 500s given on purpose.
	seen           map[string]int
	badSig, failed int
	failShare      float64
}

// StartWebhookReceiver runs a receiver for secret that answers failShare
// of the deliveries with a 500, for the length of the test.
func StartWebhookReceiver(t testing.TB, secret string, failShare float64) *WebhookReceiver {
	t.Helper()
	wh, err := svix.NewWebhook(secret)
	if err != nil {
		t.Fatalf("sandboxtest: the webhook secret: %v", err)
	}
	wr := &WebhookReceiver{seen: map[string]int{}, failShare: failShare}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		wr.mu.Lock()
		defer wr.mu.Unlock()
		if err := wh.Verify(body, r.Header); err != nil {
			wr.badSig++
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if rand.Float64() < wr.failShare {
			wr.failed++
			http.Error(w, "failing on purpose", http.StatusInternalServerError)
			return
		}
		var ev struct {
			Type string `json:"type"`
			Data struct {
				ConsumerID string `json:"consumerId"`
				CustomerID string `json:"customerId"`
				Status     string `json:"status"`
			} `json:"data"`
		}
		_ = json.Unmarshal(body, &ev)
		id := r.Header.Get("webhook-id")
		if wr.seen[id] == 0 {
			wr.took = append(wr.took, Received{ID: id, Type: ev.Type, Consumer: ev.Data.ConsumerID + ev.Data.CustomerID, Status: ev.Data.Status,
				At: time.Now(), Body: body})
		}
		wr.seen[id]++
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	wr.URL = srv.URL
	return wr
}

// SetFailShare changes the share of deliveries answered with a 500 from
// now on: 1 refuses every one, 0 takes every one.
func (wr *WebhookReceiver) SetFailShare(share float64) {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	wr.failShare = share
}

// Took returns the events taken, in the order they came, each once.
func (wr *WebhookReceiver) Took() []Received {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	return append([]Received(nil), wr.took...)
}

// Counts returns how many events were taken more than once, how many
// deliveries had a signature that did not verify, and how many were
// failed on purpose.
func (wr *WebhookReceiver) Counts() (again, badSig, failed int) {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	for _, n := range wr.seen {
		if n > 1 {
			again++
		}
	}
	return again, wr.badSig, wr.failed
}
