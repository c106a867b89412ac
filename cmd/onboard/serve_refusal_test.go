package main

import (
	"errors"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestServeRefusalExitStatusOpenSSH: a session turned away (here: the
// server is full) ends, for the real OpenSSH client, with the refusal's
// sentence and exit status exactly 1, every time: the server waits for the
// client to close after the exit status instead of closing first, which
// could reset the connection before ssh read the status (exit 255).
func TestServeRefusalExitStatusOpenSSH(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("no ssh client (.ci/run installs openssh-client)")
	}
	s := startInServe(t, 1, time.Minute, nil)
	first, _ := dialSSH(t, s.addr)
	running := openSession(t, first, 80, 24)
	waitForText(t, running.scr, firstScreen)
	host, port, err := net.SplitHostPort(s.addr)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 25 {
		cmd := exec.Command("ssh", "-F", "/dev/null", "-tt", "-p", port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
			"-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "refused@"+host)
		stdin, err := cmd.StdinPipe() // a person at the keyboard: the input stays open
		if err != nil {
			t.Fatal(err)
		}
		out, err := cmd.CombinedOutput()
		_ = stdin.Close()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), "onboard serve is full (1 sessions)") {
			t.Fatalf("refused session %d: %v, output %q; want exit status 1 and the sentence", i+1, err, out)
		}
	}
	if s.h.count() != 1 {
		t.Errorf("%d sessions, want the first one still running", s.h.count())
	}
}
