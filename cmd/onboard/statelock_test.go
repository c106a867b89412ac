package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// proc is the built binary running in the background, its stderr read as
// it comes.
type proc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	mu    sync.Mutex
	err   bytes.Buffer
}

func (p *proc) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err.Write(b)
}

func (p *proc) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err.String()
}

// waitFor waits until stderr holds want, or fails once the process has
// ended without it (or after a minute, for a process that hangs).
func (p *proc) waitFor(t *testing.T, want string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(p.stderr(), want) {
			return
		}
	}
	t.Fatalf("%q never came:\n%s", want, p.stderr())
}

// binaryEnv is a private XDG world under dir for the built binary, with
// no OS keyring (so that --remember uses its file, never this machine's).
func binaryEnv(dir string) []string {
	return append(os.Environ(), "XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(dir, "no-bus"),
		"ONBOARD_API_URL=", "ONBOARD_PARTNER=", "ONBOARD_PROVIDER=", "ONBOARD_LANG=", "LANG=C", "LC_ALL=", "TERM=dumb")
}

// startProc starts bin with args in the world under dir, its stdin a pipe
// that starts with input.
func startProc(t *testing.T, dir, bin, input string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...)}
	p.cmd.Env = binaryEnv(dir)
	p.cmd.Stderr, p.cmd.Stdout = p, io.Discard
	in, err := p.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.stdin = in
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.cmd.Process.Kill(); _ = p.cmd.Wait() })
	if _, err := io.WriteString(in, input); err != nil {
		t.Fatal(err)
	}
	return p
}

// runProc runs bin with args in the world under dir to its end.
func runProc(t *testing.T, dir, bin string, args ...string) (int, string) {
	t.Helper()
	return runProcIn(t, dir, bin, "", args...)
}

// runProcIn runs bin with args and stdin in the world under dir to its end.
func runProcIn(t *testing.T, dir, bin, stdin string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = binaryEnv(dir)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr, cmd.Stdout = &stderr, io.Discard
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// TestOneWizardPerStateFolder runs the built binary: while a wizard is at
// its email prompt (logged in, with --remember), a second wizard on the
// same state folder exits 1 before any screen, naming the first one's pid,
// while onboard status still reads the progress. After kill -9 of the
// first, the kernel has dropped its lock, and a run with no password at
// all resumes with the session kept the moment the login succeeded.
func TestOneWizardPerStateFolder(t *testing.T) {
	dir, bin := buildBinary(t)
	const pw = "S3cure-pass!"
	base := []string{"--phone", "+33612345678", "--sandbox-auto", "--remember"}
	first := startProc(t, dir, bin, pw+"\n", append(base, "--accept-terms", "--password-stdin")...)
	first.waitFor(t, "Email address:")

	code, stderr := runProc(t, dir, bin, append(base, "--no-input", "--email", "ada@example.com")...)
	want := fmt.Sprintf("onboard: another onboard (pid %d) is onboarding with this state folder (%s); finish or quit it first",
		first.cmd.Process.Pid, filepath.Join(dir, "state", "onboard"))
	if code != exitError || !strings.HasPrefix(stderr, want) {
		t.Fatalf("second wizard: exit %d, want %d and %q:\n%s", code, exitError, want, stderr)
	}
	if code, stderr := runProc(t, dir, bin, "status"); strings.Contains(stderr, "another onboard") {
		t.Errorf("status took the lock: exit %d\n%s", code, stderr)
	}

	if err := first.cmd.Process.Kill(); err != nil { // SIGKILL: no deferred keep, no clean exit
		t.Fatal(err)
	}
	_ = first.cmd.Wait()
	code, stderr = runProc(t, dir, bin, append(base, "--no-input", "--email", "ada@example.com")...)
	if code != 0 || !strings.Contains(stderr, "Logged in with the session --remember kept.") {
		t.Fatalf("the run after kill -9: exit %d\n%s", code, stderr)
	}
}

// TestLockStateWhereNothingCanBeWritten: a state folder where no lock can
// be made (here, under a file) warns and lets the run go on, as it went
// before there was a lock (its progress could not be saved either).
func TestLockStateWhereNothingCanBeWritten(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_STATE_HOME", file)
	var w bytes.Buffer
	release, err := lockState(&w)
	if err != nil {
		t.Fatalf("lockState: %v", err)
	}
	release()
	if !strings.HasPrefix(w.String(), "! No lock on the state folder (") || !strings.Contains(w.String(), file) {
		t.Fatalf("the warning: %q", w.String())
	}
}
