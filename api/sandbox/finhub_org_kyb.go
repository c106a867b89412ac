package sandbox

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// finhubKYBCompany are the documents of the company its KYB needs; each
// beneficial owner (25% or more) needs a GOVERNMENT_ID too.
func finhubKYBCompany() []string {
	return []string{"CERTIFICATE_OF_INCORPORATION", "ARTICLES_OF_ASSOCIATION"}
}

const finhubBeneficialShare = 25

type finhubOrgDocumentIn struct {
	finhubDocumentIn
	Metadata struct {
		CustomerID string `json:"customerId"`
		AccountID  string `json:"accountId"`
		PersonID   string `json:"personId"`
	} `json:"metadata"`
}

// check refuses what the individual upload refuses, and returns the
// decoded file.
func (in *finhubOrgDocumentIn) check(orgID string) ([]byte, error) {
	content, err := base64.StdEncoding.DecodeString(in.FileContent)
	switch {
	case err != nil || len(content) == 0:
		return nil, finhubInvalid("fileContent", "fileContent must be the file in base64.")
	case len(content) > MaxDocumentBytes:
		return nil, finhubInvalid("fileContent", "The file is larger than %d MB.", MaxDocumentBytes>>20)
	case !slices.Contains(finhubMimeTypes, in.MimeType):
		return nil, finhubInvalid("mimeType", "Send a PDF, JPEG or PNG file (mimeType %s).", strings.Join(finhubMimeTypes, ", "))
	case strings.TrimSpace(in.FileName) == "":
		return nil, finhubInvalid("fileName", "fileName is required.")
	case strings.TrimSpace(in.DocumentType) == "":
		return nil, finhubInvalid("documentType", "documentType is required.")
	case in.CustomerID != orgID || (in.Metadata.CustomerID != "" && in.Metadata.CustomerID != orgID):
		return nil, finhubInvalid("customerId", "customerId must be this organization's id.")
	}
	if got := http.DetectContentType(content); !finhubSniffs(got, in.MimeType) {
		return nil, finhubInvalid("fileContent", "The file is not a %s (it looks like %s).", in.MimeType, got)
	}
	return content, nil
}

