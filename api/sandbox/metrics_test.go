package sandbox_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// metricsText reads GET /metrics.
func metricsText(t *testing.T, env *sandboxtest.Env) string {
	t.Helper()
	res, err := http.Get(env.HTTP.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET /metrics: %d %s", res.StatusCode, body)
	}
	return string(body)
}

// TestMetrics: /metrics counts requests by route pattern (never by path),
// onboarding steps with or without a webhook endpoint, and delivery
// outcomes; it holds no phone number.
func TestMetrics(t *testing.T) {
	t.Run("no endpoint", func(t *testing.T) {
		env := sandboxtest.Start(t, sandbox.Options{})
		if st, out, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil)); st != 201 {
			t.Fatalf("create: %d %v", st, out)
		}
		m := metricsText(t, env)
		for _, want := range []string{`onboard_sandbox_onboarding_steps_total{step="CONSUMER_CREATED"} 1`,
			`onboard_sandbox_requests_total{route="POST /linkcy/api/partner/consumers",status="201"} 1`} {
			if !strings.Contains(m, want) {
				t.Errorf("no %s in:\n%s", want, grepLines(m, "onboard_sandbox"))
			}
		}
		if strings.Contains(m, "612345678") {
			t.Error("the phone number is in /metrics")
		}
		// The Go and process collectors, registered at the first scrape,
		// are in that first answer.
		for _, want := range []string{"go_goroutines ", "process_start_time_seconds "} {
			if !strings.Contains(m, want) {
				t.Errorf("no %s in the first scrape", want)
			}
		}
	})
	t.Run("deliveries", func(t *testing.T) {
		secret := sandbox.NewWebhookSecret()
		recv := sandboxtest.StartWebhookReceiver(t, secret, 0)
		env := sandboxtest.Start(t, sandbox.Options{Webhooks: []string{recv.URL}, WebhookSecret: secret, WebhookSchedule: fastRetries})
		if st, out, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil)); st != 201 {
			t.Fatalf("create: %d %v", st, out)
		}
		settled(t, env)
		want := `onboard_sandbox_webhook_deliveries_total{outcome="delivered"} 1`
		for range 50 { // counted once the outcome is committed
			if strings.Contains(metricsText(t, env), want) {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Errorf("no %s in:\n%s", want, grepLines(metricsText(t, env), "onboard_sandbox"))
	})
}

// grepLines is the lines of s that hold sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
