package main

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/line"
)

// uuid matches a LinkCy consumer id, which differs at each run.
var uuid = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// TestStatus reports on the onboarding in progress and on consumers
// named by phone, external id and email, on the embedded sandbox: the
// JSON and the text are goldens (the consumer id written as <id>).
func TestStatus(t *testing.T) {
	dir := t.TempDir()
	// Stopped at the SMS secret: the terms accepted, the phone registered.
	if stderr := partialRun(t, dir, "S3cure-pass!\n", "--phone", "+33612345678", "--accept-terms",
		"--password-stdin", "--first-name", "Ada", "--last-name", "Lovelace", "--external-id", "crm-42"); !strings.Contains(stderr, "SMS code") {
		t.Fatalf("the partial run did not stop at the SMS code:\n%s", stderr)
	}

	code, stdout, stderr := runIn(t, dir, "", "status", "--json")
	if code != 0 {
		t.Fatalf("status --json: exit %d\n%s", code, stderr)
	}
	var s line.Status
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if s.Next != "credentials" || s.Onboarded || !s.TermsAccepted || s.PasswordSet || s.ExternalID != "crm-42" {
		t.Errorf("status = %+v", s)
	}
	t.Run("json", func(t *testing.T) { golden.RequireEqual(t, []byte(uuid.ReplaceAllString(stdout, "<id>"))) })

	if _, text, _ := runIn(t, dir, "", "status"); !strings.HasSuffix(text, "continue     run onboard: it resumes at this step\n") {
		t.Errorf("status of the onboarding in progress does not say how to go on:\n%s", text)
	}
	var texts []string
	for _, by := range [][]string{{"--phone", "+33 6 12 34 56 78"}, {"--external-id", "crm-42"}, {"--consumer", s.ConsumerID}} {
		code, text, stderr := runIn(t, dir, "", append([]string{"status"}, by...)...)
		if code != 0 {
			t.Fatalf("status %v: exit %d\n%s", by, code, stderr)
		}
		if texts = append(texts, text); text != texts[0] {
			t.Errorf("status %v differs from the first lookup:\n%s", by, text)
		}
	}
	t.Run("text", func(t *testing.T) { golden.RequireEqual(t, []byte(uuid.ReplaceAllString(texts[0], "<id>"))) })

	// Onboarded in full, then looked up by email.
	code, _, stderr = runIn(t, dir, "S3cure-pass!\n", "--no-input", "--phone", "+33612345679", "--accept-terms",
		"--password-stdin", "--email", "grace@example.com", "--sandbox-auto")
	if code != 0 {
		t.Fatalf("the full run: exit %d\n%s", code, stderr)
	}
	code, stdout, _ = runIn(t, dir, "", "status", "--email", "grace@example.com", "--json")
	s = line.Status{}
	if err := json.Unmarshal([]byte(stdout), &s); code != 0 || err != nil || !s.Onboarded || s.Next != "done" || s.KYC != "APPROVED" {
		t.Errorf("status --email: exit %d, %+v", code, s)
	}
	code, stdout, _ = runIn(t, dir, "", "status", "--email", "grace@example.com")
	if code != 0 || !strings.Contains(stdout, "next         Nothing: the consumer is onboarded.") {
		t.Errorf("status --email (text): exit %d\n%s", code, stdout)
	}
}

