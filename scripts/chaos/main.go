// Command chaos onboards many people at once, headless, against a sandbox
// that misbehaves on purpose, and counts what a person would care about:
// how many finished, whether anyone was registered twice, and whether
// onboard ever crashed.
//
//	go run ./scripts/chaos                 # 200 onboardings, 20% faults
//	go run ./scripts/chaos -n 20 -c 8      # the short form CI runs
//	go run ./scripts/chaos -c 2 -seed 7 -faults '5xx=7%,429=6%,reset=6%,slow=6%,lost=10%'   # the harsh plan
//	go run ./scripts/chaos -db postgres://postgres@127.0.0.1:5432/chaos   # on PostgreSQL (an empty database)
//
// Each onboarding is the real binary (built first) in its own state
// folder, with --no-input --sandbox-auto, against one sandbox server on
// loopback with a SQLite file (or the PostgreSQL database -db names). A run that stops on connection trouble
// (exit 1 saying so, progress saved) is run again, as a person would, up
// to -resumes times. It exits 1 unless every onboarding completed with no
// duplicate and no crash.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
)

// defaultFaults is 20% of provider requests failing, in equal shares of
// every kind, plus a little latency on every request.
const defaultFaults = "5xx=4%,429=4%,reset=4%,slow=4%,lost=4%,latency=2ms"

type config struct {
	n, concurrency, resumes int
	faults, provider, db    string
	seed                    uint64
	keep                    bool
}

// outcome is one person's onboarding.
type outcome struct {
	index     int
	provider  string
	phone     string
	completed bool
	crashed   bool
	runs      int
	blind     bool   // a fresh number answered "already registered": a create sent twice (the run stops there)
	last      string // the last run's final lines, for the report
}

