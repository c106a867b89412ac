//go:build unix

package bench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// build compiles the package at pkg (relative to the module root) into
// dir, as README.md's install line does (CGO_ENABLED=0, -trimpath, -s -w),
// and returns the binary's path. The benchfps tag lets the frame-rate
// sweep set onboard's frame rate (cmd/onboard/framerate_benchfps.go);
// unset, it is tui.FPS.
func build(tb testing.TB, dir, pkg string) string {
	tb.Helper()
	bin := filepath.Join(dir, filepath.Base(pkg))
	// The README's install line: static, small, no paths.
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-tags", "benchfps", "-o", bin, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Dir = ".."
	if _, err := os.Stat(filepath.Join("..", pkg, "go.mod")); err == nil {
		// A module of its own (bench/floor: stock Bubble Tea, not the
		// patched copy onboard builds with; third_party/bubbletea).
		cmd.Dir, cmd.Args[len(cmd.Args)-1] = filepath.Join("..", pkg), "."
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// term is a program running on a pseudo-terminal of 80×24, with a reader
// that keeps everything it wrote and answers the questions a terminal
// answers (background colour, device attributes, cursor position), as a real one would.
type term struct {
	cmd   *exec.Cmd
	start time.Time
	tty   *os.File

	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

// The questions a terminal answers.
const (
	askBackground = "\x1b]11;?"
	askDevice     = "\x1b[c"
	askCursor     = "\x1b[6n"
)

// run starts bin with args under a pty; env adds to the environment.
func run(tb testing.TB, bin string, env []string, args ...string) *term {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor"), env...)
	t := &term{cmd: cmd, done: make(chan struct{})}
	t.start = time.Now()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		tb.Fatalf("starting %s on a pty: %v", bin, err)
	}
	t.tty = tty
	go t.read()
	tb.Cleanup(t.stop)
	return t
}

func (t *term) read() {
	defer close(t.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := t.tty.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if bytes.Contains(chunk, []byte(askBackground)) {
				_, _ = t.tty.WriteString("\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\")
			}
			if bytes.Contains(chunk, []byte(askDevice)) {
				_, _ = t.tty.WriteString("\x1b[?62;22c")
			}
			if bytes.Contains(chunk, []byte(askCursor)) {
				_, _ = t.tty.WriteString("\x1b[1;1R")
			}
			t.mu.Lock()
			t.out.Write(chunk)
			t.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// waitFor waits until the output matches re and returns the time since
// the start and the submatches.
func (t *term) waitFor(tb testing.TB, re *regexp.Regexp, limit time.Duration) (time.Duration, []string) {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for {
		m := re.FindStringSubmatch(t.output())
		if m != nil {
			return time.Since(t.start), m
		}
		if time.Now().After(deadline) {
			tail := t.output()
			if len(tail) > 2000 {
				tail = tail[len(tail)-2000:]
			}
			tb.Fatalf("no %q after %s; the output ends:\n%q", re, limit, tail)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// output is everything the program has written so far.
func (t *term) output() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.out.String()
}

// send types keys into the terminal.
func (t *term) send(tb testing.TB, keys string) {
	tb.Helper()
	if _, err := t.tty.WriteString(keys); err != nil {
		tb.Fatalf("typing: %v", err)
	}
}

// stop kills the program and waits for it.
func (t *term) stop() {
	if t.cmd.ProcessState == nil {
		_ = t.cmd.Process.Kill()
		_ = t.cmd.Wait()
	}
	t.tty.Close()
	<-t.done
}

// cpuTicks is the process's user+system CPU time in clock ticks, from
// /proc/PID/stat.
func cpuTicks(tb testing.TB, pid int) int64 {
	tb.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		tb.Skipf("no /proc: %v", err)
	}
	// The command name may hold spaces; fields count from after its ')'.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime
}

// peakRSS is the process's high-water resident set, in bytes.
func peakRSS(tb testing.TB, pid int) int64 {
	tb.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Skipf("no /proc: %v", err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(data)
	if m == nil {
		tb.Skip("no VmHWM in /proc/PID/status")
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return kb << 10
}

// median of ds (sorted in place).
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}
