package prism

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The bounds of a run: prism's start (slow on a busy machine), and one
// onboard command against it.
const (
	startBound = 4 * time.Minute
	runBound   = 2 * time.Minute
)

// tools is what the test needs from its environment.
type tools struct{ prism, specs, onboard string }

func needTools(t *testing.T) tools {
	t.Helper()
	tl := tools{prism: os.Getenv("ONBOARD_PRISM"), specs: os.Getenv("ONBOARD_SPECS")}
	if tl.prism == "" || tl.specs == "" {
		msg := "ONBOARD_PRISM (the prism executable, .ci/run installs it) and ONBOARD_SPECS are needed to run onboard against Prism's mocks"
		if os.Getenv("ONBOARD_CI") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	tl.onboard = filepath.Join(t.TempDir(), "onboard")
	build := exec.Command("go", "build", "-o", tl.onboard, "github.com/onboard-cli/onboard/cmd/onboard")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building onboard: %v\n%s", err, out)
	}
	return tl
}

// seeds are the fixed seeds of the dynamic mocks, from testdata/seeds.txt
// (or ONBOARD_PRISM_SEEDS, a file of the same form, for a run by hand).
func seeds(t *testing.T) []int {
	t.Helper()
	path := filepath.Join("testdata", "seeds.txt")
	if p := os.Getenv("ONBOARD_PRISM_SEEDS"); p != "" {
		path = p
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n, err := strconv.Atoi(line)
		if err != nil {
			t.Fatalf("testdata/seeds.txt: %q is not a seed", line)
		}
		out = append(out, n)
	}
	return out
}

// TestAgainstPrism runs each provider's scenarios against each mock of
// its spec: static, then dynamic with every seed.
func TestAgainstPrism(t *testing.T) {
	tl := needTools(t)
	modes := []string{"static"}
	for _, s := range seeds(t) {
		modes = append(modes, "seed-"+strconv.Itoa(s))
	}
	for _, p := range providers() {
		for _, mode := range modes {
			t.Run(p.name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				base := startPrism(t, tl, filepath.Join(tl.specs, p.spec), mode)
				for _, sc := range p.scenarios {
					t.Run(sc.name, func(t *testing.T) {
						res := runOnboard(t, tl, base, sc)
						check(t, p, sc, res)
					})
				}
			})
		}
	}
}

// freePort is a loopback port nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startPrism serves spec on 127.0.0.1 in mode ("static" or "seed-N")
// for the length of the test, and returns its base URL once it answers.
func startPrism(t *testing.T, tl tools, spec, mode string) string {
	t.Helper()
	port := freePort(t)
	args := []string{"mock", "-h", "127.0.0.1", "-p", strconv.Itoa(port)}
	if seed, ok := strings.CutPrefix(mode, "seed-"); ok {
		args = append(args, "-d", "--seed", seed)
	}
	cmd := exec.Command(tl.prism, append(args, spec)...)
	logPath := filepath.Join(t.TempDir(), "prism.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting prism: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited; logFile.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), startBound)
	defer cancel()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return "http://" + addr + "/"
		}
		select {
		case <-ctx.Done():
			t.Fatalf("prism did not listen on %s within %s:\n%s", addr, startBound, readLog(logPath))
		case <-exited:
			t.Fatalf("prism stopped before it listened on %s:\n%s", addr, readLog(logPath))
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// readLog is prism's log, for a failure message.
func readLog(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// result is how one onboard command ended.
type result struct {
	code           int
	stdout, stderr string
	timedOut       bool
}

// runOnboard runs sc against base with its own state folders, stdin
// and environment, within runBound.
func runOnboard(t *testing.T, tl tools, base string, sc scenario) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runBound)
	defer cancel()
	cmd := exec.CommandContext(ctx, tl.onboard, append(sc.args, "--api-url", base)...)
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+home+"/state", "XDG_CONFIG_HOME="+home+"/config",
		"XDG_DATA_HOME="+home+"/data", "NO_COLOR=1", "TERM=dumb")
	cmd.Env = append(cmd.Env, sc.env...)
	cmd.Stdin = strings.NewReader(sc.stdin)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := result{stdout: stdout.String(), stderr: stderr.String(), timedOut: errors.Is(ctx.Err(), context.DeadlineExceeded)}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	default:
		t.Fatalf("running onboard %s: %v", strings.Join(sc.args, " "), err)
	}
	return res
}

// String shows a result for a failure message.
func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s\n--- stderr\n%s", r.code, r.stdout, r.stderr)
}
