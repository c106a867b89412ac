package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/pgtest"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// twoProcesses starts two sandboxes on one fresh PostgreSQL schema, as two
// `onboard sandbox --db postgres://…` processes of a team would be.
func twoProcesses(t *testing.T) (a, b *sandboxtest.Env) {
	t.Helper()
	url := pgtest.URL(t)
	return sandboxtest.Start(t, sandbox.Options{DB: url}), sandboxtest.Start(t, sandbox.Options{DB: url})
}

// delivering waits until env's process is (yes) or is not the one that
// delivers the webhooks, by its /metrics, and fails the test after 10 s.
func delivering(t *testing.T, env *sandboxtest.Env, yes bool) {
	t.Helper()
	want := "onboard_sandbox_webhook_delivering 0"
	if yes {
		want = "onboard_sandbox_webhook_delivering 1"
	}
	var body []byte
	for range 200 {
		res, err := env.Client().Get(env.HTTP.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if bytes.Contains(body, []byte(want)) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no %q in /metrics after 10 s:\n%s", want, body)
}

// TestPGSamePhoneRace: the same phone registered many times at once on two
// processes makes one consumer; every other request is a 409.
func TestPGSamePhoneRace(t *testing.T) {
	a, b := twoProcesses(t)
	const n = 16
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for i := range n {
		env := a
		if i%2 == 1 {
			env = b
		}
		wg.Go(func() {
			data, _ := json.Marshal(consumerBody("33", "612345678", nil))
			res, err := http.Post(env.HTTP.URL+api+"consumers", "application/json", bytes.NewReader(data))
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses <- res.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for st := range statuses {
		count[st]++
	}
	if count[201] != 1 || count[409] != n-1 {
		t.Fatalf("statuses %v, want one 201 and %d 409", count, n-1)
	}
	if got := countConsumers(t, b); got != 1 {
		t.Fatalf("%d consumers, want 1", got)
	}
}

// TestPGOutboxWaitWakesAcrossProcesses: a request held on one process
// answers when the other process sends the message (LISTEN/NOTIFY). The
// wait is 20 s and the request's deadline 10 s: not woken, it fails.
func TestPGOutboxWaitWakesAcrossProcesses(t *testing.T) {
	a, b := twoProcesses(t)
	call(t, b, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	got := make(chan []sandbox.Message, 1)
	errs := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		msgs, err := a.Phone().Await(ctx, []string{"+33612345678"}, 0, 20*time.Second)
		if err != nil {
			errs <- err
			return
		}
		got <- msgs
	}()
	time.Sleep(200 * time.Millisecond) // held first; found at once is right too
	if st, out, _ := call(t, b, "POST", api+"passwords/reset", "", map[string]string{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName}); st != 204 {
		t.Fatalf("reset on the other process: %d %v", st, out)
	}
	select {
	case err := <-errs:
		t.Fatalf("the request held on one process did not wake for the other's SMS: %v", err)
	case msgs := <-got:
		if len(msgs) != 1 || msgs[0].Recipient != "+33612345678" {
			t.Fatalf("answered %+v, want the SMS", msgs)
		}
	}
}

// TestPGSecretAttemptsShared: the resend cooldown and the wrong secrets
// tried on both processes are one sandbox's: a resend on the other process
// is too soon, and five wrong tries split across them burn the secret.
func TestPGSecretAttemptsShared(t *testing.T) {
	a, b := twoProcesses(t)
	call(t, a, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	reset := map[string]any{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName}
	if st, out, _ := call(t, a, "POST", api+"passwords/reset", "", reset); st != 204 {
		t.Fatalf("reset: %d %v", st, out)
	}
	if st, out, _ := call(t, b, "POST", api+"passwords/reset", "", reset); st != 429 || out["errorCode"] != "RESEND_TOO_SOON" {
		t.Fatalf("resend on the other process: %d %v, want 429 RESEND_TOO_SOON", st, out)
	}
	m, err := b.Phone().Last(context.Background(), "+33612345678", outbox.HasSecret)
	if err != nil {
		t.Fatalf("the SMS, read on the other process: %v", err)
	}
	wrong := map[string]any{"passwordChangeSecret": "000000", "newPassword": "S3cure-pass!", "consumerPhone": "33612345678"}
	if m.Secret == "000000" {
		wrong["passwordChangeSecret"] = "111111"
	}
	for i := 1; i <= 5; i++ {
		env := []*sandboxtest.Env{a, b}[i%2]
		st, out, _ := call(t, env, "POST", api+"passwords/change", "", wrong)
		want := "INVALID_SECRET"
		if i == 5 {
			want = "TOO_MANY_ATTEMPTS"
		}
		if st != 400 || out["errorCode"] != want {
			t.Fatalf("wrong try %d: %d %v, want 400 %s", i, st, out, want)
		}
	}
	right := map[string]any{"passwordChangeSecret": m.Secret, "newPassword": "S3cure-pass!", "consumerPhone": "33612345678"}
	if st, out, _ := call(t, a, "POST", api+"passwords/change", "", right); st != 400 {
		t.Fatalf("burned secret still works: %d %v", st, out)
	}
}

// TestPGWebhooksHandOver: one process of a shared sandbox delivers; when
// it stops, the other takes over within a second and delivers what was
// committed on either, each consumer's events in order, each id once,
// though it was started with no endpoint of its own.
func TestPGWebhooksHandOver(t *testing.T) {
	url := pgtest.URL(t)
	secret := sandbox.NewWebhookSecret()
	recv := sandboxtest.StartWebhookReceiver(t, secret, 0.2)
	a := sandboxtest.Start(t, sandbox.Options{DB: url, Webhooks: []string{recv.URL}, WebhookSecret: secret, WebhookSchedule: fastRetries})
	delivering(t, a, true)
	b := sandboxtest.Start(t, sandbox.Options{DB: url, WebhookSchedule: fastRetries}) // no endpoint of its own
	create := func(env *sandboxtest.Env, number string) {
		t.Helper()
		if st, out, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", number, nil)); st != 201 {
			t.Fatalf("create %s: %d %v", number, st, out)
		}
	}
	create(a, "612345600")
	settled(t, a)
	delivering(t, b, false) // a leads, b waits its turn
	for i := range 6 {
		create([]*sandboxtest.Env{a, b}[i%2], fmt.Sprintf("6123456%02d", i+1))
	}
	settled(t, b)
	if err := a.Server.Close(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	delivering(t, b, true)
	create(b, "612345699")
	list := settled(t, b)
	t.Logf("b delivered after a stopped in %v", time.Since(start))
	if len(list) != 8 {
		t.Fatalf("%d deliveries, want 8", len(list))
	}
	for _, d := range list {
		if d["state"] != "delivered" {
			t.Errorf("delivery %v not delivered", d)
		}
	}
	if again, badSig, _ := recv.Counts(); again != 0 || badSig != 0 {
		t.Errorf("%d events taken twice, %d signatures that did not verify", again, badSig)
	}
}

// TestPGWebhooksSurvivorDelivers: when the delivering process stops with
// deliveries still to retry, the other takes them over by itself, though
// it started before the endpoint was registered (on the other process, at
// run time) and has committed nothing since: no request of its own is
// needed to wake it.
func TestPGWebhooksSurvivorDelivers(t *testing.T) {
	url := pgtest.URL(t)
	secret := sandbox.NewWebhookSecret()
	recv := sandboxtest.StartWebhookReceiver(t, secret, 1) // refuses all, for now
	slow := []time.Duration{10 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond}
	a := sandboxtest.Start(t, sandbox.Options{DB: url, WebhookSchedule: slow})
	delivering(t, a, true)
	b := sandboxtest.Start(t, sandbox.Options{DB: url, WebhookSchedule: fastRetries}) // before any endpoint
	delivering(t, b, false)
	if st, out, _ := call(t, a, "POST", "/sandbox/webhooks", "", map[string]string{"url": recv.URL, "secret": secret}); st != 201 {
		t.Fatalf("POST /sandbox/webhooks: %d %v", st, out)
	}
	if st, out, _ := call(t, a, "POST", api+"consumers", "", consumerBody("33", "612345600", nil)); st != 201 {
		t.Fatalf("create: %d %v", st, out)
	}
	for _, _, failed := recv.Counts(); failed == 0; _, _, failed = recv.Counts() {
		time.Sleep(10 * time.Millisecond) // a tried once, and failed
	}
	if err := a.Server.Close(); err != nil {
		t.Fatal(err)
	}
	recv.SetFailShare(0)
	delivering(t, b, true) // b took over, by itself
	list := settled(t, b)
	for _, d := range list {
		if d["state"] != "delivered" {
			t.Errorf("delivery %v not delivered by the survivor", d)
		}
	}
	if len(list) == 0 || len(recv.Took()) != len(list) {
		t.Errorf("receiver took %d events of %d deliveries", len(recv.Took()), len(list))
	}
}