// TestStatusErrors: each mistake gets its exit code and a sentence that
// says what to do.
func TestStatusErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"status"}, exitUsage, "say which consumer: --consumer ID, --phone NUMBER"},
		{[]string{"status", "--provider", "weavr"}, exitUsage, "--email ADDRESS (the consumer's login)"},
		{[]string{"status", "--provider", "finhub"}, exitUsage, "FinHub has no lookup to find one; start one with onboard --provider finhub"},
		{[]string{"status", "--phone", "+33 6 12"}, exitUsage, "--phone \"+33 6 12\""},
		{[]string{"status", "--phone", "+33612345678"}, 1, "the LinkCy sandbox has no consumer with phone +33612345678; check it, or onboard them: onboard --phone +33612345678"},
		{[]string{"status", "--phone", "+33612345678", "--external-id", "x"}, exitUsage, "none of the others can be"},
		{[]string{"status", "--provider", "weavr", "--phone", "+33612345678"}, exitUsage, "a partner cannot look Weavr consumers up by id, phone or external id"},
		{[]string{"status", "--provider", "weavr", "--email", "ada@example.com"}, exitUsage, "stdin is not a terminal, so it cannot ask for the password for ada@example.com: give it with --password-stdin"},
		{[]string{"status", "--password-stdin", "--phone", "+33612345678"}, exitUsage, "--password-stdin is for Weavr"},
		{[]string{"agent"}, exitUsage, "onboard agent is a full-screen console and needs a terminal; a script can use onboard status --json"},
		{[]string{"agent", "--provider", "weavr"}, exitUsage, "onboard agent works with LinkCy: weavr gives a partner no consumer lookup"},
	} {
		code, _, stderr := runCmd(t, "pw\n", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d %q; want %d saying %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

// TestStatusNothingInProgressOpensNothing: `onboard status` with no
// onboarding in progress here says which consumer to name, and leaves
// no sandbox database or address file behind it.
func TestStatusNothingInProgressOpensNothing(t *testing.T) {
	for _, c := range []struct {
		args []string
		said string
	}{
		{[]string{"status"}, "say which consumer"},
		{[]string{"status", "--provider", "finhub", "--organization"}, "no company onboarding is in progress here"},
	} {
		statusOpensNothing(t, c.args, c.said)
	}
}

// statusOpensNothing runs status with args in an empty folder: it says
// said, exits with a usage error and leaves no file.
func statusOpensNothing(t *testing.T, args []string, said string) {
	t.Helper()
	dir := t.TempDir()
	code, _, stderr := runIn(t, dir, "", args...)
	if code != exitUsage || !strings.Contains(stderr, said) {
		t.Fatalf("%v: exit %d %q", args, code, stderr)
	}
	var left []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, path)
		}
		return nil
	})
	if len(left) != 0 {
		t.Errorf("status wrote %v", left)
	}
}

// TestStatusPartnerLogin reads a sandbox on this machine as the partner:
// its own login by default, ONBOARD_PARTNER_* when given, and a refusal
// says which settings to check without showing the password.
func TestStatusPartnerLogin(t *testing.T) {
	hs := startSandbox(t, sandbox.Options{PartnerUser: "ops", PartnerPassword: "partner-secret-1"})
	api := []string{"--api-url", hs.URL + "/linkcy/", "--partner", sandbox.DefaultPartnerName}
	partialRun(t, t.TempDir(), "", append([]string{"--phone", "+33612345678", "--accept-terms"}, api...)...)
	t.Setenv("ONBOARD_PARTNER_USER", "ops")
	t.Setenv("ONBOARD_PARTNER_PASSWORD", "wrong-one")
	code, _, stderr := runCmd(t, "", append([]string{"status", "--phone", "+33612345678"}, api...)...)
	if code != 1 || !strings.Contains(stderr, `refused the partner login "ops"; check ONBOARD_PARTNER_USER and ONBOARD_PARTNER_PASSWORD`) ||
		strings.Contains(stderr, "wrong-one") {
		t.Errorf("a wrong partner password: exit %d %q", code, stderr)
	}
	t.Setenv("ONBOARD_PARTNER_PASSWORD", "partner-secret-1")
	code, stdout, stderr := runCmd(t, "", append([]string{"status", "--phone", "+33612345678"}, api...)...)
	if code != 0 || !strings.Contains(stdout, "next         Password.") {
		t.Errorf("the right partner password: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestStatusWeavr reads a Weavr consumer by logging in as them, with the
// password on stdin; a wrong password says so.
func TestStatusWeavr(t *testing.T) {
	dir := t.TempDir()
	const pw = "Correct-Horse-9!"
	if stderr := partialRun(t, dir, pw+"\n", "--provider", "weavr", "--accept-terms", "--password-stdin",
		"--phone", "+33612345678", "--email", "ada@example.com", "--first-name", "Ada", "--last-name", "Lovelace",
		"--birth-date", "1990-12-10"); !strings.Contains(stderr, "sent by email") {
		t.Fatalf("the partial run did not stop at the email code:\n%s", stderr)
	}
	code, stdout, stderr := runIn(t, dir, pw+"\n", "status", "--provider", "weavr", "--password-stdin", "--json")
	var s line.Status
	if err := json.Unmarshal([]byte(stdout), &s); code != 0 || err != nil {
		t.Fatalf("status: exit %d %v\n%s\n%s", code, err, stdout, stderr)
	}
	if s.Provider != "weavr" || s.Next != "email-code" || !s.PasswordSet || s.EmailVerified || s.Email != "ada@example.com" {
		t.Errorf("status = %+v", s)
	}
	if strings.Contains(stdout+stderr, pw) {
		t.Error("the output shows the password")
	}
	t.Run("json", func(t *testing.T) { golden.RequireEqual(t, []byte(stdout)) })
	code, _, stderr = runIn(t, dir, "Wrong-Horse-9!\n", "status", "--provider", "weavr", "--email", "ada@example.com", "--password-stdin")
	if code != 1 || !strings.Contains(stderr, "the email address or the password is wrong") {
		t.Errorf("a wrong password: exit %d %q", code, stderr)
	}
}
