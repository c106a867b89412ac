package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
)

// startSandboxBinary runs `onboard sandbox` (bin, with args) on a free
// loopback port in the background, and returns its root URL and partner
// from its banner.
func startSandboxBinary(t *testing.T, dir, bin string, args ...string) (base, partner string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"sandbox", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "sandbox.db")}, args...)...)
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir+"/sbdata", "XDG_STATE_HOME="+dir+"/sbstate", "XDG_CONFIG_HOME="+dir+"/sbconfig")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &syncBuffer{} // written by the process while the test may read it
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "Run the wizard against it:") {
				line <- sc.Text()
				break
			}
		}
		close(line)
		for sc.Scan() { // the rest of the banner, so that the sandbox never blocks on it
		}
	}()
	var run string
	select {
	case run = <-line:
	case <-time.After(30 * time.Second):
		t.Fatalf("onboard sandbox did not start; stderr:\n%s", stderr.String())
	}
	m := regexp.MustCompile(`--api-url (\S+)/linkcy/ --partner (\S+)`).FindStringSubmatch(run)
	if m == nil {
		t.Fatalf("no address in the banner's %q; stderr:\n%s", run, stderr.String())
	}
	return m[1], m[2]
}

// TestTmuxSCAPush runs the built binary at 80×24 against `onboard sandbox
// --sca push` started apart (--api-url): at LinkCy's email step the person
// replaces the address with another, the wizard asks to approve this on
// the phone, the approval is given on the sandbox's SCA page (the request
// its Approve button sends), and the wizard goes on to the end with the
// new address.
func TestTmuxSCAPush(t *testing.T) {
	dir, bin := buildBinary(t)
	base, partner := startSandboxBinary(t, dir, bin, "--sca", "push")
	script := filepath.Join(dir, "run.sh")
	body := fmt.Sprintf("#!/bin/sh\nexport XDG_STATE_HOME=%[1]s/state XDG_CONFIG_HOME=%[1]s/config XDG_DATA_HOME=%[1]s/data TERM=xterm-256color LANG=en_GB.UTF-8\n"+
		"%[2]s --lang en --api-url %[3]s/linkcy/ --partner %[4]s\necho \"EXIT=$?\"\nsleep 60\n", dir, bin, base, partner)
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := startTmux(t, script)
	tm.waitFor("Terms and conditions")
	tm.keys("a")
	tm.waitFor("Your mobile number")
	tm.press("C-u")
	tm.keys("+33 6 12 34 56 78")
	tm.waitFor("✓ +33 6 12 34 56 78")
	tm.press("Tab", "Tab", "Tab")
	tm.keys("ada@example.com")
	tm.press("Enter")
	s := tm.waitFor("your secret is")
	secret := find(t, regexp.MustCompile(`your secret is (\d{6})`), s)
	tm.keys(secret)
	tm.press("Enter")
	tm.waitFor("Your password needs")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	s = tm.waitFor("/sandbox/kyc/")
	press(t, regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/kyc/[A-Za-z0-9_-]+`).FindString(s))
	tm.waitFor("Confirm your email address")
	tm.press("C-u")
	tm.keys("grace@example.com")
	tm.press("Enter")
	s = tm.waitFor("Approve this on your phone")
	if !strings.Contains(s, "The bank sent a request to its app on your phone") || strings.Contains(s, "✗") {
		t.Errorf("the wait for the push:\n%s", s)
	}
	phone := outbox.NewClient(base, http.DefaultClient).ForPartner(partner)
	push, err := phone.Last(context.Background(), "+33612345678", outbox.HasLink)
	if err != nil || !strings.Contains(push.Link, "/sandbox/sca") {
		t.Fatalf("the push on the sandbox phone: %+v, %v", push, err)
	}
	press(t, push.Link)
	tm.waitFor("We sent a link to grace@example.com")
	mail, err := phone.Last(context.Background(), "grace@example.com", outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	if err := phone.Open(context.Background(), mail.Link); err != nil {
		t.Fatal(err)
	}
	s = tm.waitFor("You are a verified customer")
	if !strings.Contains(s, "grace@example.com (verified)") {
		t.Errorf("the last screen lacks the new address, verified:\n%s", s)
	}
	tm.press("Enter")
	if s = tm.waitFor("EXIT="); !strings.Contains(s, "EXIT=0") {
		t.Fatalf("the run did not end well:\n%s", s)
	}
}

// press sends what a sandbox page's Approve button sends.
func press(t *testing.T, page string) {
	t.Helper()
	res, err := http.PostForm(page, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if res.StatusCode >= 400 {
		t.Fatalf("approving on %s: %s", page, res.Status)
	}
}
