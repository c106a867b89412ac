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

// TestTmuxOrganization walks a company through the built binary in a real
// terminal at 80×24: examples/organization.yaml fills the wizard, the
// admin types their password, the personnel shows its total and owners,
// the documents go from the file, the KYB is approved on the sandbox's
// review page, the consents and the activation end it.
func TestTmuxOrganization(t *testing.T) {
	file, err := filepath.Abs("../../examples/organization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tm := startBinary(t, `LANG=en_GB.UTF-8 %[2]s --provider finhub --organization `+file+`
echo "EXIT=$?"
sleep 60
`)
	raw := filepath.Join(t.TempDir(), "raw")
	tm.run("pipe-pane", "-t", tm.target, "-o", "cat >> "+raw) // what the program writes, hyperlinks and all
	tm.waitFor("You, its first admin")
	tm.waitFor("› Password")
	tm.keys("Correct-Horse-9!")
	tm.press("Tab")
	tm.keys("Correct-Horse-9!")
	if strings.Contains(tm.screen(), "Correct-Horse") {
		t.Fatal("the password shows on the screen")
	}
	tm.press("Enter")
	s := tm.waitFor("Shares: 100% of 100% ✓")
	for _, want := range []string{"Camille Moreau", "Hugo Lefebvre", "Inès Garnier", "40% ◆ owner"} {
		if !strings.Contains(s, want) {
			t.Errorf("the personnel lacks %q:\n%s", want, s)
		}
	}
	tm.keys("s")
	s = tm.waitFor("/sandbox/finhub/review/") // the review screen, once the company is submitted (its title comes first)
	joined := regexp.MustCompile(`\s*\n\s*`).ReplaceAllString(s, "")
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/finhub/review/[0-9a-f-]{36}`).FindString(joined)
	if link == "" {
		t.Fatalf("no review page:\n%s", s)
	}
	if out, _ := os.ReadFile(raw); len(link) > 80 && !bytes.Contains(out, []byte("\x1b]8;id=onboard-1;"+link)) {
		t.Errorf("the link's second line is no hyperlink to %s", link) // tmux's capture-pane drops OSC 8
	}
	res, err := http.PostForm(link, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	tm.waitFor("accept all three as Camille Moreau")
	tm.keys("a")
	tm.waitFor("Reason")
	tm.keys("Supplier payments")
	tm.press("Enter")
	s = tm.waitFor("is a customer of the bank")
	if !strings.Contains(s, "✓ Inès Garnier · director, shareholder") || !strings.Contains(s, "3 of 3 accepted") {
		t.Errorf("the last screen:\n%s", s)
	}
	tm.press("Enter")
	s = tm.waitFor("EXIT=")
	if !strings.Contains(s, "EXIT=0") || !strings.Contains(s, "Atelier Lumen SAS is a customer of the bank (company") {
		t.Fatalf("the run did not end well:\n%s", s)
	}
}

// TestTmuxDemoFinHub: FinHub's --demo at 80×24 asks first whom the
// account is for; "for my company" fills in a sample company whose sample
// people and roles pass the personnel's rules, and whose sample documents
// (internal/sampledocs) go up by themselves, so the demo reaches the
// activation with nothing typed but the password and the reason; the
// documents' folder is gone at the end.
func TestTmuxDemoFinHub(t *testing.T) {
	tmp := t.TempDir()
	tm := startBinary(t, `LANG=en_GB.UTF-8 TMPDIR=`+tmp+` %[2]s --demo --provider finhub
echo "EXIT=$?"
sleep 60
`)
	s := tm.waitFor("Who is the account for?")
	if !strings.Contains(s, "For my company") || !strings.Contains(s, "DEMO") {
		t.Fatalf("the demo does not offer the company:\n%s", s)
	}
	tm.press("Down", "Enter")
	s = tm.waitFor("› Password")
	for _, want := range []string{"Analytical Engines SAS", "RCS 852 146 379", "hello@engines.example", "Ada", "Lovelace", "ada."} {
		if !strings.Contains(s, want) {
			t.Errorf("the sample company lacks %q:\n%s", want, s)
		}
	}
	tm.keys("Correct-Horse-9!")
	tm.press("Tab")
	tm.keys("Correct-Horse-9!")
	tm.press("Enter")
	s = tm.waitFor("Shares: 100% of 100% ✓")
	for _, want := range []string{"admin, director, shareholder", "Charles Babbage", "60% ◆ owner", "40% ◆ owner"} {
		if !strings.Contains(s, want) {
			t.Errorf("the sample personnel lacks %q:\n%s", want, s)
		}
	}
	if docs, _ := filepath.Glob(filepath.Join(tmp, "onboard-demo-*", "*.pdf")); len(docs) != 4 {
		t.Errorf("the demo's documents: %v, want 4", docs)
	}
	tm.keys("s")
	// The documents go up by themselves; the demo's sandbox approves the
	// KYB a few seconds after, and its review screen says so.
	tm.waitFor("the sandbox approves the company by itself")
	tm.waitFor("accept all three as Ada Lovelace")
	tm.keys("a")
	tm.waitFor("Business account for supplier payments") // a demo fills the reason in
	tm.press("Enter")
	s = tm.waitFor("is a customer of the bank")
	if !strings.Contains(s, "✓ Charles Babbage · director, shareholder") || !strings.Contains(s, "3 of 3 accepted") {
		t.Errorf("the last screen:\n%s", s)
	}
	tm.press("Enter")
	s = tm.waitFor("EXIT=")
	if !strings.Contains(s, "EXIT=0") || !strings.Contains(s, "Analytical Engines SAS is a customer of the bank") {
		t.Fatalf("the demo did not end well:\n%s", s)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "onboard-demo-*")); len(left) != 0 {
		t.Errorf("the demo's documents are left behind: %v", left)
	}
}
