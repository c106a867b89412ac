package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/line"
)

// orgArgs onboards examples/organization.yaml with no prompt.
func orgArgs(dir, file string) []string {
	return []string{"--provider", "finhub", "--organization", file, "--no-input", "--sandbox-auto", "--accept-terms",
		"--password-stdin", "--json", "--debug", filepath.Join(dir, "debug.log")}
}

// TestOrganizationHeadless onboards the example company end to end on the
// embedded sandbox: registration, three people, four documents, the
// KYB approved on its page, three consents, activation. The summary
// names the company and its people; no password, generated or typed,
// reaches a file, stdout or stderr.
func TestOrganizationHeadless(t *testing.T) {
	dir := t.TempDir()
	const pw = "Correct-Horse-9!"
	code, stdout, stderr := runIn(t, dir, pw+"\n", orgArgs(dir, "../../examples/organization.yaml")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	s := summaryOf(t, stdout)
	if !s.Onboarded || s.Organization == nil || s.Organization.Name != "Atelier Lumen SAS" || s.Organization.ID == "" || s.Phone != "" {
		t.Fatalf("summary = %+v", s)
	}
	if p := s.Organization.Personnel; len(p) != 3 || p[0].Name != "Camille Moreau" || p[0].Share != 60 ||
		strings.Join(p[0].Roles, ",") != "ADMIN_USER,TRANSACTION_APPROVER,DIRECTOR,SHAREHOLDER" {
		t.Errorf("personnel = %+v", p)
	}
	for _, want := range []string{"Company Atelier Lumen SAS registered", "Added Inès Garnier", "username hugo.lefebvre@atelier-lumen.example",
		"Uploaded ines-garnier-id.png", "Business verification approved", "Consents accepted by Camille Moreau", "Company account activated"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	log, _ := os.ReadFile(filepath.Join(dir, "debug.log"))
	for _, op := range []string{"POST /customer/organization/registration", "POST /customer/organization/{organizationId}/shareholders",
		"POST /customer/organization/{organizationId}/verify", "POST /customer/organization/{organizationId}/activation"} {
		if !strings.Contains(string(log), op) {
			t.Errorf("the debug log lacks %s", op)
		}
	}
	// FinHub's generated passwords come in the personnel answers: the
	// debug log has them redacted, and nothing else has them.
	if !strings.Contains(string(log), `password\":\"[redacted]`) { // JSON in the log line's JSON
		t.Error("the debug log shows no redacted password: are the personnel answers logged at all?")
	}
	if m := regexp.MustCompile(`password\\*"\s*:\s*\\*"[^\[\\]`).FindString(string(log) + stdout + stderr); m != "" {
		t.Errorf("a password in clear: %s", m)
	}
	noSecretsIn(t, dir, pw)
}

// TestOrganizationFileCheckedFirst: with --no-input a wrong file is
// refused whole before any call, every problem named by its path.
func TestOrganizationFileCheckedFirst(t *testing.T) {
	data, err := os.ReadFile("../../examples/organization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("../../examples/documents")
	bad := strings.NewReplacer("share: 40", "share: 60", "documents/", abs+"/", "roles: [ADMIN_USER, TRANSACTION_APPROVER]", "roles: [TRANSACTION_APPROVER]").Replace(string(data))
	dir := t.TempDir()
	file := filepath.Join(dir, "acme.yaml")
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runIn(t, dir, "Correct-Horse-9!\n", orgArgs(dir, file)...)
	if code != exitUsage || stdout != "" {
		t.Fatalf("exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"shareholders[1].share", "120%", "employees[0].roles", "ADMIN_USER"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "SANDBOX") || strings.Contains(stderr, "registered") {
		t.Errorf("the run went on with a wrong file:\n%s", stderr)
	}
	code, _, stderr = runIn(t, dir, "", "--provider", "weavr", "--organization", file, "--no-input")
	if code != exitUsage || !strings.Contains(stderr, "onboards people, not companies") {
		t.Errorf("weavr with --organization: exit %d\n%s", code, stderr)
	}
}

// TestOrganizationStatus: a company onboarding stopped at its consents
// (no --accept-terms) reads back with onboard status --organization: the
// company, each person with roles and verification, no consent yet, and
// the consents as the next step; after the resumed run, all of it done.
func TestOrganizationStatus(t *testing.T) {
	dir := t.TempDir()
	const pw = "Correct-Horse-9!\n"
	args := slicesWithout(orgArgs(dir, "../../examples/organization.yaml"), "--accept-terms")
	code, _, stderr := runIn(t, dir, pw, args...)
	if code != exitUsage || !strings.Contains(stderr, "--accept-terms") || !strings.Contains(stderr, "Business verification approved") {
		t.Fatalf("without --accept-terms: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := runIn(t, dir, pw, "status", "--provider", "finhub", "--organization", "--password-stdin")
	if code != 0 {
		t.Fatalf("status: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Atelier Lumen SAS, organisation", "status       PENDING_ACTIVATION", "KYB          APPROVED",
		"person       Inès Garnier: DIRECTOR, SHAREHOLDER (40%); verification approved", "consents     none accepted yet", "next         Consents"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = runIn(t, dir, pw, "status", "--provider", "finhub", "--organization", "--password-stdin", "--json")
	var js line.OrgStatus
	if err := json.Unmarshal([]byte(stdout), &js); err != nil || js.Organization.Name != "Atelier Lumen SAS" || js.Next != "org-consents" ||
		js.Onboarded || len(js.Personnel) != 3 || js.KYB != "APPROVED" || !stepDone(js.Steps, "kyb-review") || stepDone(js.Steps, "org-consents") {
		t.Errorf("status --json = %s (%v)", stdout, err)
	}
	code, _, stderr = runIn(t, dir, pw, orgArgs(dir, "../../examples/organization.yaml")...)
	if code != 0 || strings.Contains(stderr, "registered") || !strings.Contains(stderr, "Resuming") {
		t.Fatalf("the resumed run: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, pw, "status", "--provider", "finhub", "--organization", "--password-stdin", "--json")
	if code != exitUsage || !strings.Contains(stderr, "no company onboarding is in progress here") {
		t.Errorf("status once done (the progress gone): exit %d\n%s", code, stderr)
	}
}

// stepDone reports whether steps has step, done.
func stepDone(steps []line.StatusStep, step string) bool {
	for _, s := range steps {
		if s.Step == step {
			return s.Done
		}
	}
	return false
}
