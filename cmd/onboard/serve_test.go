package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// served is a running `onboard serve`.
type served struct {
	port, fingerprint string
	stop              func()
	// stderr is the server's log; read it only after stop.
	stderr *strings.Builder
}

// startServe runs `onboard serve` on a free loopback port with its XDG
// folders under dir, and reads the port and host key from its banner.
func startServe(t *testing.T, dir, bin string, args ...string) served {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir+"/data", "XDG_STATE_HOME="+dir+"/state", "XDG_CONFIG_HOME="+dir+"/config")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
		}
	}
	t.Cleanup(stop)
	banner := make(chan string, 1)
	go func() {
		var b strings.Builder
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
			if strings.HasPrefix(sc.Text(), "Stop with") {
				break
			}
		}
		banner <- b.String()
	}()
	var text string
	select {
	case text = <-banner:
	case <-time.After(15 * time.Second):
		t.Fatalf("onboard serve did not start; stderr:\n%s", stderr.String())
	}
	port := regexp.MustCompile(`ssh -p (\d+) `).FindStringSubmatch(text)
	fp := regexp.MustCompile(`\((SHA256:[^)]+)\)`).FindStringSubmatch(text)
	if port == nil || fp == nil {
		t.Fatalf("no port or host key in the banner:\n%s\nstderr:\n%s", text, stderr.String())
	}
	return served{port: port[1], fingerprint: fp[1], stop: stop, stderr: &stderr}
}

// sshCommand connects to port with the real OpenSSH client, checking the
// host key against knownHosts (accepting it the first time when trustNew)
// under one alias, so that a restart on another port is the same host.
func sshCommand(port, knownHosts string, trustNew bool) string {
	check := "yes"
	if trustNew {
		check = "accept-new"
	}
	return fmt.Sprintf(`ssh -tt -p %s -o StrictHostKeyChecking=%s -o UserKnownHostsFile=%s -o HostKeyAlias=onboard-serve-test -o LogLevel=ERROR -o BatchMode=yes 127.0.0.1; echo "EXIT=$?"; sleep 60`,
		port, check, knownHosts)
}

// TestTmuxServe connects real ssh clients to `onboard serve` in terminals
// of two sizes: each gets its own wizard and sees only its own SMS; one
// too many is turned away; Ctrl+C ends a session; the host key survives a
// restart (the client checks it); an idle session is closed.
func TestTmuxServe(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("no ssh client (.ci/run installs openssh-client)")
	}
	dir, bin := buildBinary(t)
	known := filepath.Join(dir, "known_hosts")
	srv := startServe(t, dir, bin, "--max-sessions", "2", "--demo")

	a := startTmux(t, sshCommand(srv.port, known, true))
	s := a.waitFor("Terms and conditions")
	if !strings.Contains(s, "DEMO") || !strings.Contains(s, "Terms › Phone") {
		t.Errorf("session A (80×24) lacks the DEMO badge or the full stepper:\n%s", s)
	}
	a.keys("a")
	a.waitFor("Ada")
	a.press("Enter")
	s = a.waitFor("your secret is")
	// The panel may write the number grouped or wrapped ("+33 6 12…"): a
	// regexp that stopped at the first space read "+33" alone, and B then
	// typed "+33" (the lost number of an earlier session's notes).
	phoneA := strings.ReplaceAll(find(t, regexp.MustCompile(`SMS to (\+\d[\d ]*\d)`), s), " ", "")

	// B, in a smaller terminal, types A's number: each session is a
	// tenant of its own, so B signs up with it too and is texted its own
	// secret, never A's, and is never told that somebody has the number.
	b := a.open("b", 60, 20, sshCommand(srv.port, known, false))
	b.waitFor("Step 1 of 7") // its own size: the stepper folds at 60 columns
	b.keys("a")
	b.waitFor("Ada")
	b.press("C-u") // the number field has the focus
	b.keys(phoneA)
	b.waitFor(phoneA) // all of it arrived before Enter
	b.press("Enter")
	s = b.waitFor("your secret is")
	secret := regexp.MustCompile(`your secret is (\d+)`)
	if strings.Contains(s, "already registered") || secret.FindString(s) == secret.FindString(a.screen()) {
		t.Errorf("session B, with A's number, was told it is taken or shown A's secret:\n%s", s)
	}

	c := a.open("c", 80, 24, sshCommand(srv.port, known, false))
	s = c.waitFor("EXIT=")
	// The server waits for ssh to close after the exit status (refuse),
	// so ssh ends with 1, never 255 (TestServeRefusalExitStatusOpenSSH).
	if !strings.Contains(s, "onboard serve is full (2 sessions)") || !strings.Contains(s, "EXIT=1\n") {
		t.Errorf("a third session was not turned away:\n%s", s)
	}

	a.press("C-c")
	s = a.waitFor("EXIT=")
	if !strings.Contains(s, "Session ended; nothing was kept") || !strings.Contains(s, "EXIT=130") {
		t.Errorf("Ctrl+C did not end session A cleanly:\n%s", s)
	}

	srv.stop()
	if log := srv.stderr.String(); !strings.Contains(log, "tenant=") || strings.Contains(log, sandbox.DefaultPartnerName+"-") {
		t.Errorf("the server's log names sessions by their capability, or not at all:\n%s", log)
	}
	again := startServe(t, dir, bin, "--idle-timeout", "2s")
	if again.fingerprint != srv.fingerprint {
		t.Errorf("host key changed across a restart: %s, then %s", srv.fingerprint, again.fingerprint)
	}
	d := a.open("d", 80, 24, sshCommand(again.port, known, false)) // strict: the known key must match
	d.waitFor("Terms and conditions")
	s = d.waitFor("EXIT=")
	if !strings.Contains(s, "Closed after 2s without a key press") || !strings.Contains(s, "EXIT=130") {
		t.Errorf("an idle session was not closed:\n%s", s)
	}
}
