//go:build unix

// Package bench measures onboard against the targets of bench/README.md.
// Every figure in RESULTS.md comes from one command:
//
//	go test ./bench -run '^$' -bench . -benchtime 1x
//
// Each benchmark takes its samples itself (ONBOARD_BENCH_SAMPLES runs
// for the timings, 10 by default), so one iteration is one measurement.
package bench

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
)

// freshXDG is an environment with empty XDG folders under dir: a first
// run, the slowest kind.
func freshXDG(dir string) []string {
	return []string{"XDG_STATE_HOME=" + dir + "/state", "XDG_CONFIG_HOME=" + dir + "/config",
		"XDG_DATA_HOME=" + dir + "/data", "LANG=en_GB.UTF-8"}
}

var (
	floorReady = regexp.MustCompile(`floor ready`)
	// The terms screen with its help line: the wizard's first full,
	// usable frame (the terms fetched from the embedded sandbox).
	wizardReady = regexp.MustCompile(`(?s)Terms and conditions.*accept`)
	gumReady    = regexp.MustCompile(`submit`) // its help line, drawn with the field
	// The agent console's search field, its first usable frame.
	agentReady = regexp.MustCompile(`Find a consumer`)
)

// BenchmarkColdStart: exec to the first full frame on a pty, for onboard
// and for the floor (a bare Bubble Tea v2 program drawing one line), and
// for `gum input` when gum builds; then `onboard --demo` and `onboard
// agent` in the same rounds. Reports medians and onboard's ratios to the
// floor (target ≤ 1.5 for each) and to gum (target < 1).
func BenchmarkColdStart(b *testing.B) {
	dir := b.TempDir()
	onboard := build(b, dir, "./cmd/onboard")
	floor := build(b, dir, "./bench/floor")
	gum := buildGum(b, dir)
	var tf, tw, tg, td, ta []time.Duration
	samples := envInt(b, "ONBOARD_BENCH_SAMPLES", 10)
	for b.Loop() {
		for i := range samples {
			coldStart(b, dir, onboard, floor, gum, i, &tf, &tw, &tg)
			td = append(td, firstFrame(b, dir, onboard, i, wizardReady, "--demo"))
			ta = append(ta, firstFrame(b, dir, onboard, i, agentReady, "agent"))
		}
	}
	f, w := median(tf), median(tw)
	b.ReportMetric(ms(f), "floor-ms")
	b.ReportMetric(ms(w), "onboard-ms")
	b.ReportMetric(float64(w)/float64(f), "x-floor")
	b.ReportMetric(float64(median(td))/float64(f), "x-floor-demo")
	b.ReportMetric(float64(median(ta))/float64(f), "x-floor-agent")
	// onboard's first frame is written by Run itself (third_party/bubbletea,
	// tui.FirstFrame); the floor's, stock v2.0.10, waits for its ticker.
	// x-floor-least is onboard's package inits alone over the floor's
	// first frame: what nothing done in main can save.
	pf := premain(b, floor, nil, floorReady)
	pw := premain(b, onboard, freshXDG(filepath.Join(dir, "premain")), wizardReady)
	b.ReportMetric(ms(pf), "floor-premain-ms")
	b.ReportMetric(ms(pw), "onboard-premain-ms")
	b.ReportMetric(float64(pw)/float64(f), "x-floor-least")
	if gum != "" {
		g := median(tg)
		b.ReportMetric(ms(g), "gum-ms")
		b.ReportMetric(float64(w)/float64(g), "x-gum")
	}
	b.ReportMetric(0, "ns/op")
}

// coldStart takes one sample of each program's start-up.
func coldStart(b *testing.B, dir, onboard, floor, gum string, i int, tf, tw, tg *[]time.Duration) {
	{
		t := run(b, floor, nil)
		d, _ := t.waitFor(b, floorReady, 10*time.Second)
		t.stop()
		*tf = append(*tf, d)

		home := filepath.Join(dir, "run", strings.Repeat("x", i%3)+time.Now().Format("150405.000000"))
		if os.Getenv("ONBOARD_BENCH_WARM") != "" {
			home = filepath.Join(dir, "warm")
		}
		t = run(b, onboard, freshXDG(home))
		d, _ = t.waitFor(b, wizardReady, 10*time.Second)
		t.stop()
		*tw = append(*tw, d)

		if gum != "" {
			t = run(b, gum, nil, "input", "--placeholder", "ready")
			d, _ = t.waitFor(b, gumReady, 10*time.Second)
			t.stop()
			*tg = append(*tg, d)
		}
	}
}

