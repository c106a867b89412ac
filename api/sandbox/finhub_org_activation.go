package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// finhubOrgConsent accepts one of the organisation's consents: unlike an
// individual's, it names who accepted it and when (acceptedBy,
// acceptedDate), and comes after the KYB is submitted.
func (s *Server) finhubOrgConsent(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	in, err := finhubReadConsent(r)
	if err != nil {
		return err
	}
	if err := finhubOrgConsentRules(in.Accepted, in.Version, in.AcceptedBy, in.AcceptedDate); err != nil {
		return err
	}
	err = s.st.inTx(r.Context(), func(t *tx) error {
		if _, err := t.finhubOrgOf(a); err != nil {
			return err
		}
		if v, err := t.finhubLatest(a.c.ID); err != nil || v == nil || v.Status == "REJECTED" {
			if err != nil {
				return err
			}
			return finhubStepOrder("Submit the verification (KYB) before accepting the consents.")
		}
		_, err := t.exec(`INSERT INTO finhub_consents (customer_id, consent_type, version, accepted_at, accepted_by, accepted_date)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id, consent_type) DO UPDATE SET version = excluded.version,
			accepted_at = excluded.accepted_at, accepted_by = excluded.accepted_by, accepted_date = excluded.accepted_date`,
			a.c.ID, in.kind, in.Version, unix(t.now), strings.TrimSpace(in.AcceptedBy), in.AcceptedDate)
		if err != nil {
			return err
		}
		return t.finhubOrgUpdated(a.c, changeConsent, map[string]any{"consentType": in.name})
	})
	if err != nil {
		return err
	}
	in.accepted(w, a.c.ID)
	return nil
}

// finhubOrgConsentRules refuses, as FinHub does (200, success false), a
// consent not accepted or without its signatory and date.
func finhubOrgConsentRules(accepted bool, version, by, date string) error {
	refuse := func(field, msg string) error {
		return &finhubError{status: http.StatusBadRequest, code: "VALIDATION_ERROR", field: field, message: msg, inBody: true}
	}
	_, errStamp := time.Parse(time.RFC3339, date)
	_, errDay := time.Parse(time.DateOnly, date)
	switch {
	case !accepted:
		return refuse("accepted", "A consent is recorded only when accepted is true.")
	case strings.TrimSpace(version) == "":
		return refuse("version", "version is required.")
	case strings.TrimSpace(by) == "":
		return refuse("acceptedBy", "An organization's consent needs acceptedBy: the name of the person accepting it.")
	case errStamp != nil && errDay != nil:
		return refuse("acceptedDate", "An organization's consent needs acceptedDate, an ISO 8601 date.")
	}
	return nil
}

