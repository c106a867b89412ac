package sandbox

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Server's Prometheus metrics, on a registry of its own
// (two Servers in one process count apart). No label holds a value from a
// request: routes are the mux's patterns, never paths with ids in them.
type metrics struct {
	reg        *prometheus.Registry
	runtime    sync.Once // registers the Go and process collectors, at the first scrape
	requests   *prometheus.CounterVec
	steps      *prometheus.CounterVec
	waits      prometheus.Gauge
	deliveries *prometheus.CounterVec
	delivering prometheus.Gauge
}

// newMetrics makes the metrics and registers them; the Go and process
// collectors are registered at the first scrape (handler).
func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onboard_sandbox_requests_total",
			Help: "HTTP requests answered, by route pattern and status."}, []string{"route", "status"}),
		steps: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onboard_sandbox_onboarding_steps_total",
			Help: "Onboarding steps reached (the webhook event types), by step."}, []string{"step"}),
		waits: prometheus.NewGauge(prometheus.GaugeOpts{Name: "onboard_sandbox_outbox_waits",
			Help: "GET /sandbox/outbox?wait= requests held now."}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onboard_sandbox_webhook_deliveries_total",
			Help: "Webhook delivery attempts, by outcome (delivered, pending: failed and to be retried, failed: given up)."}, []string{"outcome"}),
		delivering: prometheus.NewGauge(prometheus.GaugeOpts{Name: "onboard_sandbox_webhook_delivering",
			Help: "1 while this process delivers the webhooks (one process of a shared sandbox at a time), else 0."}),
	}
	m.reg.MustRegister(m.requests, m.steps, m.waits, m.deliveries, m.delivering)
	return m
}

// request counts one answered request.
func (m *metrics) request(route string, status int) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
}

// step counts an onboarding step reached (an event committed).
func (m *metrics) step(typ string) { m.steps.WithLabelValues(typ).Inc() }

// delivered counts one delivery attempt's outcome.
func (m *metrics) delivered(outcome string) { m.deliveries.WithLabelValues(outcome).Inc() }

// leads records whether this process delivers the webhooks now.
func (m *metrics) leads(yes bool) {
	if yes {
		m.delivering.Set(1)
	} else {
		m.delivering.Set(0)
	}
}

// handler serves GET /metrics in Prometheus' text format. The Go and
// process collectors are registered at the first scrape: they read the
// runtime and /proc only when scraped, and making them cost 0.3 ms of
// every embedded sandbox's start, which is never scraped.
func (m *metrics) handler() http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.runtime.Do(func() {
			m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		})
		h.ServeHTTP(w, r)
	})
}
