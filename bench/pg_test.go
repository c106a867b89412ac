//go:build unix

package bench

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql's "pgx" driver
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/pgtest"
)

// BenchmarkSandboxPostgres: BenchmarkSandboxThroughput's load (fast
// passwords) against the sandbox on PostgreSQL (ONBOARD_TEST_PG; skipped
// without it), with one server and with two on the same database, the
// calls dealt between them in turn as a load balancer would (two Servers
// in this process: each has its own pool and LISTEN connection, as two
// processes would). cpu-µs/onboarding is this process's; pg-cpu-µs is
// PostgreSQL's own, read from /proc, which the sandbox's cost on
// PostgreSQL must include. Every server delivers the webhooks to one
// receiver that fails a fifth of them (webhooks_test.go): the hook-*
// figures time each event from its transaction to its receipt, all of
// them and those taken at the first attempt.
//
// Run in one process, the second case inherited the first's leftovers
// (the cluster's checkpoint and vacuum of its writes, this process's
// heap) and lost a fifth of its throughput to them: each case starts
// after a CHECKPOINT, and figures to compare come from each case in a
// process of its own, alternating (bench/README.md).
func BenchmarkSandboxPostgres(b *testing.B) {
	for _, n := range []int{1, 2} {
		b.Run(strconv.Itoa(n)+"-server", func(b *testing.B) {
			checkpoint(b)
			hooks := startHookReceiver(b, 0.2)
			pg0 := postgresCPU(b)
			var srvs []*sandbox.Server
			throughput(b, pgServers(b, n, hooks.url, &srvs))
			total := float64(int64(envInt(b, "ONBOARD_BENCH_ONBOARDINGS", 2000)) * int64(b.N))
			b.ReportMetric(float64((postgresCPU(b)-pg0).Microseconds())/total, "pg-cpu-µs/onboarding")
			hooks.report(b)
			reportTxs(b, srvs, total)
		})
	}
}

// hookRetries is the benchmark's retry schedule: the real one's shape,
// short enough that a failed delivery's retries land within the run.
var hookRetries = []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond, 1600 * time.Millisecond}

// reportTxs adds the servers' transactions per onboarding, once the
// deliveries have settled (so theirs are counted): each kind, and the
// runs PostgreSQL refused for another transaction.
func reportTxs(b *testing.B, srvs []*sandbox.Server, total float64) {
	var sum sandbox.TxStats
	for _, srv := range srvs {
		st := srv.TxStats()
		sum.Serializable += st.Serializable
		sum.ReadCommitted += st.ReadCommitted
		sum.ReadOnly += st.ReadOnly
		sum.Refused += st.Refused
		sum.RefusedRC += st.RefusedRC
	}
	b.ReportMetric(float64(sum.Serializable)/total, "ser-tx/onboarding")
	b.ReportMetric(float64(sum.ReadCommitted)/total, "rc-tx/onboarding")
	b.ReportMetric(float64(sum.ReadOnly)/total, "ro-tx/onboarding")
	b.ReportMetric(float64(sum.Refused)/total, "ser-refused/onboarding")
	b.ReportMetric(float64(sum.RefusedRC)/total, "rc-refused/onboarding")
}

// pgServers starts n sandboxes on one fresh schema, each delivering the
// webhooks to hook, behind one handler that deals the requests to them in
// turn; srvs gets them.
func pgServers(b *testing.B, n int, hook string, srvs *[]*sandbox.Server) func(string) http.Handler {
	return func(string) http.Handler {
		url := pgtest.URL(b)
		secret := sandbox.NewWebhookSecret()
		hooks := []string{hook}
		if os.Getenv("ONBOARD_BENCH_NO_WEBHOOKS") != "" {
			hooks = nil // the same load without an endpoint, to compare
		}
		for range n {
			srv, err := sandbox.New(context.Background(), sandbox.Options{DB: url, FastPasswords: true,
				Webhooks: hooks, WebhookSecret: secret, WebhookSchedule: hookRetries})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { srv.Close() })
			*srvs = append(*srvs, srv)
		}
		var turn atomic.Uint64
		all := *srvs
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			all[turn.Add(1)%uint64(n)].ServeHTTP(w, r)
		})
	}
}

// checkpoint writes PostgreSQL's dirty pages out before a case, so that
// it does not pay for the previous one's.
func checkpoint(b *testing.B) {
	db, err := sql.Open("pgx", os.Getenv(pgtest.Env))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		b.Logf("CHECKPOINT: %v (the case may pay for the previous one's writes)", err)
	}
}

// postgresCPU is the CPU time of every process named postgres on this
// machine (the test cluster's server and its backends).
func postgresCPU(b *testing.B) time.Duration {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var ticks int64
	for _, p := range stats {
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), "(postgres)") {
			continue
		}
		f := strings.Fields(string(data)[strings.LastIndexByte(string(data), ')')+2:])
		if len(f) > 12 {
			u, _ := strconv.ParseInt(f[11], 10, 64)
			s, _ := strconv.ParseInt(f[12], 10, 64)
			ticks += u + s
		}
	}
	return time.Duration(ticks) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}
