// Package teamtest runs a sandbox for a team as a team runs it: two
// `onboard sandbox` processes (the real binary) on one PostgreSQL
// database, headless onboardings split across them, and a partner's
// webhook receiver that verifies every signature and fails a fifth of the
// deliveries.
package teamtest

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql's "pgx" driver

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/pgtest"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// build compiles onboard into the test's folder.
func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "onboard")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/onboard-cli/onboard/cmd/onboard")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building onboard: %v\n%s", err, out)
	}
	return bin
}

// startSandbox runs `onboard sandbox` on db and returns its base URL; it
// is stopped (SIGTERM, then waited for) when the test ends.
func startSandbox(t *testing.T, bin, db, hook, secret string) string {
	t.Helper()
	cmd := exec.Command(bin, "sandbox", "--addr", "127.0.0.1:0", "--fast-passwords", "--kyc-auto-approve", "300ms",
		"--webhook", hook, "--webhook-schedule", "10ms,20ms,40ms,80ms,160ms,320ms,640ms")
	cmd.Env = append(os.Environ(), "ONBOARD_SANDBOX_DB="+db, "ONBOARD_SANDBOX_WEBHOOK_SECRET="+secret)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if base, ok := strings.CutPrefix(sc.Text(), "onboard sandbox on "); ok {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return base
		}
	}
	t.Fatalf("the sandbox did not start: %s", stderr.String())
	return ""
}