// finhubOrgActivate activates the organisation: the admin headers, then
// FinHub's 200/success false until the KYB is APPROVED and every consent
// ACCEPTED.
func (s *Server) finhubOrgActivate(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var in struct {
		ActivationReason string `json:"activationReason"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.ActivationReason) == "" {
		return finhubInvalid("activationReason", "activationReason is required.")
	}
	var out map[string]any
	err := s.st.inTx(r.Context(), func(t *tx) error {
		org, err := t.finhubOrgOf(a)
		if err != nil {
			return err
		}
		if err := t.finhubAdminHeaders(r, a.c); err != nil {
			return err
		}
		if org.Status == "ACTIVE" {
			return &finhubError{status: http.StatusConflict, code: "CUSTOMER_ALREADY_ACTIVE", message: "The organization is already active.", inBody: true}
		}
		ready, err := t.finhubReadiness(a.c)
		if err != nil {
			return err
		}
		if !ready.verified() || !ready.consented() {
			return &finhubError{status: http.StatusConflict, code: "ACTIVATION_PREREQUISITES_NOT_MET", inBody: true,
				message: finhubOrgNotReady(ready)}
		}
		wallet, iban := newID(), "LT"+newDigits(18)
		if _, err := t.exec("UPDATE finhub_organizations SET status = 'ACTIVE', iban = ? WHERE id = ?", iban, org.ID); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE finhub_customers SET status = 'CS_ACTIVE', iban = ?, wallet_id = ? WHERE id = ?", iban, wallet, org.ID); err != nil {
			return err
		}
		if err := t.finhubEvent(EventFinHubCustomerActivated, a.c, nil); err != nil {
			return err
		}
		out = map[string]any{"wallet": map[string]any{"walletId": wallet, "id": wallet, "balance": "0.00", "currency": "EUR", "status": "ACTIVE"},
			"iban": iban, "activation": map[string]any{"message": "Organization activated successfully", "status": "ACTIVE",
				"activatedAt": t.now.UTC().Format("2006-01-02T15:04:05.000000000"), "warnings": []string{}}}
		return nil
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Organization activated successfully", out)
	return nil
}

// finhubOrgNotReady says what activation still waits for.
func finhubOrgNotReady(ready finhubReadiness) string {
	var parts []string
	if !ready.verified() {
		parts = append(parts, "the verification (KYB) APPROVED (now "+strings.ToLower(orNone(ready.verification))+")")
	}
	if !ready.consented() {
		parts = append(parts, "the consents "+strings.Join(ready.missing, ", ")+" ACCEPTED")
	}
	return "Activation needs " + strings.Join(parts, " and ") + "."
}

func orNone(s string) string {
	if s == "" {
		return "NOT_STARTED"
	}
	return s
}

// finhubOrgGet answers GET …/organization/{id}: the organisation with its
// personnel, KYB and consents.
func (s *Server) finhubOrgGet(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var out map[string]any
	err := s.st.inTx(r.Context(), func(t *tx) error { // finhubLatest may land an auto-approval
		org, err := t.finhubOrgOf(a)
		if err != nil {
			return err
		}
		people, err := t.finhubPeople(org.ID)
		if err != nil {
			return err
		}
		v, err := t.finhubLatest(org.ID)
		if err != nil {
			return err
		}
		consents, err := t.finhubOrgConsents(org.ID)
		if err != nil {
			return err
		}
		out = finhubOrgView(org, people, v, consents)
		return nil
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", out)
	return nil
}

func (t *tx) finhubOrgConsents(orgID string) ([]map[string]any, error) {
	rows, err := t.query("SELECT consent_type, accepted_by, accepted_date FROM finhub_consents WHERE customer_id = ? ORDER BY accepted_at, consent_type", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []map[string]any{}
	for rows.Next() {
		var kind, by, date string
		if err := rows.Scan(&kind, &by, &date); err != nil {
			return nil, err
		}
		out = append(out, map[string]any{"consentType": finhubConsentName(kind), "acceptedBy": by, "acceptedDate": date})
	}
	return out, rows.Err()
}

func finhubOrgView(org *finhubOrg, people []*finhubPerson, v *finhubVerification, consents []map[string]any) map[string]any {
	status, personStatus := org.Status, "NOT_STARTED"
	var verification any
	if v != nil {
		verification, personStatus = map[string]any{"verificationId": v.ID, "status": v.Status}, v.Status
		if v.Status == "APPROVED" && status != "ACTIVE" {
			status = "PENDING_ACTIVATION"
		}
	}
	personnel := []map[string]any{}
	for _, p := range people {
		var roles []string
		if p.Roles != "" {
			roles = strings.Split(p.Roles, ",")
		}
		if p.Director {
			roles = append(roles, "DIRECTOR")
		}
		if p.Shareholder {
			roles = append(roles, "SHAREHOLDER")
		}
		personnel = append(personnel, map[string]any{"personId": p.ID, "name": p.FirstName + " " + p.LastName, "roles": roles,
			"sharePercentage": p.Share, "verificationStatus": personStatus})
	}
	return map[string]any{"id": org.ID, "legalName": org.LegalName, "registrationNumber": org.RegistrationNumber, "status": status,
		"personnel": personnel, "verification": verification, "consents": consents}
}
