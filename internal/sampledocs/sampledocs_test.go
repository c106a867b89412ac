package sampledocs

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/onboard-cli/onboard/flow"
)

// company is a sample company with two beneficial owners and a third
// shareholder under the threshold.
func company() flow.Organization {
	person := func(first, last string) flow.Person {
		return flow.Person{FirstName: first, LastName: last, DateOfBirth: "1980-01-02", Nationality: "FR"}
	}
	return flow.Organization{
		Company: flow.Company{LegalName: "Analytical Engines (SAS)", RegistrationNumber: "RCS 123"},
		Shareholders: []flow.Shareholder{{Person: person("Ada", "Lovelace"), Share: 60},
			{Person: person("Charles", "Babbage"), Share: 30}, {Person: person("Luigi", "Menabrea"), Share: 10}},
	}
}

// TestFill: a sample company gets a document for every KYB file it needs
// (the company's two and each owner's ID), each a valid PDF that flow
// reads as one, in a folder made on the first Fill and deleted by
// Remove; the company passed in is left as it was.
func TestFill(t *testing.T) {
	var f Folder
	org := company()
	filled, dir, err := f.Fill(org)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Remove()
	if len(org.Documents) != 0 || org.Shareholders[0].IDDocument != "" {
		t.Error("the sample company was changed in place")
	}
	files := filled.KYBFiles()
	if len(files) != 4 {
		t.Fatalf("%d KYB files, want the certificate, the articles and two owners' IDs: %+v", len(files), files)
	}
	for _, file := range files {
		if file.File == "" {
			t.Fatalf("%s has no sample file", file.Path)
		}
		doc, err := flow.ReadDocument(file.File, "PASSPORT")
		if err != nil || doc.MimeType != "application/pdf" {
			t.Fatalf("%s: %v, %q", file.File, err, doc.MimeType)
		}
		checkPDF(t, doc.Content)
	}
	if _, dir2, _ := f.Fill(org); dir2 != dir {
		t.Errorf("a second Fill wrote into %s, not %s", dir2, dir)
	}
	f.Remove()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there after Remove: %v", err)
	}
	var unused Folder
	unused.Remove() // nothing made, nothing to remove
}

// TestFillAfterRemove: a Fill that comes after Remove (a command still on
// its way when the run ended) makes no folder that nothing would remove.
func TestFillAfterRemove(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var f Folder
	f.Remove()
	if _, _, err := f.Fill(company()); err == nil {
		t.Fatal("Fill after Remove wrote the documents")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Fill after Remove left %d entries in the temporary folder", len(left))
	}
}

// checkPDF: the cross-reference table gives each object's offset, and
// startxref the table's.
func checkPDF(t *testing.T, pdf []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("no startxref at the end:\n%s", pdf)
	}
	at, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(pdf[at:], []byte("xref\n")) {
		t.Fatalf("startxref %d does not point at the table", at)
	}
	for i, off := range regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(pdf[at:], -1) {
		o, _ := strconv.Atoi(string(off[1]))
		if want := strconv.Itoa(i+1) + " 0 obj"; !bytes.HasPrefix(pdf[o:], []byte(want)) {
			t.Errorf("object %d is not at %d", i+1, o)
		}
	}
}
