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
)

// finhubArgs is a whole FinHub onboarding with no prompt.
func finhubArgs(dir string) []string {
	return []string{"--provider", "finhub", "--no-input", "--sandbox-auto", "--accept-terms", "--password-stdin",
		"--phone", "+37060012345", "--email", "ada@example.com", "--first-name", "Ada", "--last-name", "Lovelace",
		"--birth-date", "1990-05-15", "--gender", "female", "--category", "STANDARD_INDIVIDUAL", "--json",
		"--debug", filepath.Join(dir, "debug.log")}
}

// TestFinHubHeadless runs FinHub's plan end to end on the embedded
// sandbox: category, registration with the password, login, two
// documents and the review, three consents, activation with the emailed
// code. No secret reaches a file but the sandbox's database.
func TestFinHubHeadless(t *testing.T) {
	dir := t.TempDir()
	const pw = "Correct-Horse-9!"
	code, stdout, stderr := runIn(t, dir, pw+"\n", finhubArgs(dir)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	s := summaryOf(t, stdout)
	if s.Provider != "finhub" || !s.Onboarded || s.KYC != "APPROVED" || s.Statuses["customer"] != "CS_ACTIVE" || !s.EmailVerified {
		t.Fatalf("summary = %+v", s)
	}
	for _, want := range []string{"Category STANDARD_INDIVIDUAL", "Uploaded sample-government_id.pdf", "Uploaded sample-proof_of_address.pdf",
		"/sandbox/finhub/review/", "Terms 1.0 accepted", "Account activated"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	log, _ := os.ReadFile(filepath.Join(dir, "debug.log"))
	for _, op := range []string{"POST /customer/individual/registration", "POST /verifications/{verificationId}/documents",
		"POST /customer/individual/{customerId}/consents/{consentType}", "POST /customer/individual/{customerId}/activation"} {
		if !bytes.Contains(log, []byte(op)) {
			t.Errorf("the debug log lacks %s", op)
		}
	}
	noSecretsIn(t, dir, pw)

	// The same email again, the progress gone with the finished run:
	// FinHub has no lookup, so the run says it cannot continue that
	// account, and what to do instead.
	code, _, stderr = runIn(t, dir, pw+"\n", finhubArgs(dir)...)
	if code != exitError || !strings.Contains(stderr, "ada@example.com is already registered") || !strings.Contains(stderr, "use another email address") {
		t.Fatalf("the same email again: exit %d\n%s", code, stderr)
	}
}

// TestFinHubNeedsItsInput: each missing answer names its flag, and a
// stopped run resumes where it stood.
func TestFinHubNeedsItsInput(t *testing.T) {
	dir := t.TempDir()
	args := finhubArgs(dir)
	without := func(flag string) []string {
		var out []string
		for i := 0; i < len(args); i++ {
			if args[i] == flag {
				i++
				continue
			}
			out = append(out, args[i])
		}
		return out
	}
	code, _, stderr := runIn(t, dir, "Correct-Horse-9!\n", without("--category")...)
	if code != exitUsage || !strings.Contains(stderr, "--category") {
		t.Fatalf("no --category: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "Correct-Horse-9!\n", without("--gender")...)
	if code != exitUsage || !strings.Contains(stderr, "--gender") {
		t.Fatalf("no --gender: exit %d\n%s", code, stderr)
	}
	// Without --sandbox-auto a script cannot upload: it stops at the
	// documents, registered and logged in; the next run resumes there.
	code, _, stderr = runIn(t, dir, "Correct-Horse-9!\n", slicesWithout(args, "--sandbox-auto")...)
	if code != exitUsage || !strings.Contains(stderr, "--document") || !strings.Contains(stderr, "activation code") ||
		strings.Contains(stderr, "Registered") {
		t.Fatalf("no documents: exit %d, want a refusal before registering\n%s", code, stderr)
	}
	// A person who stops answering at the documents is registered and
	// logged in; the next run resumes there.
	stderr = partialRun(t, dir, "Correct-Horse-9!\n", slicesWithout(slicesWithout(args, "--sandbox-auto"), "--no-input")...)
	if !strings.Contains(stderr, "Registered") || !strings.Contains(stderr, "ID document") {
		t.Fatalf("the partial run did not stop at the documents:\n%s", stderr)
	}
	// onboard status reads the onboarding in progress, as the customer.
	code, stdout, stderr := runIn(t, dir, "Correct-Horse-9!\n", "status", "--provider", "finhub", "--password-stdin")
	if code != 0 || !strings.Contains(stdout, "next         KYC") || !strings.Contains(stdout, "ada@example.com") {
		t.Fatalf("status: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, _, stderr = runIn(t, dir, "", "status", "--provider", "finhub", "--email", "ada@example.com")
	if code != exitUsage || !strings.Contains(stderr, "no lookup") {
		t.Fatalf("status by email: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "Correct-Horse-9!\n", args...)
	if code != 0 || strings.Contains(stderr, "Registered") || !strings.Contains(stderr, "Resuming") {
		t.Fatalf("the resumed run: exit %d\n%s", code, stderr)
	}
}

func slicesWithout(in []string, drop string) []string {
	var out []string
	for _, s := range in {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}

// TestTmuxFinHub is FinHub's wizard in a real terminal at 80×24: the
// category, the details, two documents picked in the file picker, the
// reviewer's page, the consents and the activation code.
func TestTmuxFinHub(t *testing.T) {
	tm := startBinary(t, `mkdir -p %[1]s/docs && cd %[1]s/docs &&
printf '%%%%PDF-1.4\n%%%%EOF\n' > id.pdf && cp id.pdf bill.pdf &&
%[2]s --provider finhub --lang en
echo "EXIT=$?"
sleep 60
`)
	tm.waitFor("Who is the account for?") // FinHub onboards companies too
	tm.press("Enter")                     // for myself
	tm.waitFor("Your customer category")
	tm.press("Down")
	tm.press("Enter")
	tm.waitFor("About you")
	tm.keys("+37060012345")
	for _, v := range []string{"Ada", "Lovelace", "ada@example.com", "1990-05-15", "female", "Correct-Horse-9!", "Correct-Horse-9!"} {
		tm.press("Tab")
		tm.keys(v)
	}
	tm.press("Enter")
	s := tm.waitFor("Choose your ID document")
	if !strings.Contains(s, "bill.pdf") || !strings.Contains(s, "✓ Login › KYC") {
		t.Fatalf("the picker, at 80×24:\n%s", s)
	}
	tm.press("Down") // id.pdf
	tm.press("Enter")
	tm.waitFor("Choose your proof of address")
	tm.press("Enter") // bill.pdf
	tm.waitFor("reject your documents")
	// At 80 columns the review link is shown as its head and tail around
	// "…" (the whole of it a click or c away): widen the window to read it.
	tm.run("resize-window", "-t", tm.target, "-x", "160", "-y", "24")
	s = tm.waitFor("on this machine or a phone") // drawn again at the new width
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/finhub/review/[0-9a-f-]+\s*[0-9a-f-]*`).FindString(s)
	link = strings.Join(strings.Fields(link), "")
	res, err := http.PostForm(link, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatalf("%v (link %q)", err, link)
	}
	res.Body.Close()
	tm.run("resize-window", "-t", tm.target, "-x", "80", "-y", "24") // back to 80×24 for the rest
	tm.waitFor("Accepting records three consents with FinHub")
	tm.keys("a")
	tm.waitFor("Activate your account")
	s = tm.waitFor("activation code is") // the sandbox phone
	code := regexp.MustCompile(`activation code is (ACTIVATION_CODE_\d{6})`).FindStringSubmatch(s)
	if code == nil {
		t.Fatalf("the sandbox phone shows no activation code:\n%s", s)
	}
	tm.keys(code[1])
	tm.press("Enter")
	s = tm.waitFor("You are a verified customer")
	if !strings.Contains(s, "CS_ACTIVE") {
		t.Errorf("the last screen lacks the active status:\n%s", s)
	}
	tm.press("Enter")
	if s = tm.waitFor("EXIT="); !strings.Contains(s, "EXIT=0") {
		t.Fatalf("the run did not end well:\n%s", s)
	}
}

// TestFinHubSummaryAligned: FinHub's text summary (no --json) holds its
// longer status names ("verification", "missing consents") in the same
// column as the rest: every value starts at one column.
func TestFinHubSummaryAligned(t *testing.T) {
	dir := t.TempDir()
	args := slicesWithout(finhubArgs(dir), "--json")
	code, stdout, stderr := runIn(t, dir, "Correct-Horse-9!\n", args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	col := -1
	for _, l := range lines {
		name, _, _ := strings.Cut(l, "  ")
		start := len(l) - len(strings.TrimLeft(l[len(name):], " "))
		if col == -1 {
			col = start
		}
		if start != col || !strings.Contains(l, "  ") {
			t.Fatalf("the summary's columns do not line up:\n%s", stdout)
		}
	}
	for _, want := range []string{"verification", "missing consents", "CS_ACTIVE"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, stdout)
		}
	}
}
