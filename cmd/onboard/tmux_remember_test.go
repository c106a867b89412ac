//go:build unix

package main

import (
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestTmuxRememberKilled: with --remember, the full-screen wizard keeps
// the session the moment the password is set and logged in, so after
// kill -9 on the KYC screen (no clean exit, nothing deferred runs) the
// next run goes straight back to the KYC, asking for no password.
func TestTmuxRememberKilled(t *testing.T) {
	tm := startBinary(t, `export LANG=en_GB.UTF-8 DBUS_SESSION_BUS_ADDRESS=unix:path=%[1]s/no-bus
%[2]s --remember
echo "EXIT1=$?"
stty sane
read go
clear
%[2]s --remember
echo "EXIT2=$?"
sleep 60
`)
	tm.waitFor("Terms and conditions")
	tm.keys("a")
	tm.waitFor("Your mobile number")
	tm.keys("+33 6 12 34 56 78")
	tm.waitFor("✓ +33 6 12 34 56 78")
	tm.press("Enter")
	secret := regexp.MustCompile(`your secret is (\d{6})`).FindStringSubmatch(tm.waitFor("your secret is"))[1]
	tm.keys(secret)
	tm.press("Enter")
	tm.waitFor("Your password needs")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	tm.waitFor("/sandbox/kyc/")
	if err := killPID(tm.childPID(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	tm.waitForJoined("EXIT1=137") // the shell's "Killed" may push it past the edge of the killed run's last line
	tm.keys("go")
	tm.press("Enter")

	// The second run's screen: the KYC again (the first one's was cleared).
	var s string
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		s = tm.screen()
		if strings.Contains(s, "Prove your identity") && !strings.Contains(s, "EXIT1=") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run after kill -9 did not go back to the KYC:\n%s", s)
		}
	}
	if !strings.Contains(s, "✓ Login") {
		t.Fatalf("the run after kill -9 is not logged in:\n%s", s)
	}
	tm.press("C-c")
	s = tm.waitFor("EXIT2=")
	// The no-keyring notice, printed before the wizard, is wrapped at
	// spaces to the window: read back line by line, its words are whole.
	joined := strings.Join(strings.Fields(s), " ")
	if !strings.Contains(joined, "readable by you only (mode 0600). Anyone with your account or a copy of it can use it until it expires; onboard logout deletes it.") {
		t.Errorf("the keyring notice is cut by the window's edge, not wrapped:\n%s", s)
	}
}
