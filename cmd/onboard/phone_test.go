package main

import (
	"strings"
	"testing"
)

// TestNationalNumbers: a number typed without its +code is read in the
// country the wizard's phone screen starts on (the locale's, else
// France), in line mode, with --phone and by onboard status.
func TestNationalNumbers(t *testing.T) {
	dir := t.TempDir()
	stderr := partialRun(t, dir, "06 12 34 56 78\n", "--accept-terms")
	if !strings.Contains(stderr, "Mobile number (e.g. 06 12 34 56 78; from another country, with its +code):") ||
		!strings.Contains(stderr, "Registered +33 6 12 34 56 78") {
		t.Fatalf("line mode with a national number:\n%s", stderr)
	}
	code, stdout, stderr := runIn(t, dir, "", "status", "--phone", "06 12 34 56 78", "--json")
	if code != 0 || !strings.Contains(stdout, `"phone": "+33612345678"`) {
		t.Fatalf("status --phone 06 12 34 56 78: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, _, stderr = runIn(t, t.TempDir(), "S3cure-pass!\n", "--no-input", "--accept-terms", "--phone", "06 12 34 56 77",
		"--password-stdin", "--email", "ada@example.com", "--sandbox-auto")
	if code != 0 || !strings.Contains(stderr, "Registered +33 6 12 34 56 77") {
		t.Fatalf("--no-input --phone 06 12 34 56 77: exit %d\n%s", code, stderr)
	}
}
