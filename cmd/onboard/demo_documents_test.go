package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/tui"
)

// TestSampleDocuments: a demo's sample company names a document for every
// KYB file it needs (the company's two and each owner's ID), each a valid
// PDF that flow reads as one, in a folder the picker opens and done
// removes; the sample company itself is left as it was.
func TestSampleDocuments(t *testing.T) {
	var f wizardFlags
	samplePerson(&f, rand.New(rand.NewPCG(1, 1)).IntN)
	org := sampleCompany(f)
	opts := tui.Options{SampleCompany: &org}
	done, err := withSampleDocuments(&opts)
	if err != nil {
		t.Fatal(err)
	}
	if opts.SampleCompany == &org || len(org.Documents) != 0 || org.Shareholders[0].IDDocument != "" {
		t.Error("the sample company was changed in place")
	}
	files := opts.SampleCompany.KYBFiles()
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
	if _, err := os.Stat(opts.DocumentsDir); err != nil {
		t.Fatalf("the picker's folder: %v", err)
	}
	done()
	if _, err := os.Stat(opts.DocumentsDir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there after done: %v", err)
	}
	none := tui.Options{}
	if done, err := withSampleDocuments(&none); err != nil || none.DocumentsDir != "" {
		t.Errorf("without a sample company: %v, folder %q", err, none.DocumentsDir)
	} else {
		done()
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
