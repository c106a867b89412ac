package main

import (
	"strings"
	"testing"
)

// partialRun is a run that stops part way, as a fixture for the tests of
// status, --remember and resuming: line mode takes its answers from stdin
// (its first line the password with --password-stdin) and goes as far as
// they take it, then stops at the next question with exit 2 and its
// progress saved. A --no-input run cannot be such a fixture: it checks
// that it holds every answer before its first call. It returns stderr.
func partialRun(t *testing.T, dir, stdin string, args ...string) string {
	t.Helper()
	for _, a := range args {
		if a == "--no-input" {
			t.Fatal("partialRun: a --no-input run stops before its first call")
		}
	}
	code, _, stderr := runIn(t, dir, stdin, args...)
	if code != exitUsage || !strings.Contains(stderr, "stdin ended before every answer was given") {
		t.Fatalf("the partial run %v: exit %d, want %d at the end of stdin\n%s", args, code, exitUsage, stderr)
	}
	return stderr
}

// TestNoInputChecksFirst: a --no-input run that lacks an answer says so
// before its first call: no terms accepted, no consumer registered, no
// progress saved for a phone the next run does not give.
func TestNoInputChecksFirst(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runIn(t, dir, "S3cure-pass!\n", "--no-input", "--accept-terms", "--password-stdin", "--sandbox-auto")
	if code != exitUsage || !strings.Contains(stderr, "--no-input needs --phone and --email") || strings.Contains(stderr, "Terms") {
		t.Fatalf("no --phone, no --email: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "", "--no-input", "--accept-terms", "--phone", "+33612345670", "--email", "ada@example.com", "--sandbox-auto")
	if code != exitUsage || !strings.Contains(stderr, "--no-input needs --password-stdin") || strings.Contains(stderr, "Registered") {
		t.Fatalf("no --password-stdin: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "S3cure-pass!\n", "--no-input", "--accept-terms", "--phone", "+33612345670", "--password-stdin",
		"--birth-date", "1990-13-45", "--email", "ada@example.com", "--sandbox-auto")
	if code != exitUsage || !strings.Contains(stderr, "--birth-date 1990-13-45") {
		t.Fatalf("a bad --birth-date: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "", "status", "--phone", "+33612345670")
	if code != 1 || !strings.Contains(stderr, "has no consumer with phone") {
		t.Fatalf("the refused runs registered the phone: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "S3cure-pass!\n", "--no-input", "--accept-terms", "--phone", "+33612345671", "--password-stdin",
		"--email", "ada@example.com", "--sandbox-auto")
	if code != 0 || strings.Contains(stderr, "Saved progress") || strings.Contains(stderr, "Resuming") {
		t.Fatalf("the full run after the refused ones: exit %d\n%s", code, stderr)
	}
}
