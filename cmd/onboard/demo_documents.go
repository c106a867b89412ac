package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/tui"
)

// demoDocuments is withSampleDocuments for a demo (nothing otherwise): a
// folder that cannot be written leaves the documents for the file picker,
// said in log (which may be nil). The caller calls done at its end.
func demoDocuments(demo bool, opts *tui.Options, log *slog.Logger) (done func()) {
	if !demo {
		return func() {}
	}
	done, err := withSampleDocuments(opts)
	if err != nil && log != nil {
		log.Warn("the demo's documents are left for the file picker", "error", err.Error())
	}
	return done
}

// withSampleDocuments gives a demo's sample company (opts.SampleCompany)
// its KYB documents, so that a demo goes to the end with no file of the
// person's: the company's certificate of incorporation and articles, and
// each beneficial owner's ID, written as small sample PDFs into a
// temporary folder, where the file picker opens too should one be
// refused. done removes the folder; call it when the run or session
// ends. Without a sample company it does nothing.
func withSampleDocuments(opts *tui.Options) (done func(), err error) {
	done = func() {}
	if opts.SampleCompany == nil {
		return done, nil
	}
	dir, err := os.MkdirTemp("", "onboard-demo-")
	if err != nil {
		return done, fmt.Errorf("a folder for the demo's sample documents: %w", err)
	}
	done = func() { _ = os.RemoveAll(dir) }
	org := *opts.SampleCompany
	org.Documents = nil
	write := func(name string, lines ...string) (string, error) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, samplePDF(lines...), 0o600); err != nil {
			return "", fmt.Errorf("writing the demo's %s: %w", name, err)
		}
		return path, nil
	}
	company := org.Company.LegalName
	for _, d := range []struct{ kind, name, title string }{
		{"CERTIFICATE_OF_INCORPORATION", "certificate-of-incorporation.pdf", "Certificate of incorporation"},
		{"ARTICLES_OF_ASSOCIATION", "articles-of-association.pdf", "Articles of association"},
	} {
		path, err := write(d.name, d.title, company, org.Company.RegistrationNumber)
		if err != nil {
			done()
			return func() {}, err
		}
		org.Documents = append(org.Documents, flow.Document{Type: d.kind, File: path})
	}
	org.Shareholders = append([]flow.Shareholder(nil), org.Shareholders...)
	for i, s := range org.Shareholders {
		if !flow.BeneficialOwner(s.Share) {
			continue
		}
		name := fmt.Sprintf("id-%d-%s.pdf", i+1, fileSafe(s.Name()))
		path, err := write(name, "Identity document", s.Name(), "born "+s.DateOfBirth+", "+s.Nationality)
		if err != nil {
			done()
			return func() {}, err
		}
		org.Shareholders[i].IDDocument = path
	}
	opts.SampleCompany, opts.DocumentsDir = &org, dir
	return done, nil
}

// samplePDF is a one-page PDF that says SAMPLE above lines: small, and
// valid (its cross-reference table gives each object's offset), so that
// a bank's check of the file, or a person opening it, finds a document.
func samplePDF(lines ...string) []byte {
	var text strings.Builder
	text.WriteString("BT /F1 28 Tf 72 760 Td (SAMPLE - not a real document) Tj /F1 16 Tf")
	for _, l := range lines {
		fmt.Fprintf(&text, " 0 -32 Td (%s) Tj", pdfSafe(l))
	}
	text.WriteString(" ET")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", text.Len(), text.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// fileSafe is a person's name as a plain file name part: ASCII letters
// and digits, lower case, anything else a '-'.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '-'
	}, s)
}

// pdfSafe is s as printable ASCII with PDF's string delimiters escaped;
// any other character is a '?'.
func pdfSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r > 0x7e:
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