// firstFrame is one sample of onboard's start-up with args (--demo, the
// agent console) to its first frame, ready, in a fresh home.
func firstFrame(b *testing.B, dir, onboard string, i int, ready *regexp.Regexp, args ...string) time.Duration {
	home := filepath.Join(dir, "run-"+args[0], strings.Repeat("x", i%3)+time.Now().Format("150405.000000"))
	t := run(b, onboard, freshXDG(home), args...)
	d, _ := t.waitFor(b, ready, 10*time.Second)
	t.stop()
	return d
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// initLine is one package's line of GODEBUG=inittrace=1: how long its
// init ran.
var initLine = regexp.MustCompile(`init [^ ]+ @[0-9.]+ ms, ([0-9.]+) ms clock`)

// premain is the time bin's package inits take before main (the sum of
// their clocks in GODEBUG=inittrace=1), the median of 3 runs. Inits run
// one after another before main, so main starts no sooner; the exec, the
// loader, the runtime's start and the printing of the trace are left out,
// which keeps it a lower bound.
func premain(b *testing.B, bin string, env []string, ready *regexp.Regexp) time.Duration {
	var ds []time.Duration
	for range 3 {
		t := run(b, bin, append(env, "GODEBUG=inittrace=1"))
		_, _ = t.waitFor(b, ready, 10*time.Second)
		t.stop()
		var sum float64
		lines := initLine.FindAllStringSubmatch(t.output(), -1)
		for _, m := range lines {
			took, _ := strconv.ParseFloat(m[1], 64)
			sum += took
		}
		if len(lines) == 0 {
			b.Fatalf("%s printed no inittrace lines", bin)
		}
		ds = append(ds, time.Duration(sum*float64(time.Millisecond)))
	}
	return median(ds)
}

// buildGum builds gum at a pinned version from the module proxy, or
// returns "" (and says why) when it cannot.
func buildGum(b *testing.B, dir string) string {
	b.Helper()
	if os.Getenv("ONBOARD_BENCH_GUM") == "0" {
		return ""
	}
	gobin := filepath.Join(dir, "gum-bin")
	cmd := exec.Command("go", "install", "github.com/charmbracelet/gum@v0.17.0")
	cmd.Env = append(os.Environ(), "GOBIN="+gobin, "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Logf("gum v0.17.0 does not build here, so no comparison with it: %v\n%s", err, out)
		return ""
	}
	return filepath.Join(gobin, "gum")
}

// BenchmarkHeadless: a whole onboarding with --no-input --sandbox-auto
// on a fresh in-memory sandbox (--demo), from exec to exit, with the
// provider requests and the TCP connections it used (from its --debug
// log); alternating with it, a Go program that prints one line
// (bench/hello), `onboard --version` (the binary's start alone) and
// bench/headlessfloor (the least a headless onboarding can be with a real
// HTTP server, real SQLite and bcrypt), whole and with --version (its own
// start). All are started from sh -c, as whole processes. Targets: ≤ 5×
// hello, ≤ 1 request per step plus polls, 1 connection. least-x-hello is
// onboard's current start plus the floor's work (the floor less its
// start), the median of each round's: what onboard would take if its own
// work cost no more than the floor's.
func BenchmarkHeadless(b *testing.B) {
	dir := b.TempDir()
	onboard := build(b, dir, "./cmd/onboard")
	hello := build(b, dir, "./bench/hello")
	floor := build(b, dir, "./bench/headlessfloor")
	var walls, hellos, versions, floors, leasts []time.Duration
	var requests, conns, sandboxRequests int
	samples := envInt(b, "ONBOARD_BENCH_SAMPLES", 10)
	for b.Loop() {
		for range samples {
			hellos = append(hellos, shell(b, hello, nil))
			version := shell(b, onboard+" --version >/dev/null", nil)
			whole := shell(b, floor+" >/dev/null", nil)
			start := shell(b, floor+" --version >/dev/null", nil)
			versions, floors = append(versions, version), append(floors, whole)
			leasts = append(leasts, version+whole-start) // each round's own, then their median
			requests, conns, sandboxRequests = headless(b, dir, onboard, &walls)
		}
	}
	hm := float64(median(hellos))
	b.ReportMetric(ms(median(walls)), "wall-ms")
	b.ReportMetric(ms(median(hellos)), "hello-ms")
	b.ReportMetric(float64(median(walls))/hm, "x-hello")
	b.ReportMetric(float64(median(versions))/hm, "version-x-hello")
	b.ReportMetric(float64(median(floors))/hm, "floor-x-hello")
	b.ReportMetric(float64(median(leasts))/hm, "least-x-hello")
	b.ReportMetric(float64(median(walls))/float64(median(floors)), "x-floor")
	b.ReportMetric(float64(requests), "provider-requests")
	b.ReportMetric(float64(sandboxRequests), "all-requests")
	b.ReportMetric(float64(conns), "tcp-conns")
	b.ReportMetric(0, "ns/op")
}

// shell runs script with sh -c, env added, and returns its wall time
// from exec to exit.
func shell(b *testing.B, script string, env []string) time.Duration {
	b.Helper()
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		b.Fatalf("sh -c %s: %v\n%s", script, err, out)
	}
	return took
}

