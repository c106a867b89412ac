package sandbox

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"
	"time"
)

// finhubOrgCategories are the sandbox tenant's business categories; the
// first is the default (the documentation's example, medium risk, whose
// approval level is TENANT).
func finhubOrgCategories() []string { return []string{"fs-cat-b2b-small-001"} }

// finhubIsOrg reports whether a customer is an organisation, by its
// category.
func finhubIsOrg(c *finhubCustomer) bool { return strings.HasPrefix(c.Category, "fs-cat-b2b-") }

// finhubOrgRoutes mounts the organisation's API under p
// ("/finhub/api/v2.1/").
func (s *Server) finhubOrgRoutes(mux *http.ServeMux, p string) {
	h := s.finhubHandle
	const o = "customer/organization/"
	mux.Handle("POST "+p+o+"registration", h(s.finhubOrgRegister))
	mux.Handle("GET "+p+o+"{customerId}", h(s.finhubAuthed(s.finhubOrgGet)))
	mux.Handle("POST "+p+o+"{customerId}/employee", h(s.finhubAuthed(s.finhubOrgAdd(personEmployee))))
	mux.Handle("POST "+p+o+"{customerId}/director", h(s.finhubAuthed(s.finhubOrgAdd(personDirector))))
	mux.Handle("POST "+p+o+"{customerId}/shareholders", h(s.finhubAuthed(s.finhubOrgAdd(personShareholder))))
	mux.Handle("POST "+p+o+"{customerId}/documents", h(s.finhubAuthed(s.finhubOrgDocument)))
	// Seed 004 and the reference page say …/verify, the integration
	// guide …/verification: a tenant answers both.
	mux.Handle("POST "+p+o+"{customerId}/verify", h(s.finhubAuthed(s.finhubOrgVerify)))
	mux.Handle("POST "+p+o+"{customerId}/verification", h(s.finhubAuthed(s.finhubOrgVerify)))
	mux.Handle("POST "+p+o+"{customerId}/consents/{consentType}", h(s.finhubAuthed(s.finhubOrgConsent)))
	mux.Handle("POST "+p+o+"{customerId}/activation", h(s.finhubAuthed(s.finhubOrgActivate)))
}

// finhubOrg is a row of finhub_organizations.
type finhubOrg struct {
	ID, LegalName, RegistrationNumber, Country, Status, IBAN string
}

// finhubOrgOf loads the organisation of an authenticated request: the
// token's customer must be one.
func (t *tx) finhubOrgOf(a *finhubAuth) (*finhubOrg, error) {
	var o finhubOrg
	err := t.row("SELECT id, legal_name, registration_number, country, status, iban FROM finhub_organizations WHERE id = ?", a.c.ID).
		Scan(&o.ID, &o.LegalName, &o.RegistrationNumber, &o.Country, &o.Status, &o.IBAN)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &finhubError{status: http.StatusNotFound, code: "ORGANIZATION_NOT_FOUND", message: "No such organization."}
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// finhubStepOrder is the refusal of a step whose prerequisite is missing;
// message says which.
func finhubStepOrder(message string) *finhubError {
	return &finhubError{status: http.StatusConflict, code: "PREREQUISITE_MISSING", message: message}
}

type finhubOrgRegisterIn struct {
	finhubAccountIn
	OrganizationCustomer struct {
		Organization struct {
			LegalName          string `json:"legalName"`
			RegistrationNumber string `json:"registrationNumber"`
			IncorporationDate  string `json:"incorporationDate"`
			Phone              string `json:"phone"`
			Addresses          []struct {
				Country string `json:"country"`
			} `json:"addresses"`
		} `json:"organization"`
		User struct {
			FirstName string `json:"firstName"`
			LastName  string `json:"lastName"`
		} `json:"user"`
	} `json:"organizationCustomer"`
}

func (in *finhubOrgRegisterIn) country() string {
	for _, a := range in.OrganizationCustomer.Organization.Addresses {
		return strings.ToUpper(strings.TrimSpace(a.Country))
	}
	return ""
}

func (in *finhubOrgRegisterIn) validate(now time.Time) error {
	in.Email = strings.TrimSpace(in.Email)
	org := &in.OrganizationCustomer.Organization
	if in.CustomerCategory.ID == "" {
		in.CustomerCategory.ID = finhubOrgCategories()[0]
	}
	switch {
	case strings.TrimSpace(org.LegalName) == "":
		return finhubInvalid("organizationCustomer.organization.legalName", "legalName is required.")
	case strings.TrimSpace(org.RegistrationNumber) == "":
		return finhubInvalid("organizationCustomer.organization.registrationNumber", "registrationNumber is required.")
	case len(in.country()) != 2:
		return finhubInvalid("organizationCustomer.organization.addresses", "The registered address needs a country (ISO 3166 alpha-2, e.g. LT).")
	}
	if err := in.passwordRule(); err != nil {
		return err
	}
	if !strings.HasPrefix(in.CustomerCategory.ID, "fs-cat-b2b-") {
		return finhubInvalid("customerCategory", "Unknown business category %q.", in.CustomerCategory.ID)
	}
	if err := in.emailRule(); err != nil {
		return err
	}
	if d := org.IncorporationDate; d != "" {
		at, err := time.Parse(time.DateOnly, d)
		if err != nil || !finhubDate.MatchString(d) || at.After(now) {
			return finhubInvalid("organizationCustomer.organization.incorporationDate", "incorporationDate must be a past date, e.g. 2015-03-20.")
		}
	}
	return nil
}

func (s *Server) finhubOrgRegister(w http.ResponseWriter, r *http.Request) error {
	var in finhubOrgRegisterIn
	pw, err := s.finhubReadRegistration(r, &in)
	if err != nil {
		return err
	}
	org, user := &in.OrganizationCustomer.Organization, &in.OrganizationCustomer.User
	id, userID := newID(), newID()
	err = s.st.inTx(r.Context(), func(t *tx) error {
		if err := t.finhubEmailFree(in.Email); err != nil {
			return err
		}
		if _, err := t.exec(`INSERT INTO finhub_customers (id, user_id, tenant_id, email, phone, first_name, last_name, birth_date, gender,
			nationality, category, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?)`,
			id, userID, DefaultFinHubTenantID, in.Email, org.Phone, user.FirstName, user.LastName, in.country(),
			in.CustomerCategory.ID, pw, unix(t.now)); err != nil {
			return err
		}
		if _, err := t.exec(`INSERT INTO finhub_organizations (id, legal_name, registration_number, country, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, org.LegalName, org.RegistrationNumber, in.country(), unix(t.now)); err != nil {
			return err
		}
		return t.finhubOrgCreated(id, in.Email, in.CustomerCategory.ID)
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Organization registered successfully. Default admin will be created automatically. Use separate endpoints to add employees, directors, and shareholders.",
		map[string]any{"individual": false, "organization": true, "adminEmployees": []any{}, "id": id, "organizationId": id,
			"tenantId": DefaultFinHubTenantID, "email": in.Email, "customerStatus": "PENDING_VERIFICATION",
			"user": map[string]any{"id": userID, "username": in.Email, "email": in.Email, "status": "PENDING_ACTIVATION"}})
	return nil
}