func main() {
	var cfg config
	flag.IntVar(&cfg.n, "n", 200, "onboardings")
	flag.IntVar(&cfg.concurrency, "c", 16, "onboardings at once")
	flag.IntVar(&cfg.resumes, "resumes", 3, "times a run stopped by connection trouble is run again")
	flag.StringVar(&cfg.faults, "faults", defaultFaults, "the sandbox's fault plan (onboard sandbox --faults)")
	flag.StringVar(&cfg.provider, "provider", "both", "linkcy, weavr, or both (alternating)")
	flag.Uint64Var(&cfg.seed, "seed", 1, "the fault draws' seed (0: random)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work folder (binary, database, state folders)")
	flag.StringVar(&cfg.db, "db", "", "the sandbox's database: a postgres://… URL of an empty database to run on PostgreSQL (default: a SQLite file in the work folder)")
	flag.Parse()
	ok, err := run(context.Background(), cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config) (bool, error) {
	work, err := os.MkdirTemp("", "onboard-chaos-")
	if err != nil {
		return false, err
	}
	if cfg.keep {
		fmt.Println("work folder:", work)
	} else {
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "onboard")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/onboard")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return false, fmt.Errorf("building onboard (run from the repository's root): %w", err)
	}
	faults, err := sandbox.ParseFaults(cfg.faults)
	if err != nil {
		return false, err
	}
	if faults.Seed == 0 { // a seed in the plan itself wins
		faults.Seed = cfg.seed
	}
	db := cfg.db
	if db == "" {
		db = filepath.Join(work, "sandbox.db")
	}
	srv, err := sandbox.New(ctx, sandbox.Options{DB: db, BcryptCost: bcrypt.MinCost, Faults: faults})
	if err != nil {
		return false, err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return false, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	start := time.Now()
	results := make([]outcome, cfg.n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, cfg.concurrency) {
		wg.Go(func() {
			for i := range jobs {
				results[i] = onboard(ctx, cfg, bin, base, work, i)
			}
		})
	}
	for i := range cfg.n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)

	counts := srv.FaultCounts()
	srv.SetFaults(sandbox.Faults{}) // read what the sandbox holds without faults
	dups, err := duplicates(ctx, base, results)
	if err != nil {
		return false, err
	}
	return report(cfg, results, dups, counts, elapsed), nil
}

// onboard runs one person's onboarding to its end, resuming after a stop
// on connection trouble.
func onboard(ctx context.Context, cfg config, bin, base, work string, i int) outcome {
	o := outcome{index: i, provider: cfg.provider, phone: fmt.Sprintf("+3361%07d", 1000000+i)}
	if cfg.provider == "both" {
		o.provider = [2]string{"linkcy", "weavr"}[i%2]
	}
	dir := filepath.Join(work, "people", fmt.Sprint(i))
	args := []string{"--no-input", "--sandbox-auto", "--accept-terms", "--password-stdin", "--json",
		"--phone", o.phone, "--email", fmt.Sprintf("person%d@example.com", i),
		"--first-name", "Ada", "--last-name", fmt.Sprintf("Chaos%d", i)}
	envv := append(os.Environ(), "XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"ONBOARD_API_URL=", "ONBOARD_PROVIDER=", "ONBOARD_LANG=", "LANG=C")
	switch o.provider {
	case "weavr":
		args = append(args, "--provider", "weavr", "--api-url", base+"/weavr/multi/", "--profile-id", sandbox.DefaultWeavrProfileID,
			"--birth-date", "1990-12-10")
		envv = append(envv, "ONBOARD_API_KEY="+sandbox.DefaultWeavrAPIKey)
	default:
		args = append(args, "--api-url", base+"/linkcy/", "--partner", sandbox.DefaultPartnerName, "--external-id", fmt.Sprintf("chaos-%d", i))
	}
	for o.runs < 1+cfg.resumes {
		o.runs++
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = envv
		cmd.Stdin = strings.NewReader("Chaos-Monkey-42!\n")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		text := stderr.String()
		o.last = tail(text, 4)
		if i := strings.Index(text, "is already registered"); i >= 0 && o.runs == 1 {
			o.blind, o.last = true, tail(text[:min(len(text), i+200)], 6)
			return o
		}
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			o.crashed, o.last = true, err.Error()
			return o
		}
		switch {
		case strings.Contains(text, "panic:") || strings.Contains(text, "goroutine ") || code < 0 || code > 4:
			o.crashed = true // a panic, a signal, or an exit code onboard does not use
			return o
		case code == 0:
			var sum struct {
				KYC           string `json:"kycStatus"`
				EmailVerified bool   `json:"emailVerified"`
			}
			o.completed = json.Unmarshal(stdout.Bytes(), &sum) == nil
			return o
		case code == 1 && (strings.Contains(text, "progress is saved") || strings.Contains(text, "Progress saved")):
			continue // stopped on trouble: run it again, as a person would
		default:
			return o
		}
	}
	return o
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// duplicates counts the people registered more than once: LinkCy
// consumers sharing a phone or an external id, read through the partner
// API. (Weavr's sandbox refuses a second consumer with the same email, so
// a blind second create shows as a blind run instead.)
func duplicates(ctx context.Context, base string, results []outcome) (int, error) {
	c, err := linkcy.New(api.Config{BaseURL: base + "/linkcy/", Version: "chaos", Sandbox: true})
	if err != nil {
		return 0, err
	}
	p := linkcy.NewPartner(c, sandbox.DefaultPartnerName, sandbox.DefaultPartnerUser, sandbox.DefaultPartnerPassword)
	phones, ext := map[string]int{}, map[string]int{}
	for page := 0; ; page++ {
		res, err := p.Search(ctx, api.Search{Page: page, PageSize: 100})
		if err != nil {
			return 0, fmt.Errorf("listing the consumers: %w", err)
		}
		for _, s := range res.Consumers {
			phones[s.Phone]++
			if s.ExternalID != "" {
				ext[s.ExternalID]++
			}
		}
		if page+1 >= res.Pages() {
			break
		}
	}
	dups := 0
	for _, m := range []map[string]int{phones, ext} {
		for _, n := range m {
			dups += n - 1
		}
	}
	return dups, nil
}

func report(cfg config, results []outcome, dups int, counts map[string]int, elapsed time.Duration) bool {
	completed, crashes, blind, resumed := 0, 0, 0, 0
	var failed []outcome
	for _, o := range results {
		switch {
		case o.crashed:
			crashes++
			failed = append(failed, o)
		case o.completed:
			completed++
		default:
			failed = append(failed, o)
		}
		if o.blind {
			blind++
		}
		if o.runs > 1 {
			resumed++
		}
	}
	kinds := make([]string, 0, len(counts))
	for k, v := range counts {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(kinds)
	fmt.Printf("chaos: %d onboardings (%s), %d at once, faults %q, in %s\n", cfg.n, cfg.provider, cfg.concurrency, cfg.faults, elapsed.Round(time.Millisecond))
	fmt.Printf("  faults injected  %s\n", strings.Join(kinds, ", "))
	fmt.Printf("  completed        %d / %d (%d needed another run after connection trouble)\n", completed, cfg.n, resumed)
	fmt.Printf("  duplicates       %d (consumers sharing a phone or external id) + %d (a fresh number answered \"already registered\")\n", dups, blind)
	fmt.Printf("  crashes          %d\n", crashes)
	for i, o := range failed {
		if i == 5 {
			fmt.Printf("  … and %d more\n", len(failed)-5)
			break
		}
		fmt.Printf("  ✗ #%d %s %s after %d run(s):\n%s\n", o.index, o.provider, o.phone, o.runs, indent(o.last))
	}
	return completed == cfg.n && dups == 0 && blind == 0 && crashes == 0
}

func indent(s string) string { return "      " + strings.ReplaceAll(s, "\n", "\n      ") }