// headless runs one headless onboarding (README.md's command, the password
// on stdin) from sh -c and reads its --debug log.
func headless(b *testing.B, dir, onboard string, walls *[]time.Duration) (requests, conns, sandboxRequests int) {
	log := filepath.Join(dir, "debug.log")
	_ = os.Remove(log)
	script := "echo 'S3cure-pass!' | " + onboard + " --demo --no-input --accept-terms --password-stdin --sandbox-auto --json --debug " + log + " >/dev/null"
	*walls = append(*walls, shell(b, script, freshXDG(filepath.Join(dir, "h"))))
	return countLog(b, log)
}

// countLog reads a --debug log: the provider calls, and the embedded
// sandbox's own count of requests and connections.
func countLog(b *testing.B, path string) (provider, conns, all int) {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct {
			Msg         string `json:"msg"`
			Requests    int    `json:"requests"`
			Connections int    `json:"connections"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil {
			continue
		}
		switch line.Msg {
		case "http":
			provider++
		case "embedded sandbox":
			all, conns = line.Requests, line.Connections
		}
	}
	return provider, conns, all
}

// BenchmarkPhoneKeystroke: what the phone screen does on each key, the
// number parsed and checked as typed so far. Target ≤ 100 µs per key.
func BenchmarkPhoneKeystroke(b *testing.B) {
	codes := assets.CallingCodes()
	typed := "06 12 34 56 78"
	const rounds = 500 // one iteration types the number 500 times
	_, _ = flow.ParsePhone(typed, "FR", codes)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for range rounds {
			for i := 1; i <= len(typed); i++ {
				_, _ = flow.ParsePhone(typed[:i], "FR", codes)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rounds*len(typed))/1e3, "µs/key")
}

// BenchmarkKYCIdle drives the wizard on a pty to the KYC screen and
// measures its CPU while it waits there (ONBOARD_BENCH_IDLE, 30s by
// default) from /proc, then its peak RSS over the whole run, and the
// floor's CPU idle for as long (Bubble Tea's own cost at its default 60
// fps). Targets: ≤ 1% of one core; ≤ 40 MB. The binary's size is
// reported too.
func BenchmarkKYCIdle(b *testing.B) {
	idle := idleFor(b)
	dir := b.TempDir()
	onboard := build(b, dir, "./cmd/onboard")
	floor := build(b, dir, "./bench/floor")
	secret := regexp.MustCompile(`your secret is (\d{6})`)
	var cpu, rss, floorCPU float64
	for i := 0; b.Loop(); i++ {
		t := run(b, onboard, freshXDG(filepath.Join(dir, "k", time.Now().Format("150405.000000"))),
			"--phone", "+33612345678", "--email", "ada@example.com")
		t.waitFor(b, wizardReady, 10*time.Second)
		t.send(b, "a")
		t.waitFor(b, regexp.MustCompile(`Your mobile number`), 10*time.Second)
		t.send(b, "\r")
		_, m := t.waitFor(b, secret, 10*time.Second)
		t.send(b, m[1]+"\r")
		t.waitFor(b, regexp.MustCompile(`Your password needs`), 10*time.Second)
		t.send(b, "S3cure-pass!\r")
		time.Sleep(100 * time.Millisecond)
		t.send(b, "S3cure-pass!\r")
		t.waitFor(b, regexp.MustCompile(`/sandbox/kyc/`), 10*time.Second)
		time.Sleep(time.Second) // the screen settles
		pid := t.cmd.Process.Pid
		before := cpuTicks(b, pid)
		time.Sleep(idle)
		used := float64(cpuTicks(b, pid)-before) / clockTicks
		cpu = 100 * used / idle.Seconds()
		rss = float64(peakRSS(b, pid)) / (1 << 20)
		t.stop()

		// The floor, idle for as long: Bubble Tea's own cost of waiting.
		t = run(b, floor, nil)
		t.waitFor(b, floorReady, 10*time.Second)
		time.Sleep(time.Second)
		before = cpuTicks(b, t.cmd.Process.Pid)
		time.Sleep(idle)
		floorCPU = 100 * float64(cpuTicks(b, t.cmd.Process.Pid)-before) / clockTicks / idle.Seconds()
		t.stop()
	}
	info, err := os.Stat(onboard)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(cpu, "idle-cpu-%")
	b.ReportMetric(floorCPU, "floor-idle-cpu-%")
	b.ReportMetric(rss, "peak-rss-MB")
	b.ReportMetric(float64(info.Size())/(1<<20), "binary-MB")
	b.ReportMetric(0, "ns/op")
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times: 100 on
// every Linux architecture Go supports.
const clockTicks = 100
