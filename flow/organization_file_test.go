package flow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleOrganization: the shipped example is a valid organisation
// whose documents can all be read, an admin who is also a director and
// owns 60%, a second director with 40%.
func TestExampleOrganization(t *testing.T) {
	o, err := LoadOrganization("../examples/organization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Validate(orgNow); err != nil {
		t.Fatalf("the example is not valid:\n%v", err)
	}
	if ps := o.CheckDocumentFiles(); len(ps) > 0 {
		t.Fatalf("the example's documents:\n%v", ps)
	}
	ms := o.Members()
	if len(ms) != 3 || !ms[0].Has(RoleAdmin) || !ms[0].Has(RoleDirector) || ms[0].Share != 60 || ms[2].Share != 40 {
		t.Errorf("members: %+v", ms)
	}
	if o.Directors[0].FirstName != "Camille" || o.Directors[0].DateOfBirth != "1984-02-29" {
		t.Errorf("a director named by email alone was not completed: %+v", o.Directors[0])
	}
	if want := filepath.Join("..", "examples", "documents", "camille-moreau-id.png"); o.Shareholders[0].IDDocument != want {
		t.Errorf("document path %q, want %q (relative to the file)", o.Shareholders[0].IDDocument, want)
	}
}

func TestParseOrganizationRefuses(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"unknown company field", "company:\n  legalNam: Acme\n", "company.legalNam (line 2): onboard knows no such field"},
		{"unknown person field", "employees:\n  - firstName: Ada\n    role: ADMIN_USER\n", "employees[0].role (line 3): onboard knows no such field"},
		{"unknown top field", "{\"company\": {}, \"people\": []}", "people (line 1): onboard knows no such field"},
		{"share as text", "shareholders:\n  - email: a@b.example\n    share: sixty\n", `shareholders[0].share (line 3): expected a number, not "sixty"`},
		{"list expected", "directors:\n  firstName: Ada\n", "directors (line 2): expected a list"},
		{"mapping expected", "company: Acme\n", "company (line 1): expected a mapping"},
		{"alias", "company: &c\n  legalName: A\ndirectors:\n  - *c\n", "anchors and aliases"},
		{"not yaml", "company: [\n", "the organisation file is neither YAML nor JSON"},
		{"empty", "", "the organisation file is empty"},
		{"top list", "- a\n", "line 1: expected a mapping"},
		{"null value", "company:\n  legalName:\n", "company.legalName (line 2): expected a single value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseOrganization([]byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseOrganization(%q) = %v, want %q", tt.text, err, tt.want)
			}
		})
	}
}

func TestParseOrganizationJSON(t *testing.T) {
	o, err := ParseOrganization([]byte(`{"company": {"legalName": "Acme"}, "shareholders": [{"email": "a@b.example", "share": 33.34}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if o.Company.LegalName != "Acme" || o.Shareholders[0].Share != 33.34 {
		t.Errorf("parsed %+v", o)
	}
}

func TestLoadOrganizationLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("company:\n  legalName: "+strings.Repeat("a", MaxOrganizationFileBytes)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrganization(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a file over the limit: %v", err)
	}
	many := "employees:\n" + strings.Repeat("  - firstName: A\n", MaxPeople+1)
	if _, err := ParseOrganization([]byte(many)); err == nil || !strings.Contains(err.Error(), "at most 200 items") {
		t.Errorf("a list over the limit: %v", err)
	}
	if _, err := LoadOrganization(filepath.Join(dir, "absent.yaml")); err == nil || !strings.Contains(err.Error(), "reading the organisation file") {
		t.Errorf("a missing file: %v", err)
	}
}

func TestCheckDocumentFiles(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.pdf")
	text := filepath.Join(dir, "notes.pdf")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(text, []byte("just some text, not a PDF"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := goodOrg()
	o.Documents = []Document{{Type: "CERTIFICATE_OF_INCORPORATION", File: empty}, {Type: "PROOF_OF_ADDRESS", File: text}}
	o.Shareholders[0].IDDocument = filepath.Join(dir, "absent.png")
	o.Shareholders[1].IDDocument = ""
	ps := o.CheckDocumentFiles()
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.Path)
	}
	if got := strings.Join(paths, " "); got != "documents[0].file documents[1].file shareholders[0].idDocument" {
		t.Errorf("problems at %q:\n%v", got, ps)
	}
}
