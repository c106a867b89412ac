package flow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// MaxDocumentBytes bounds an identity document onboard uploads.
const MaxDocumentBytes = 5 << 20

// DocumentTypes are the file types an identity document may be.
func DocumentTypes() []string { return []string{".pdf", ".jpg", ".jpeg", ".png"} }

// DocumentLabel names a required document as a person reads it.
func DocumentLabel(kind string) string { return DocumentName(kind).String() }

// DocumentName is DocumentLabel as a Text, for a front end that
// translates it (a kind it does not know stays as the provider names it).
func DocumentName(kind string) *Text {
	switch strings.ToUpper(kind) {
	case "GOVERNMENT_ID", "PASSPORT", "ID_CARD", "NATIONAL_ID", "DRIVERS_LICENSE":
		return Say("ID document (passport, ID card or driving licence)")
	case "PROOF_OF_ADDRESS":
		return Say("proof of address (a recent bill or bank statement)")
	case "SOURCE_OF_FUNDS":
		return Say("proof of the source of your funds (payslips or a tax return)")
	case "BANK_STATEMENT":
		return Say("bank statement")
	}
	return Say("%s", strings.ToLower(strings.ReplaceAll(kind, "_", " ")))
}

// ReadDocument reads the file at path as the document of type kind,
// refusing what the provider would: a missing, empty or too large file, or
// one that is not a PDF, JPEG or PNG whatever its name says.
func ReadDocument(path, kind string) (api.Document, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return api.Document{}, Say("choose a file")
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return api.Document{}, Say("there is no file %s", api.SanitizeLine(filepath.Base(path)))
		}
		return api.Document{}, fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxDocumentBytes+1))
	switch {
	case err != nil:
		return api.Document{}, fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	case len(data) == 0:
		return api.Document{}, Say("the file %s is empty", api.SanitizeLine(filepath.Base(path)))
	case len(data) > MaxDocumentBytes:
		return api.Document{}, Say("the file %s is larger than %d MB; scan it at a lower resolution", api.SanitizeLine(filepath.Base(path)), MaxDocumentBytes>>20)
	}
	mime, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if !slices.Contains([]string{"application/pdf", "image/jpeg", "image/png"}, mime) {
		return api.Document{}, Say("the file %s is not a PDF, JPEG or PNG file", api.SanitizeLine(filepath.Base(path)))
	}
	return api.Document{Type: kind, FileName: filepath.Base(path), MimeType: mime, Content: data}, nil
}

// LoadCategories reads the provider's customer categories into the state.
func (e Engine) LoadCategories(ctx context.Context, st State) (State, error) {
	cats, err := e.Categories(ctx)
	if err != nil {
		return st, err
	}
	if len(cats) == 0 {
		return st, errors.New("the provider offers no customer category")
	}
	st.Categories = cats
	return st, nil
}

// Categories lists the provider's customer categories.
func (e Engine) Categories(ctx context.Context) ([]api.Category, error) {
	c, ok := e.P.(Categorizer)
	if !ok {
		return nil, errors.New("this provider has no customer categories")
	}
	cats, err := c.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the customer categories: %w", err)
	}
	return cats, nil
}

// UploadDocument uploads d to the open check and reads the check again:
// the state then names the documents still missing, or the review.
func (e Engine) UploadDocument(ctx context.Context, st State, d api.Document) (State, error) {
	u, ok := e.P.(DocumentUploader)
	if !ok {
		return st, errors.New("this provider takes no documents")
	}
	id := st.KYC.ID
	st, err := e.authed(ctx, st, func(s api.Session) error { return u.UploadDocument(ctx, s, id, d) })
	if err != nil {
		return st, fmt.Errorf("uploading %s: %w", d.FileName, err)
	}
	return e.StartKYC(ctx, st) // the open check again, with what it still needs
}

// Activate turns the account on with the emailed code, then reads the
// account so the summary is current.
func (e Engine) Activate(ctx context.Context, st State, code string) (State, error) {
	a, ok := e.P.(Activator)
	if !ok {
		return st, errors.New("this provider has no activation step")
	}
	who := st.Who()
	st, err := e.authed(ctx, st, func(s api.Session) error { return a.Activate(ctx, s, who, code) })
	if err != nil {
		return st, fmt.Errorf("activating the account: %w", err)
	}
	st.Activated = true
	if synced, err := e.Sync(ctx, st); err == nil {
		return synced, nil
	}
	return st, nil
}
