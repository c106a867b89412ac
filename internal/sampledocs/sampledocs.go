// Package sampledocs writes a demo's sample KYB documents: small, valid
// PDFs marked SAMPLE, for a sample company's certificate of
// incorporation, its articles and each beneficial owner's ID, so that a
// demo reaches the end with no file of the person's. They are written
// when a run reaches the company (never before its first frame, nor for a
// demo of a person), into a temporary folder removed at the end.
package sampledocs

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/onboard-cli/onboard/flow"
)

// Folder is where one run's (or one SSH session's) sample documents go,
// made the first time Fill is called. The zero Folder is ready to use.
type Folder struct {
	mu  sync.Mutex
	dir string
	// removed: Remove ran, the run is over. A Fill from a command still
	// on its way would otherwise make a new folder that nothing removes.
	removed bool
}

// Fill returns org with its KYB documents written as sample PDFs (org
// itself is left as it was), and the folder they are in, where the file
// picker opens should one be refused.
func (f *Folder) Fill(org flow.Organization) (flow.Organization, string, error) {
	f.mu.Lock() // Remove waits for the files being written
	defer f.mu.Unlock()
	dir, err := f.folder()
	if err != nil {
		return org, "", err
	}
	write := func(name string, lines ...string) (string, error) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, PDF(lines...), 0o600); err != nil {
			return "", fmt.Errorf("writing the demo's %s: %w", name, err)
		}
		return path, nil
	}
	org.Documents = nil
	for _, d := range []struct{ kind, name, title string }{
		{"CERTIFICATE_OF_INCORPORATION", "certificate-of-incorporation.pdf", "Certificate of incorporation"},
		{"ARTICLES_OF_ASSOCIATION", "articles-of-association.pdf", "Articles of association"},
	} {
		path, err := write(d.name, d.title, org.Company.LegalName, org.Company.RegistrationNumber)
		if err != nil {
			return org, dir, err
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
			return org, dir, err
		}
		org.Shareholders[i].IDDocument = path
	}
	return org, dir, nil
}

// folder makes the temporary folder, once, and none after Remove; f.mu
// is held.
func (f *Folder) folder() (string, error) {
	if f.removed {
		return "", errors.New("the demo's sample documents are no longer written: the run has ended")
	}
	if f.dir == "" {
		dir, err := os.MkdirTemp("", "onboard-demo-")
		if err != nil {
			return "", fmt.Errorf("a folder for the demo's sample documents: %w", err)
		}
		f.dir = dir
	}
	return f.dir, nil
}

// Remove deletes the folder and what is in it, if Fill made one, after a
// Fill under way; a Fill after it writes nothing and says so.
func (f *Folder) Remove() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.removed = true
	if f.dir != "" {
		_ = os.RemoveAll(f.dir)
		f.dir = ""
	}
}

// PDF is a one-page PDF that says SAMPLE above lines: small, and valid
// (its cross-reference table gives each object's offset), so that a
// bank's check of the file, or a person opening it, finds a document.
// The company demo's files hold it, and line mode's --sandbox-auto uploads
// it.
func PDF(lines ...string) []byte {
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
