package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// waitForJoined is waitFor on the screen with wrapped lines joined (what
// a shell writes after a killed program's last frame may wrap).
func (tm *tmux) waitForJoined(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.run("capture-pane", "-p", "-J", "-t", tm.target)
		if strings.Contains(s, want) {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q; it shows:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTmuxChangeNumber is issue 22's typo in the built binary at 80×24: a
// mistyped number is seen in full on the SMS screen, esc goes back to it,
// the number is changed, and the onboarding finishes on the new one.
func TestTmuxChangeNumber(t *testing.T) {
	tm := startBinary(t, `LANG=fr_FR.UTF-8 %[2]s --lang en
echo "EXIT=$?"
sleep 60
`)
	tm.waitFor("Terms and conditions")
	tm.keys("a")
	tm.waitFor("Your mobile number")
	tm.keys("06 12 34 99 99")
	tm.waitFor("✓ +33 6 12 34 99 99")
	tm.press("Tab", "Tab", "Tab")
	tm.keys("ada@example.com")
	tm.press("Enter")
	tm.waitFor("Code sent to +33 6 12 34 99 99") // the typo, in full
	tm.press("Escape")
	tm.waitFor("Change your number or email address")
	tm.press("C-u") // the field holds the number in full: clear it
	tm.keys("06 12 34 56 78")
	tm.press("Enter")
	s := tm.waitFor("Code sent to +33 6 12 34 56 78")
	tm.waitFor("your secret is")
	secrets := regexp.MustCompile(`your secret is (\d{6})`).FindAllStringSubmatch(tm.screen(), -1)
	if len(secrets) == 0 {
		t.Fatalf("no secret on the sandbox phone:\n%s", s)
	}
	secret := secrets[len(secrets)-1][1]
	tm.keys(secret)
	tm.press("Enter")
	tm.waitFor("Your password needs")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	s = tm.waitFor("/sandbox/kyc/")
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/kyc/[A-Za-z0-9_-]+`).FindString(s)
	tm.approveAndConfirm(link, "ada@example.com")
	s = tm.waitFor("You are a verified customer")
	if !strings.Contains(s, "+33 6 12 34 56 78") || strings.Contains(s, "99 99") {
		t.Errorf("the summary is not for the new number:\n%s", s)
	}
	tm.press("Enter")
	s = tm.waitFor("EXIT=")
	if !strings.Contains(s, "EXIT=0") {
		t.Fatalf("the run did not end well:\n%s", s)
	}
}
