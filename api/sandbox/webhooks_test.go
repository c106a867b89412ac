package sandbox_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// fastRetries is a retry schedule for tests: the shape of the real one,
// in milliseconds.
var fastRetries = []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond, 160 * time.Millisecond}

// webhookList reads GET /sandbox/webhooks' deliveries, oldest first.
func webhookList(t *testing.T, env *sandboxtest.Env) []map[string]any {
	t.Helper()
	st, out, _ := call(t, env, "GET", "/sandbox/webhooks", "", nil)
	if st != 200 {
		t.Fatalf("GET /sandbox/webhooks: %d %v", st, out)
	}
	var list []map[string]any
	for _, d := range out["deliveries"].([]any) {
		list = append(list, d.(map[string]any))
	}
	slices.Reverse(list)
	return list
}

// settled waits (up to 30 s) until no delivery is pending, and returns the
// deliveries.
func settled(t *testing.T, env *sandboxtest.Env) []map[string]any {
	t.Helper()
	for range 300 {
		list := webhookList(t, env)
		if !slices.ContainsFunc(list, func(d map[string]any) bool { return d["state"] == "pending" }) {
			return list
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("deliveries still pending after 30 s: %v", webhookList(t, env))
	return nil
}

// TestWebhooksDeliveredInOrder: every state change is an event, signed as
// Standard Webhooks says (Svix's library verifies it), delivered at least
// once through a receiver that fails a fifth of the time, each id taken
// once, each consumer's events in the order they happened; a refused
// change (a second consumer with the phone) writes no event.
func TestWebhooksDeliveredInOrder(t *testing.T) {
	secret := sandbox.NewWebhookSecret()
	recv := sandboxtest.StartWebhookReceiver(t, secret, 0.2)
	env := sandboxtest.Start(t, sandbox.Options{Webhooks: []string{recv.URL}, WebhookSecret: secret, WebhookSchedule: fastRetries})
	tok := partnerToken(t, env)
	for i := range 8 {
		number := fmt.Sprintf("6123456%02d", i)
		st, out, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", number, nil))
		if st != 201 {
			t.Fatalf("create: %d %v", st, out)
		}
		if st, _, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", number, nil)); st != 409 {
			t.Fatalf("the same phone again: %d, want 409", st)
		}
		id := out["id"].(string)
		for _, email := range []string{"a@example.com", "b@example.com"} {
			if st, out, _ := call(t, env, "PATCH", api+"consumers/"+id, tok, map[string]any{"emailAddress": email}); st != 200 {
				t.Fatalf("update: %d %v", st, out)
			}
		}
	}
	list := settled(t, env)
	if len(list) != 8*3 {
		t.Fatalf("%d deliveries, want %d (3 per consumer; none for the refused ones)", len(list), 8*3)
	}
	want := map[string][]string{}
	for _, d := range list {
		if d["state"] != "delivered" {
			t.Errorf("delivery %v not delivered", d)
		}
		want[d["subject"].(string)] = append(want[d["subject"].(string)], d["eventId"].(string))
	}
	got := map[string][]string{}
	for _, r := range recv.Took() {
		got["linkcy:"+r.Consumer] = append(got["linkcy:"+r.Consumer], r.ID)
	}
	for subject, ids := range want {
		if !slices.Equal(got[subject], ids) {
			t.Errorf("%s: received %v, want %v in that order", subject, got[subject], ids)
		}
	}
	again, badSig, failed := recv.Counts()
	if again != 0 || badSig != 0 {
		t.Errorf("%d events taken twice, %d signatures that did not verify", again, badSig)
	}
	t.Logf("%d deliveries failed on purpose and retried", failed)

	// A replay sends the event again, with its id.
	first := list[0]["eventId"].(string)
	if st, out, _ := call(t, env, "POST", "/sandbox/webhooks/"+first+"/replay", "", nil); st != 202 {
		t.Fatalf("replay: %d %v", st, out)
	}
	settled(t, env)
	for range 100 {
		if again, _, _ = recv.Counts(); again == 1 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if again != 1 {
		t.Errorf("after a replay %d events were taken twice, want 1", again)
	}
	if st, _, _ := call(t, env, "POST", "/sandbox/webhooks/msg_nothing/replay", "", nil); st != 404 {
		t.Errorf("replay of an unknown id: %d, want 404", st)
	}
}

// TestWebhooksGiveUp: a delivery that never succeeds is tried once and
// once per retry of the schedule, then marked failed with the last answer.
func TestWebhooksGiveUp(t *testing.T) {
	secret := sandbox.NewWebhookSecret()
	recv := sandboxtest.StartWebhookReceiver(t, secret, 1)
	env := sandboxtest.Start(t, sandbox.Options{WebhookSchedule: fastRetries[:2]})
	st, out, _ := call(t, env, "POST", "/sandbox/webhooks", "", map[string]string{"url": recv.URL, "secret": secret})
	if st != 201 || out["secret"] != nil {
		t.Fatalf("POST /sandbox/webhooks: %d %v (a given secret is not echoed)", st, out)
	}
	call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	list := settled(t, env)
	if len(list) != 1 || list[0]["state"] != "failed" || list[0]["attempts"] != 3.0 || list[0]["lastStatus"] != 500.0 {
		t.Fatalf("deliveries %v, want one failed after 3 attempts with a 500", list)
	}
	if _, _, failed := recv.Counts(); failed != 3 {
		t.Fatalf("the receiver saw %d attempts, want 3", failed)
	}
	st, out, _ = call(t, env, "POST", "/sandbox/webhooks", "", map[string]string{"url": "ftp://x"})
	if st != 400 || !strings.Contains(jsonString(out), "http") {
		t.Fatalf("a bad URL: %d %v, want a 400 that says what to give", st, out)
	}
	st, out, _ = call(t, env, "POST", "/sandbox/webhooks", "", map[string]string{"url": "http://127.0.0.1:1/hook"})
	if s, _ := out["secret"].(string); st != 201 || !strings.HasPrefix(s, "whsec_") {
		t.Fatalf("no secret given: %d %v, want a whsec_ made and shown", st, out)
	}
}

// TestWebhookSecretMadeOnce: without a secret, the first start makes one
// (to be shown once) and keeps it; a second start on the database uses it.
func TestWebhookSecretMadeOnce(t *testing.T) {
	db := t.TempDir() + "/s.db"
	open := func() *sandbox.Server {
		srv, err := sandbox.New(context.Background(), sandbox.Options{DB: db, Webhooks: []string{"http://127.0.0.1:1/hook"}})
		if err != nil {
			t.Fatal(err)
		}
		return srv
	}
	a := open()
	made := a.NewWebhookSecret()
	a.Close()
	b := open()
	defer b.Close()
	if !strings.HasPrefix(made, "whsec_") || b.NewWebhookSecret() != "" {
		t.Fatalf("first start made %q, second %q: want a whsec_ once, then nothing", made, b.NewWebhookSecret())
	}
}

// TestWebhookCutShortByStopIsNotAnAttempt: a delivery in flight when the
// sandbox stops is given back, its attempt not counted (the endpoint did
// not fail it), and the next start sends it at once rather than after
// the retry schedule's first wait.
func TestWebhookCutShortByStopIsNotAnAttempt(t *testing.T) {
	secret := sandbox.NewWebhookSecret()
	arrived := make(chan struct{}, 1)
	var hang atomic.Bool
	hang.Store(true)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) //nolint:errcheck // read, so that the server notices the sandbox hang up
		if hang.Load() {
			select {
			case arrived <- struct{}{}:
			default:
			}
			<-r.Context().Done() // until the sandbox gives up on it
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()
	db := filepath.Join(t.TempDir(), "sandbox.db")
	a := sandboxtest.Start(t, sandbox.Options{DB: db, Webhooks: []string{hook.URL}, WebhookSecret: secret})
	if st, out, _ := call(t, a, "POST", api+"consumers", "", consumerBody("33", "612345678", nil)); st != 201 {
		t.Fatalf("create: %d %v", st, out)
	}
	<-arrived
	if err := a.Server.Close(); err != nil {
		t.Fatal(err)
	}
	hang.Store(false)
	start := time.Now()
	b := sandboxtest.Start(t, sandbox.Options{DB: db})
	list := settled(t, b)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the next start sent it after %v: it waited out a retry", took)
	}
	for _, d := range list {
		if d["state"] != "delivered" || d["attempts"] != 1.0 {
			t.Errorf("delivery %v: want delivered at its first counted attempt", d)
		}
	}
}
