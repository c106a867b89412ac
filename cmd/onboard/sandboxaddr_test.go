package main

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

// emailLink finds the verification link the sandbox phone line shows.
var emailLink = regexp.MustCompile(`http://\S+/sandbox/email/[A-Za-z0-9_-]+`)

// shownLink starts a run that resumes at the email step and returns the
// link it shows, stopping it there.
func shownLink(t *testing.T, dir, bin string, args []string) (*proc, string) {
	t.Helper()
	p := startProc(t, dir, bin, "S3cure-pass!\n", args...)
	p.waitFor(t, "/sandbox/email/")
	return p, emailLink.FindString(p.stderr())
}

// TestSandboxLinkAfterRestart: a link the embedded sandbox showed still
// opens after a restart. The sandbox listens where it did before when the
// port is free; when something else holds it, the links in its outbox are
// shown with the new address, and the link shown verifies the email.
func TestSandboxLinkAfterRestart(t *testing.T) {
	dir, bin := buildBinary(t)
	phone := []string{"--phone", "+33612345678", "--password-stdin"}
	// Line mode, its stdin ending at the email step (a --no-input run
	// would refuse to start without --email).
	if code, stderr := runProcIn(t, dir, bin, "S3cure-pass!\n", append(phone, "--sandbox-auto", "--accept-terms")...); code != exitUsage ||
		!strings.Contains(stderr, "Email address:") {
		t.Fatalf("the first run should stop at the email step: exit %d\n%s", code, stderr)
	}
	args := append(phone, "--no-input", "--email", "ada@example.com")
	p, first := shownLink(t, dir, bin, args)
	if first == "" {
		t.Fatalf("no link shown:\n%s", p.stderr())
	}
	stop(t, p)

	p, again := shownLink(t, dir, bin, args) // the port is free: the same address
	if again != first {
		t.Fatalf("after a restart the link is %s, want %s (the port was free)", again, first)
	}
	stop(t, p)

	old, err := url.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	squatter, err := net.Listen("tcp", old.Host) // something else now holds the old port
	if err != nil {
		t.Fatalf("occupying %s: %v", old.Host, err)
	}
	defer squatter.Close()
	p, moved := shownLink(t, dir, bin, args)
	if moved == "" || moved == first || !strings.HasSuffix(moved, old.Path) {
		t.Fatalf("with %s taken the link shown is %q, want %s at another address", old.Host, moved, old.Path)
	}
	res, err := http.Get(moved)
	if err != nil {
		t.Fatalf("the link shown does not open: %v", err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the link shown answered %d:\n%s", res.StatusCode, page)
	}
	p.waitFor(t, "✓ Email verified")
}

// stop interrupts p, as Ctrl+C would (its progress is saved), and waits
// for its end.
func stop(t *testing.T, p *proc) {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
}
