package sandbox

import (
	"net/http"
	"net/mail"
	"strings"
	"time"
)

// finhubAccountIn is what the registration of a person and of an
// organisation share: the login's email, its password twice and the
// customer category. Both bodies embed it, so one rule checks each field.
type finhubAccountIn struct {
	Email            string `json:"email"`
	Password         string `json:"password"`
	MatchingPassword string `json:"matchingPassword"`
	CustomerCategory struct {
		ID string `json:"id"`
	} `json:"customerCategory"`
}

// account gives a registration body's shared part.
func (a *finhubAccountIn) account() *finhubAccountIn { return a }

// passwordRule refuses a password shorter than FinHub's minimum or one
// its confirmation does not repeat.
func (a *finhubAccountIn) passwordRule() error {
	switch {
	case len(a.Password) < finhubMinPassword:
		return finhubInvalid("password", "The password must have at least %d characters.", finhubMinPassword)
	case a.Password != a.MatchingPassword:
		return finhubInvalid("matchingPassword", "The passwords do not match.")
	}
	return nil
}

// emailRule refuses an address that is not one bare address with a dot
// in its domain.
func (a *finhubAccountIn) emailRule() error {
	if m, err := mail.ParseAddress(a.Email); err != nil || m.Address != a.Email || !strings.Contains(a.Email[strings.LastIndex(a.Email, "@"):], ".") {
		return finhubInvalid("email", "The email address is not valid.")
	}
	return nil
}

// finhubRegistration is a registration body, a person's or an
// organisation's: it checks itself and gives its shared part.
type finhubRegistration interface {
	validate(now time.Time) error
	account() *finhubAccountIn
}

// finhubReadRegistration decodes and checks a registration body and
// hashes its password: the part of registering a person and an
// organisation that comes before their rows.
func (s *Server) finhubReadRegistration(r *http.Request, in finhubRegistration) ([]byte, error) {
	if err := decode(r, in); err != nil {
		return nil, err
	}
	if err := in.validate(s.opts.Now()); err != nil {
		return nil, err
	}
	return s.pw.hash(in.account().Password)
}

// finhubEmailFree refuses an email address a customer of the tenant has.
func (t *tx) finhubEmailFree(email string) error {
	var n int
	if err := t.row("SELECT count(*) FROM finhub_customers WHERE tenant_id = ? AND email = ?", DefaultFinHubTenantID, email).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &finhubError{status: http.StatusConflict, code: "EMAIL_ALREADY_REGISTERED", message: "This email address is already registered.", field: "email"}
	}
	return nil
}

// finhubConsentIn is a consent's request, a person's or an
// organisation's: the consent type from the path and the body. A
// person's body has no acceptedBy or acceptedDate; an organisation's
// must.
type finhubConsentIn struct {
	kind, name   string
	Accepted     bool   `json:"accepted"`
	Version      string `json:"version"`
	AcceptedBy   string `json:"acceptedBy"`
	AcceptedDate string `json:"acceptedDate"`
}

// finhubReadConsent reads a consent's type and body: an unknown type is
// FinHub's 404.
func finhubReadConsent(r *http.Request) (*finhubConsentIn, error) {
	in := &finhubConsentIn{kind: r.PathValue("consentType")}
	if in.name = finhubConsentName(in.kind); in.name == "" {
		return nil, &finhubError{status: http.StatusNotFound, code: "CONSENT_TYPE_NOT_FOUND", message: "Consent types are terms, privacy and data-processing."}
	}
	if err := decode(r, in); err != nil {
		return nil, err
	}
	return in, nil
}

// accepted answers a recorded consent of customer id, as FinHub does
// for a person and an organisation alike.
func (in *finhubConsentIn) accepted(w http.ResponseWriter, id string) {
	finhubOK(w, strings.ReplaceAll(in.kind, "-", " ")+" accepted successfully", map[string]any{"id": "consent-" + id + "-" + in.kind,
		"consentType": in.name, "isRequired": true, "isGranted": true, "version": in.Version, "status": "ACCEPTED"})
}
