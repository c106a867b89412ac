package sandbox

import (
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// finhubVerification is a row of finhub_verifications.
type finhubVerification struct {
	ID, CustomerID, Status string
	Required               []string
	AutoAt, StartedAt      int64
}

func (t *tx) finhubVerification(where string, args ...any) (*finhubVerification, error) {
	var v finhubVerification
	var req string
	err := t.row("SELECT id, customer_id, status, required, auto_at, started_at FROM finhub_verifications WHERE "+where, args...).
		Scan(&v.ID, &v.CustomerID, &v.Status, &req, &v.AutoAt, &v.StartedAt)
	if err != nil {
		return nil, err //nolint:wrapcheck // callers test for sql.ErrNoRows
	}
	if req != "" {
		v.Required = strings.Split(req, ",")
	}
	return &v, nil
}

// advance applies what time has done: an auto-approval lands.
func (t *tx) finhubAdvance(v *finhubVerification) error {
	if v.AutoAt == 0 || v.Status != "PENDING_REVIEW" || unix(t.now) < v.AutoAt {
		return nil
	}
	return t.finhubSetVerification(v, "APPROVED")
}

// finhubSetVerification moves v to status; an approval may make the
// customer ready for activation.
func (t *tx) finhubSetVerification(v *finhubVerification, status string) error {
	if _, err := t.exec("UPDATE finhub_verifications SET status = ?, auto_at = 0 WHERE id = ?", status, v.ID); err != nil {
		return err
	}
	v.Status, v.AutoAt = status, 0
	c, err := t.finhubCustomer("id = ?", v.CustomerID)
	if err != nil {
		return fmt.Errorf("sandbox: reading FinHub customer %s: %w", v.CustomerID, err)
	}
	if err := t.finhubVerificationEvent(c, v); err != nil || status != "APPROVED" {
		return err
	}
	return t.finhubMaybeSendCode(c)
}

func (v *finhubVerification) view() map[string]any {
	req := v.Required
	if req == nil {
		req = []string{}
	}
	return map[string]any{"verificationId": v.ID, "id": v.ID, "customerId": v.CustomerID, "status": v.Status,
		"requiredDocuments": req, "verificationLevel": "TENANT_VERIFIED", "createdAt": fromUnix(v.StartedAt).Format(time.RFC3339Nano)}
}

// finhubLatest is the customer's newest verification, or nil.
func (t *tx) finhubLatest(customerID string) (*finhubVerification, error) {
	v, err := t.finhubVerification("customer_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1", customerID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err == nil {
		err = t.finhubAdvance(v)
	}
	return v, err
}

// finhubStartVerification answers POST …/verification: an open or
// approved verification is returned as it is (a retry makes no second);
// after a rejection a new one starts.
func (s *Server) finhubStartVerification(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var v *finhubVerification
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var err error
		if v, err = t.finhubLatest(a.c.ID); err != nil || (v != nil && v.Status != "REJECTED") {
			return err
		}
		cat, _ := finhubCategoryByID(a.c.Category)
		v = &finhubVerification{ID: newID(), CustomerID: a.c.ID, Status: "INITIATED", Required: cat.Documents, StartedAt: unix(t.now)}
		if _, err = t.exec("INSERT INTO finhub_verifications (id, customer_id, status, required, started_at) VALUES (?, ?, ?, ?, ?)",
			v.ID, v.CustomerID, v.Status, strings.Join(v.Required, ","), v.StartedAt); err != nil {
			return err
		}
		return t.finhubVerificationEvent(a.c, v)
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Verification process started", v.view())
	return nil
}

// finhubOwnVerification loads the path's verification, the caller's own.
func (t *tx) finhubOwnVerification(r *http.Request, a *finhubAuth) (*finhubVerification, error) {
	v, err := t.finhubVerification("id = ?", r.PathValue("verificationId"))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && v.CustomerID != a.c.ID) {
		return nil, &finhubError{status: http.StatusNotFound, code: "VERIFICATION_NOT_FOUND", message: "No such verification."}
	}
	if err != nil {
		return nil, err
	}
	return v, t.finhubAdvance(v)
}

func (s *Server) finhubGetVerification(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var v *finhubVerification
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var err error
		v, err = t.finhubOwnVerification(r, a)
		return err
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", v.view())
	return nil
}

type finhubDocumentIn struct {
	DocumentType string `json:"documentType"`
	FileName     string `json:"fileName"`
	MimeType     string `json:"mimeType"`
	FileContent  string `json:"fileContent"`
	CustomerID   string `json:"customerId"`
}

var finhubMimeTypes = []string{"application/pdf", "image/jpeg", "image/png"}

func (s *Server) finhubUpload(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var in finhubDocumentIn
	if err := decode(r, &in); err != nil {
		return err
	}
	content, err := base64.StdEncoding.DecodeString(in.FileContent)
	switch {
	case err != nil || len(content) == 0:
		return finhubInvalid("fileContent", "fileContent must be the file in base64.")
	case len(content) > MaxDocumentBytes:
		return finhubInvalid("fileContent", "The file is larger than %d MB.", MaxDocumentBytes>>20)
	case !slices.Contains(finhubMimeTypes, in.MimeType):
		return finhubInvalid("mimeType", "Send a PDF, JPEG or PNG file (mimeType %s).", strings.Join(finhubMimeTypes, ", "))
	case strings.TrimSpace(in.FileName) == "":
		return finhubInvalid("fileName", "fileName is required.")
	case in.CustomerID != "" && in.CustomerID != a.c.ID:
		return &finhubError{status: http.StatusForbidden, code: "FORBIDDEN", message: "This token is not this customer's."}
	}
	if got := http.DetectContentType(content); !finhubSniffs(got, in.MimeType) {
		return finhubInvalid("fileContent", "The file is not a %s (it looks like %s).", in.MimeType, got)
	}
	kind := finhubDocumentKind(in.DocumentType)
	docID := newID()
	var v *finhubVerification
	err = s.st.inTx(r.Context(), func(t *tx) error {
		var err error
		if v, err = t.finhubOwnVerification(r, a); err != nil {
			return err
		}
		if v.Status != "INITIATED" && v.Status != "IN_PROGRESS" {
			return &finhubError{status: http.StatusConflict, code: "VERIFICATION_CLOSED", message: "This verification takes no more documents (" + v.Status + ")."}
		}
		digest := sha256.Sum256(content)
		if _, err := t.exec(`INSERT INTO finhub_documents (id, verification_id, document_type, file_name, mime_type, size, digest, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, docID, v.ID, strings.ToUpper(in.DocumentType), in.FileName, in.MimeType, len(content), digest[:], unix(t.now)); err != nil {
			return err
		}
		v.Required = slices.DeleteFunc(v.Required, func(d string) bool { return d == kind })
		was := v.Status
		v.Status = "IN_PROGRESS"
		var auto int64
		if len(v.Required) == 0 {
			v.Status = "PENDING_REVIEW"
			if s.opts.KYCAutoApprove > 0 {
				auto = unix(t.now.Add(s.opts.KYCAutoApprove))
			}
		}
		if _, err = t.exec("UPDATE finhub_verifications SET status = ?, required = ?, auto_at = ? WHERE id = ?",
			v.Status, strings.Join(v.Required, ","), auto, v.ID); err != nil || v.Status == was {
			return err
		}
		return t.finhubVerificationEvent(a.c, v)
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Verification document uploaded successfully", map[string]any{"documentId": docID, "documentType": "DT_" + strings.ToUpper(in.DocumentType),
		"fileName": in.FileName, "status": "UPLOADED", "verified": false})
	return nil
}

// finhubSniffs reports whether the sniffed content type fits the
// declared one.
func finhubSniffs(sniffed, declared string) bool {
	sniffed, _, _ = strings.Cut(sniffed, ";")
	return sniffed == declared
}
