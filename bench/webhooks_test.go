//go:build unix

package bench

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// hookReceiver is the partner's endpoint for the PostgreSQL benchmark: it
// fails a share of the deliveries with a 500, as the team test's does,
// and times each event from its transaction (the payload's timestamp,
// taken when the transaction began: within milliseconds of its commit)
// to the first 2xx answer. It does not verify signatures: the tests do.
type hookReceiver struct {
	url      string
	mu       sync.Mutex
	attempts map[string]int
	all      []time.Duration // every event, retries included
	first    []time.Duration // the events taken at their first attempt
	last     time.Time
}

// startHookReceiver runs a receiver that fails failShare of the attempts.
func startHookReceiver(b *testing.B, failShare float64) *hookReceiver {
	hr := &hookReceiver{attempts: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		now := time.Now()
		hr.mu.Lock()
		defer hr.mu.Unlock()
		id := r.Header.Get("webhook-id")
		hr.attempts[id]++
		hr.last = now
		if rand.Float64() < failShare {
			http.Error(w, "failing on purpose", http.StatusInternalServerError)
			return
		}
		var ev struct {
			Timestamp time.Time `json:"timestamp"`
		}
		if err := json.Unmarshal(body, &ev); err == nil && hr.attempts[id] > 0 {
			d := now.Sub(ev.Timestamp)
			hr.all = append(hr.all, d)
			if hr.attempts[id] == 1 {
				hr.first = append(hr.first, d)
			}
			hr.attempts[id] = -1 << 30 // taken: a later attempt is not timed again
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	b.Cleanup(srv.Close)
	hr.url = srv.URL
	return hr
}

// settle waits until no delivery has come for 4 s (longer than the
// schedule's longest wait; at most a minute): the deliveries still due
// after the load.
func (hr *hookReceiver) settle() {
	for range 600 {
		hr.mu.Lock()
		quiet := time.Since(hr.last) > 4*time.Second
		hr.mu.Unlock()
		if quiet {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// report adds the latency percentiles to the benchmark's metrics.
func (hr *hookReceiver) report(b *testing.B) {
	hr.settle()
	hr.mu.Lock()
	defer hr.mu.Unlock()
	pct := func(ds []time.Duration, q float64) float64 {
		if len(ds) == 0 {
			return 0
		}
		ds = slices.Clone(ds)
		slices.Sort(ds)
		return float64(ds[int(q*float64(len(ds)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(hr.all)), "events")
	b.ReportMetric(pct(hr.all, 0.50), "hook-p50-ms")
	b.ReportMetric(pct(hr.all, 0.99), "hook-p99-ms")
	b.ReportMetric(pct(hr.first, 0.50), "hook-first-p50-ms")
	b.ReportMetric(pct(hr.first, 0.99), "hook-first-p99-ms")
}
