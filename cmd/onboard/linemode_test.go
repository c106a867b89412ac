package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// lockedBuffer is a bytes.Buffer the command writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// conversation is a line-mode run the test talks to as a person would:
// it waits for a prompt on stderr, then types a line.
type conversation struct {
	t        *testing.T
	in       *io.PipeWriter
	out, err *lockedBuffer
	from     int // where the next wait starts reading stderr
	code     chan int
}

func converse(t *testing.T, args ...string) *conversation {
	t.Helper()
	r, w := io.Pipe()
	c := &conversation{t: t, in: w, out: &lockedBuffer{}, err: &lockedBuffer{}, code: make(chan int, 1)}
	dir := t.TempDir()
	go func() {
		c.code <- execute(t, dir, r, c.out, c.err, args...)
		r.Close()
	}()
	t.Cleanup(func() { w.Close() })
	return c
}

// waitFor waits until stderr, after what was already waited for, holds
// want, and returns that part.
func (c *conversation) waitFor(want string) string {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	ended := false
	for time.Now().Before(deadline) {
		s := c.err.String()
		if i := strings.Index(s[c.from:], want); i >= 0 {
			part := s[c.from : c.from+i+len(want)]
			c.from += i + len(want)
			return part
		}
		if ended {
			c.t.Fatalf("the run ended before %q:\n%s", want, s[c.from:])
		}
		select {
		case code := <-c.code:
			c.code <- code
			ended = true // one more look: the text may have come with the end
		case <-time.After(20 * time.Millisecond):
		}
	}
	c.t.Fatalf("no %q within 20 s; stderr since the last answer:\n%s", want, c.err.String()[c.from:])
	return ""
}

// say types a line.
func (c *conversation) say(line string) {
	c.t.Helper()
	if _, err := fmt.Fprintln(c.in, line); err != nil {
		c.t.Fatalf("typing %q: %v", line, err)
	}
}

func (c *conversation) exit() int {
	c.t.Helper()
	select {
	case code := <-c.code:
		return code
	case <-time.After(20 * time.Second):
		c.t.Fatalf("the run did not end:\n%s", c.err.String())
	}
	return -1
}

// TestLineModeEndToEnd is a whole line-mode onboarding against a running
// sandbox, answered line by line from a pipe, as a screen reader user or a
// script would: every wrong answer is said and asked again, the SMS code
// is typed by hand (a wrong one first), the KYC is a link to open (no QR
// code), the email link is opened meanwhile, and nothing is coloured or
// redrawn.
func TestLineModeEndToEnd(t *testing.T) {
	hs := startSandbox(t, sandbox.Options{})
	phone := outbox.NewClient(hs.URL, hs.Client())
	ctx := context.Background()
	const pw = "S3cure-pass!"

	c := converse(t, "--api-url", hs.URL+"/linkcy/", "--partner", sandbox.DefaultPartnerName)
	c.waitFor("Do you accept the terms and conditions, version 1.0?")
	c.say("maybe")
	c.waitFor("Answer y or n")
	c.say("y")
	c.waitFor("Mobile number")
	c.say("+33 1 23")
	c.waitFor("This is not a valid number")
	c.say("06 12 34 56 78") // no country code: read in the locale's country (else France)
	c.waitFor("SMS code (r for a new one, c to change the number):")
	c.say("12")
	c.waitFor("6 digits")
	c.say("000000")
	c.waitFor("New password:")
	c.say("short")
	c.waitFor("The password needs at least 8 characters")
	c.say(pw)
	c.waitFor("Type it again:")
	c.say(pw + "?")
	c.waitFor("The two passwords differ")
	c.waitFor("Type it again:") // only the confirmation is asked again
	c.say(pw)
	c.waitFor("That code is not right") // the wrong SMS code, found when it is used
	c.waitFor("SMS code (r for a new one, c to change the number):")
	m, err := phone.Last(ctx, "+33612345678", outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	c.say(m.Secret)
	c.waitFor("Password set; logged in")

	kyc := c.waitFor("/sandbox/kyc/")
	kyc += c.waitFor("\n")
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/kyc/[A-Za-z0-9_-]+`).FindString(kyc)
	if link == "" {
		t.Fatalf("no KYC link in:\n%s", kyc)
	}
	if err := phone.Press(ctx, link, "approve"); err != nil {
		t.Fatal(err)
	}
	c.waitFor("Email address:")
	c.say("ada@example")
	c.waitFor("Email address:") // re-asked
	c.say("ada@example.com")
	c.waitFor("Verification link sent to ada@example.com")
	mail, err := phone.Last(ctx, "ada@example.com", outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	if err := phone.Open(ctx, mail.Link); err != nil {
		t.Fatal(err)
	}
	c.waitFor("Email verified")
	if code := c.exit(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, c.err.String())
	}

	all := c.out.String() + c.err.String()
	for _, bad := range []string{"\x1b[", "▀", "█", "\r"} {
		if strings.Contains(all, bad) {
			t.Errorf("the output holds %q (colour, a QR code or a redraw):\n%s", bad, all)
		}
	}
	if strings.Contains(all, pw) {
		t.Error("the password is in the output")
	}
	if !strings.Contains(c.out.String(), "APPROVED") || !strings.Contains(c.out.String(), "+33612345678") {
		t.Errorf("the summary:\n%s", c.out.String())
	}
}

// TestLineModeFrench: --lang fr says the wizard's own words in French and
// fetches the terms in French; "o" (oui) accepts them.
func TestLineModeFrench(t *testing.T) {
	code, stdout, stderr := runCmd(t, "S3cure-pass!\no\n", "--lang", "fr", "--phone", "+33612345678", "--email", "ada@example.com",
		"--password-stdin", "--sandbox-auto")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Conditions générales, version 1.0", "Conditions générales du compte bac à sable",
		"Acceptez-vous les conditions générales, version 1.0 ? [o/n]", "✓ Conditions 1.0 acceptées", "✓ SMS envoyé au +33 6 12 34 56 78",
		"✓ E-mail vérifié", "Vous êtes un client vérifié."} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "You are") || strings.Contains(stderr, "Terms and conditions") {
		t.Errorf("English left:\n%s", stderr)
	}
	if !strings.Contains(stdout, "APPROVED") {
		t.Errorf("stdout = %s", stdout)
	}
}
