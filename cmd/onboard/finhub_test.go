package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
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
	var s summaryJSON
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("stdout is not the JSON summary: %v\n%s", err, stdout)
	}
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
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.Contains(p, ".db") {
			return nil
		}
		data, _ := os.ReadFile(p)
		if bytes.Contains(data, []byte(pw)) || bytes.Contains(data, []byte(`"token":"`)) && !bytes.Contains(data, []byte(`"token":"[redacted]"`)) {
			t.Errorf("%s holds the password or a token", p)
		}
		return nil
	})
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
	noAuto := slicesWithout(args, "--sandbox-auto")
	code, _, stderr = runIn(t, dir, "Correct-Horse-9!\n", noAuto...)
	if code != exitUsage || !strings.Contains(stderr, "--document") || !strings.Contains(stderr, "Registered") {
		t.Fatalf("no documents: exit %d\n%s", code, stderr)
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
