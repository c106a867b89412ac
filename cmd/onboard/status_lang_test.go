package main

import (
	"strings"
	"testing"
)

// TestStatusLangFlag: onboard status takes --lang as the wizard does (the
// README says --lang fr puts status in French); it was an unknown flag.
func TestStatusLangFlag(t *testing.T) {
	dir := t.TempDir()
	partialRun(t, dir, "S3cure-pass!\n", "--phone", "+33612345678", "--accept-terms", "--password-stdin",
		"--first-name", "Ada", "--last-name", "Lovelace")
	code, stdout, stderr := runIn(t, dir, "", "status", "--lang", "fr")
	if code != 0 || !strings.Contains(stdout, "téléphone    +33 6 12 34 56 78, non vérifié") {
		t.Fatalf("status --lang fr: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