// onboardOne runs one headless onboarding with provider (linkcy, weavr
// or finhub) against base, to its end.
func onboardOne(ctx context.Context, bin, base, dir, provider string, i int) error {
	args := []string{"--no-input", "--sandbox-auto", "--accept-terms", "--password-stdin", "--json",
		"--phone", fmt.Sprintf("+3361%07d", 1000000+i), "--email", fmt.Sprintf("person%d@example.com", i),
		"--first-name", "Ada", "--last-name", fmt.Sprintf("Team%d", i)}
	env := append(os.Environ(), "XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"ONBOARD_API_URL=", "ONBOARD_PROVIDER=", "ONBOARD_LANG=", "LANG=C")
	switch provider {
	case "weavr":
		args = append(args, "--provider", "weavr", "--api-url", base+"/weavr/multi/", "--profile-id", sandbox.DefaultWeavrProfileID,
			"--birth-date", "1990-12-10")
		env = append(env, "ONBOARD_API_KEY="+sandbox.DefaultWeavrAPIKey)
	case "finhub":
		args = append(args, "--provider", "finhub", "--api-url", base+"/finhub/api/v2.1/", "--tenant-id", sandbox.DefaultFinHubTenantID,
			"--birth-date", "1990-05-15", "--gender", "female", "--category", "STANDARD_INDIVIDUAL")
		env = append(env, "ONBOARD_API_KEY="+sandbox.DefaultFinHubTenantKey, "ONBOARD_API_SECRET="+sandbox.DefaultFinHubTenantSecret)
	default:
		args = append(args, "--api-url", base+"/linkcy/", "--partner", sandbox.DefaultPartnerName, "--external-id", fmt.Sprintf("team-%d", i))
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader("Team-Sandbox-42!\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("onboarding %d on %s: %w\n%s", i, base, err, out)
	}
	return nil
}

// TestTeamSandbox: 200 LinkCy onboardings (40 under -short), 10 Weavr and
// 10 FinHub ones, split across two processes on one database: every one
// onboarded, no consumer twice, every event delivered and taken once,
// each consumer's events in order.
func TestTeamSandbox(t *testing.T) {
	db := pgtest.URL(t)
	n := 200
	if testing.Short() {
		n = 40
	}
	bin := build(t)
	secret := sandbox.NewWebhookSecret()
	recv := sandboxtest.StartWebhookReceiver(t, secret, 0.2)
	bases := []string{startSandbox(t, bin, db, recv.URL, secret), startSandbox(t, bin, db, recv.URL, secret)}

	ctx := context.Background()
	providers := map[int]string{}
	for i := range 20 {
		providers[n+i] = [2]string{"weavr", "finhub"}[i%2]
	}
	jobs := make(chan int)
	errs := make(chan error, n+20)
	var wg sync.WaitGroup
	start := time.Now()
	for range 16 {
		wg.Go(func() {
			for i := range jobs {
				errs <- onboardOne(ctx, bin, bases[i%2], filepath.Join(t.TempDir(), fmt.Sprint(i)), providers[i], i)
			}
		})
	}
	for i := range n + len(providers) {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(errs)
	t.Logf("%d onboardings on two processes in %s", n+len(providers), time.Since(start).Round(time.Millisecond))
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if t.Failed() {
		return
	}
	checkDatabase(t, db, n)
	checkDeliveries(t, db, recv)
}

// checkDatabase: n consumers, each phone and external id once.
func checkDatabase(t *testing.T, url string, n int) {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var consumers, phones, ext, onboarded int
	err = db.QueryRow(`SELECT count(*), count(DISTINCT phone_digits), count(DISTINCT external_id),
		count(*) FILTER (WHERE kyc_status = 'VALIDATED' AND password_hash IS NOT NULL) FROM consumers`).Scan(&consumers, &phones, &ext, &onboarded)
	if err != nil {
		t.Fatal(err)
	}
	if consumers != n || phones != n || ext != n || onboarded != n {
		t.Errorf("%d consumers, %d phones, %d external ids, %d onboarded; want %d of each", consumers, phones, ext, onboarded, n)
	}
	var weavrDone, finhubDone int
	err = db.QueryRow(`SELECT (SELECT count(*) FROM weavr_consumers WHERE kyc_status = 'APPROVED'),
		(SELECT count(*) FROM finhub_customers WHERE status = 'CS_ACTIVE')`).Scan(&weavrDone, &finhubDone)
	if err != nil {
		t.Fatal(err)
	}
	if weavrDone != 10 || finhubDone != 10 {
		t.Errorf("%d Weavr consumers approved, %d FinHub customers active; want 10 of each", weavrDone, finhubDone)
	}
}

// checkDeliveries waits (up to 60 s) for every delivery to settle, then
// checks the receiver took every event once, in order per consumer.
func checkDeliveries(t *testing.T, url string, recv *sandboxtest.WebhookReceiver) {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pending, failed int
	for range 600 {
		if err := db.QueryRow(`SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'failed')
			FROM webhook_deliveries`).Scan(&pending, &failed); err != nil {
			t.Fatal(err)
		}
		if pending == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if pending != 0 || failed != 0 {
		t.Fatalf("%d deliveries still pending, %d given up", pending, failed)
	}
	rows, err := db.Query("SELECT id, subject, created_at FROM webhook_events ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[string][]string{}
	created := map[string]time.Time{}
	events := 0
	for rows.Next() {
		var id, subject string
		var at int64
		if err := rows.Scan(&id, &subject, &at); err != nil {
			t.Fatal(err)
		}
		want[subject] = append(want[subject], id)
		created[id] = time.UnixMilli(at)
		events++
	}
	got := map[string][]string{}
	took := recv.Took()
	for _, r := range took {
		got[subjectOf(r)] = append(got[subjectOf(r)], r.ID)
	}
	for subject, ids := range want {
		if strings.Join(got[subject], ",") != strings.Join(ids, ",") {
			t.Errorf("%s: received %v, want %v in that order", subject, got[subject], ids)
		}
	}
	again, badSig, failedOnPurpose := recv.Counts()
	if len(took) != events || again != 0 || badSig != 0 {
		t.Errorf("took %d of %d events; %d taken twice; %d signatures did not verify", len(took), events, again, badSig)
	}
	t.Logf("%d events to %d consumers, all delivered; %d deliveries failed on purpose and retried", events, len(want), failedOnPurpose)
	var lat []time.Duration
	for _, r := range took {
		lat = append(lat, r.At.Sub(created[r.ID]))
	}
	slices.Sort(lat)
	if len(lat) > 0 { // a figure for bench/RESULTS.md, never asserted
		t.Logf("webhook latency, commit to receipt (retries included): p50 %s, p99 %s", lat[len(lat)/2], lat[len(lat)*99/100])
	}
}

// subjectOf is the webhook_events subject of an event taken: its
// provider, told by its type's name, and its consumer.
func subjectOf(r sandboxtest.Received) string {
	switch {
	case strings.HasPrefix(r.Type, "weavr."):
		return "weavr:" + r.Consumer
	case strings.HasPrefix(r.Type, "customer.") || strings.HasPrefix(r.Type, "verification."):
		return "finhub:" + r.Consumer
	}
	return "linkcy:" + r.Consumer
}
