package main

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// TestWeavrHeadless onboards with --provider weavr and no prompts on the
// embedded sandbox, then again: the second run finds the person
// registered and logs in by email. No secret reaches a file or the output.
func TestWeavrHeadless(t *testing.T) {
	dir := t.TempDir()
	const pw = "Correct-Horse-9!"
	args := []string{"--provider", "weavr", "--no-input", "--sandbox-auto", "--accept-terms", "--password-stdin",
		"--phone", "+33612345678", "--email", "ada@example.com", "--first-name", "Ada", "--last-name", "Lovelace",
		"--birth-date", "1990-12-10", "--json", "--debug", filepath.Join(dir, "debug.log")}
	code, stdout, stderr := runIn(t, dir, pw+"\n", args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	s := summaryOf(t, stdout)
	if s.Provider != "weavr" || !s.Onboarded || s.KYC != "APPROVED" || s.Statuses["kyc"] != "APPROVED" || s.Statuses["mobile"] != "verified" {
		t.Fatalf("summary = %+v", s)
	}
	for _, want := range []string{"Email address verified", "Mobile number verified", "/sandbox/weavr/kyc?reference="} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	log, _ := os.ReadFile(filepath.Join(dir, "debug.log"))
	if !bytes.Contains(log, []byte("POST /login_with_password")) && !bytes.Contains(log, []byte("POST /passwords/{user_id}/create")) {
		t.Errorf("the debug log does not show the Weavr calls:\n%s", log)
	}
	noSecretsIn(t, dir, pw)

	// The same details again: the idempotency reference finds the consumer
	// made by the first run (no second one), which already has a password.
	code, _, stderr = runIn(t, dir, pw+"\n", args[:len(args)-3]...)
	if code != 0 || !strings.Contains(stderr, "already has a password") || !strings.Contains(stderr, "Logged in") {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
}

// TestWeavrLineMode feeds Weavr's line mode from a reader against a
// sandbox that approves KYCs by itself: every wrong answer (an empty name,
// a bad email, a minor's birth date, a weak password, a wrong email code)
// is said and asked again, and the run completes.
func TestWeavrLineMode(t *testing.T) {
	hs := startSandbox(t, sandbox.Options{KYCAutoApprove: time.Millisecond})
	input := strings.Join([]string{
		"y",                 // the terms
		"+33 6 12 34 56 70", // the phone
		"",                  // first name: empty → re-asked
		"Ada",               //
		"Lovelace",          //
		"ada@example",       // not an email → re-asked
		"ada@example.com",   //
		"2015-06-01",        // a minor → re-asked
		"10/12/1990",        // ambiguous → re-asked, naming both readings
		"1990-12-10",        //
		"short",             // weak → re-asked
		"Correct-Horse-9!",  //
		"Correct-Horse-9!",  // again
		"111111",            // a wrong email code → re-asked
		"123 456",           //
		"123456",            // the SMS code
	}, "\n") + "\n"
	code, stdout, stderr := runCmd(t, input, "--provider", "weavr", "--api-url", hs.URL+"/weavr/multi/")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Type your first name", "the domain after the @ has no dot", "18 or over",
		"could be 10 December or 12 October", "The password needs", "That code is not right", "Email address verified", "Mobile number verified", "[sandbox phone] EMAIL"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "APPROVED") {
		t.Errorf("stdout = %s", stdout)
	}
}

// TestWeavrNeedsItsSettings: against Weavr itself, the key, the profile and
// the KYC page must be given, each with a sentence saying how.
func TestWeavrNeedsItsSettings(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "ONBOARD_API_KEY"},
		{map[string]string{"ONBOARD_API_KEY": "k"}, nil, "--profile-id"},
		{map[string]string{"ONBOARD_API_KEY": "k"}, []string{"--profile-id", "1"}, "--kyc-page"},
		{nil, []string{"--kyc-page", "https://partner.example/kyc"}, "has no {reference}"},
	} {
		for k, v := range tt.env {
			t.Setenv(k, v)
		}
		args := append([]string{"--provider", "weavr", "--api-url", "https://sandbox.weavr.io/multi/", "--no-input"}, tt.args...)
		code, _, stderr := runCmd(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v %v: exit %d %q; want 2 naming %s", tt.env, tt.args, code, stderr, tt.want)
		}
		t.Setenv("ONBOARD_API_KEY", "")
	}
}

// TestTmuxWeavr walks Weavr's wizard in the built binary at 80×24: the
// details screen, the password, the email code (a wrong one first), the
// mobile code, the QR code of the sandbox's KYC page, the approval.
func TestTmuxWeavr(t *testing.T) {
	tm := startBinary(t, `%[2]s --provider weavr --lang en
echo "EXIT=$?"
sleep 60
`)
	tm.waitFor("Terms and conditions")
	tm.keys("a")
	tm.waitFor("About you")
	tm.keys("06 12 34 56 78")
	tm.press("Tab")
	tm.keys("Ada")
	tm.press("Tab")
	tm.keys("Lovelace")
	tm.press("Tab")
	tm.keys("ada@example.com")
	tm.press("Tab")
	tm.keys("1990-12-10")
	tm.press("Enter")
	tm.waitFor("Choose a password")
	tm.keys("Correct-Horse-9!")
	tm.press("Enter")
	tm.keys("Correct-Horse-9!")
	tm.press("Enter")
	s := tm.waitFor("Your verification code is 123456")
	if !strings.Contains(s, "Confirm your email address") {
		t.Fatalf("not on the email code:\n%s", s)
	}
	tm.keys("111111")
	tm.press("Enter")
	tm.waitFor("That code is not right")
	tm.keys("123 456")
	tm.press("Enter")
	tm.waitFor("Confirm your mobile number")
	tm.keys("123456")
	tm.press("Enter")
	s = tm.waitFor("/sandbox/weavr/kyc?reference=")
	if !strings.Contains(s, "▀▀▀▀▀▀") || !strings.Contains(s, "✓ Mobile › KYC") {
		t.Errorf("no QR code, or the stepper is wrong, at 80×24:\n%s", s)
	}
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/weavr/kyc\?reference=\d+`).FindString(s)
	res, err := http.PostForm(link, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	s = tm.waitFor("You are a verified customer")
	for _, want := range []string{"✓ Identity      approved", "ada@example.com (verified)", "with your email address"} {
		if !strings.Contains(s, want) {
			t.Errorf("the last screen lacks %q:\n%s", want, s)
		}
	}
	tm.press("Enter")
	if s = tm.waitFor("EXIT="); !strings.Contains(s, "EXIT=0") {
		t.Fatalf("the run did not end well:\n%s", s)
	}
}