func (s *Server) finhubOrgDocument(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var in finhubOrgDocumentIn
	if err := decode(r, &in); err != nil {
		return err
	}
	content, err := in.check(a.c.ID)
	if err != nil {
		return err
	}
	docID, kind := newID(), finhubDocumentKind(in.DocumentType)
	err = s.st.inTx(r.Context(), func(t *tx) error {
		if _, err := t.finhubOrgOf(a); err != nil {
			return err
		}
		if err := t.finhubPersonnelOpen(a.c.ID); err != nil {
			return finhubStepOrder("The verification is submitted: it takes no more documents.")
		}
		var n int
		if err := t.row("SELECT count(*) FROM finhub_org_documents WHERE org_id = ?", a.c.ID).Scan(&n); err != nil {
			return err
		}
		if n >= finhubMaxOrgDocuments {
			return finhubStepOrder(fmt.Sprintf("An organization holds at most %d documents in the sandbox.", finhubMaxOrgDocuments))
		}
		if p := in.Metadata.PersonID; p != "" {
			var n int
			if err := t.row("SELECT count(*) FROM finhub_org_people WHERE org_id = ? AND id = ?", a.c.ID, p).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return finhubInvalid("metadata.personId", "No person %s in this organization.", p)
			}
		}
		digest := sha256.Sum256(content)
		if _, err := t.exec(`INSERT INTO finhub_org_documents (id, org_id, person_id, document_type, file_name, mime_type, size, digest, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, docID, a.c.ID, in.Metadata.PersonID, kind, in.FileName, in.MimeType, len(content), digest[:], unix(t.now)); err != nil {
			return err
		}
		return t.finhubOrgUpdated(a.c, changeDocumentUploaded, map[string]any{"documentId": docID, "documentType": kind, "personId": in.Metadata.PersonID})
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Document uploaded successfully", map[string]any{"documentId": docID, "documentType": kind, "fileName": in.FileName, "status": "UPLOADED"})
	return nil
}

// finhubAdminHeaders checks the headers of a privileged organisation
// action: X-User-ID, an ADMIN_USER or COMPLIANCE_OFFICER of this
// organisation (its first user, or an employee with that role), and
// X-User-Roles naming that role.
func (t *tx) finhubAdminHeaders(r *http.Request, org *finhubCustomer) error {
	user, roles := strings.TrimSpace(r.Header.Get("X-User-ID")), r.Header.Get("X-User-Roles")
	for name, v := range map[string]string{"X-User-ID": user, "X-User-Roles": roles} {
		if strings.TrimSpace(v) == "" {
			return &finhubError{status: http.StatusBadRequest, code: "MISSING_HEADER", field: name,
				message: "The " + name + " header is required: this action is an organization admin's."}
		}
	}
	list := strings.Split(strings.ReplaceAll(roles, " ", ""), ",")
	if !slices.Contains(list, "ADMIN_USER") && !slices.Contains(list, "COMPLIANCE_OFFICER") {
		return &finhubError{status: http.StatusForbidden, code: "FORBIDDEN", message: "Only an ADMIN_USER or COMPLIANCE_OFFICER may do this."}
	}
	if user == org.UserID {
		return nil
	}
	var n int
	err := t.row(`SELECT count(*) FROM finhub_org_people p JOIN finhub_customers c ON c.id = p.customer_id
		WHERE p.org_id = ? AND c.user_id = ? AND (',' || p.roles || ',' LIKE '%,ADMIN_USER,%' OR ',' || p.roles || ',' LIKE '%,COMPLIANCE_OFFICER,%')`,
		org.ID, user).Scan(&n)
	if err != nil {
		return err
	}
	if n == 0 {
		return &finhubError{status: http.StatusForbidden, code: "FORBIDDEN", message: "X-User-ID is not an admin of this organization."}
	}
	return nil
}

// finhubKYBMissing says what the KYB still needs, or "".
func (t *tx) finhubKYBMissing(orgID string) (string, error) {
	people, err := t.finhubPeople(orgID)
	if err != nil {
		return "", err
	}
	var missing []string
	directors := slices.ContainsFunc(people, func(p *finhubPerson) bool { return p.Director })
	if finhubOrgAdmins(people) == 0 {
		missing = append(missing, "an employee with the ADMIN_USER role")
	}
	if !directors {
		missing = append(missing, "at least one director")
	}
	if sum := finhubShares(people); sum < 99.9999 || sum > 100.0001 {
		missing = append(missing, fmt.Sprintf("shareholders totalling 100%% (now %g%%)", sum))
	}
	for _, kind := range finhubKYBCompany() {
		if ok, err := t.finhubHasDocument(orgID, "", kind); err != nil || !ok {
			if err != nil {
				return "", err
			}
			missing = append(missing, "the company's "+kind)
		}
	}
	for _, p := range people {
		if p.Share < finhubBeneficialShare {
			continue
		}
		if ok, err := t.finhubHasDocument(orgID, p.ID, "GOVERNMENT_ID"); err != nil || !ok {
			if err != nil {
				return "", err
			}
			missing = append(missing, "an identity document of "+p.FirstName+" "+p.LastName+" (beneficial owner)")
		}
	}
	return strings.Join(missing, "; "), nil
}

func (t *tx) finhubHasDocument(orgID, personID, kind string) (bool, error) {
	var n int
	err := t.row("SELECT count(*) FROM finhub_org_documents WHERE org_id = ? AND person_id = ? AND document_type = ?", orgID, personID, kind).Scan(&n)
	return n > 0, err
}

// finhubOrgVerify submits the KYB: refused until the personnel and the
// documents are complete; an open or approved one is returned as it is.
func (s *Server) finhubOrgVerify(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var in struct {
		Type string `json:"type"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	var v *finhubVerification
	err := s.st.inTx(r.Context(), func(t *tx) error {
		if _, err := t.finhubOrgOf(a); err != nil {
			return err
		}
		if err := t.finhubAdminHeaders(r, a.c); err != nil {
			return err
		}
		var err error
		if v, err = t.finhubLatest(a.c.ID); err != nil || (v != nil && v.Status != "REJECTED") {
			return err
		}
		missing, err := t.finhubKYBMissing(a.c.ID)
		if err != nil {
			return err
		}
		if missing != "" {
			return finhubStepOrder("The verification needs " + missing + ".")
		}
		v = &finhubVerification{ID: newID(), CustomerID: a.c.ID, Status: "PENDING_REVIEW", StartedAt: unix(t.now)}
		if s.opts.KYCAutoApprove > 0 {
			v.AutoAt = unix(t.now.Add(s.opts.KYCAutoApprove))
		}
		if _, err = t.exec("INSERT INTO finhub_verifications (id, customer_id, status, required, auto_at, started_at) VALUES (?, ?, ?, '', ?, ?)",
			v.ID, v.CustomerID, v.Status, v.AutoAt, v.StartedAt); err != nil {
			return err
		}
		return t.finhubVerificationEvent(a.c, v)
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", map[string]any{"verificationId": v.ID, "status": v.Status, "verificationType": "KYB"})
	return nil
}
