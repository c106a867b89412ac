package sandbox

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"github.com/onboard-cli/onboard/internal/lazyregexp"
)

// finhubCustomer is a row of finhub_customers.
type finhubCustomer struct {
	ID, UserID, Email, Phone, FirstName, LastName string
	BirthDate, Gender, Nationality, Category      string
	PasswordHash, ActivationHash                  []byte
	FailedLogins, ActivationTries                 int
	LockedUntil, CreatedAt                        int64
	Status, IBAN, WalletID                        string
}

const finhubCols = `id, user_id, email, phone, first_name, last_name, birth_date, gender, nationality, category,
	password_hash, activation_hash, failed_logins, activation_tries, locked_until, created_at, status, iban, wallet_id`

func (t *tx) finhubCustomer(where string, args ...any) (*finhubCustomer, error) {
	var c finhubCustomer
	err := t.row("SELECT "+finhubCols+" FROM finhub_customers WHERE "+where, args...).Scan(&c.ID, &c.UserID, &c.Email, &c.Phone,
		&c.FirstName, &c.LastName, &c.BirthDate, &c.Gender, &c.Nationality, &c.Category, &c.PasswordHash, &c.ActivationHash,
		&c.FailedLogins, &c.ActivationTries, &c.LockedUntil, &c.CreatedAt, &c.Status, &c.IBAN, &c.WalletID)
	if err != nil {
		return nil, err //nolint:wrapcheck // callers test for sql.ErrNoRows
	}
	return &c, nil
}

// outboxID is the consumer_id its messages carry in the shared outbox.
func (c *finhubCustomer) outboxID() string { return "finhub:" + c.ID }

func (s *Server) finhubHierarchy(w http.ResponseWriter, r *http.Request) error {
	if r.PathValue("tenantId") != DefaultFinHubTenantID {
		return &finhubError{status: http.StatusNotFound, code: "TENANT_NOT_FOUND", message: "Unknown tenant."}
	}
	cats := map[string]any{}
	for _, c := range finhubCategories() {
		cats[c.ID] = map[string]any{"databaseId": newIDFrom(c.ID), "categoryId": c.ID, "categoryName": c.Name,
			"description": c.Description, "riskLevel": c.Risk, "requiredDocuments": c.Documents}
	}
	finhubOK(w, "Hierarchy retrieved successfully", map[string]any{"tenantId": DefaultFinHubTenantID, "tenantName": "Onboard Sandbox",
		"complianceLevel": "STANDARD", "categories": cats})
	return nil
}

// newIDFrom is a stable UUID-shaped id derived from s.
func newIDFrom(s string) string {
	b := sha256.Sum256([]byte("finhub|" + s))
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

type finhubRegisterIn struct {
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	Phone       string `json:"phone"`
	DateOfBirth string `json:"dateOfBirth"`
	Gender      string `json:"gender"`
	Nationality string `json:"nationality"`
	finhubAccountIn
}

var finhubDate = lazyregexp.New(`^\d{4}-\d{2}-\d{2}$`)

func (in *finhubRegisterIn) validate(now time.Time) error {
	in.Email = strings.TrimSpace(in.Email)
	switch {
	case strings.TrimSpace(in.FirstName) == "":
		return finhubInvalid("firstName", "firstName is required.")
	case strings.TrimSpace(in.LastName) == "":
		return finhubInvalid("lastName", "lastName is required.")
	case in.Email == "":
		return finhubInvalid("email", "email is required.")
	}
	if err := in.passwordRule(); err != nil {
		return err
	}
	switch {
	case in.Gender != "MALE" && in.Gender != "FEMALE" && in.Gender != "OTHER":
		return finhubInvalid("gender", "gender must be MALE, FEMALE or OTHER.")
	case len(in.Nationality) < 2:
		return finhubInvalid("nationality", "nationality is required.")
	}
	if err := in.emailRule(); err != nil {
		return err
	}
	if pn, err := phonenumbers.Parse(in.Phone, ""); err != nil || !phonenumbers.IsValidNumber(pn) {
		return finhubInvalid("phone", "The phone number is not valid; give it in international form, e.g. +37060012345.")
	}
	dob, err := time.Parse(time.DateOnly, in.DateOfBirth)
	if !finhubDate.MatchString(in.DateOfBirth) || err != nil {
		return finhubInvalid("dateOfBirth", "dateOfBirth must be a date, e.g. 1990-05-15.")
	}
	if dob.AddDate(18, 0, 0).After(now) {
		return finhubInvalid("dateOfBirth", "The customer must be at least 18 years old.")
	}
	if _, ok := finhubCategoryByID(in.CustomerCategory.ID); !ok {
		return finhubInvalid("customerCategory", "Unknown customer category %q.", in.CustomerCategory.ID)
	}
	return nil
}

func (s *Server) finhubRegister(w http.ResponseWriter, r *http.Request) error {
	var in finhubRegisterIn
	pw, err := s.finhubReadRegistration(r, &in)
	if err != nil {
		return err
	}
	c := finhubCustomer{ID: newID(), UserID: newID(), Email: in.Email, FirstName: in.FirstName, LastName: in.LastName}
	err = s.st.inTx(r.Context(), func(t *tx) error {
		if err := t.finhubEmailFree(in.Email); err != nil {
			return err
		}
		_, err := t.exec(`INSERT INTO finhub_customers (id, user_id, tenant_id, email, phone, first_name, last_name, birth_date, gender,
			nationality, category, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.UserID, DefaultFinHubTenantID, in.Email, in.Phone, in.FirstName, in.LastName, in.DateOfBirth, in.Gender,
			strings.ToUpper(in.Nationality), in.CustomerCategory.ID, pw, unix(t.now))
		if err != nil {
			return err
		}
		return t.finhubEvent(EventFinHubCustomerCreated, &c, nil)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"code": 200, "message": "B2C individual account created successfully. Redirect to activate-account page",
		"redirectUrl": "/auth/activate-account",
		"data": map[string]any{"id": c.ID, "tenantId": DefaultFinHubTenantID, "customerType": "CT_PERSON",
			"customerStatus": "CS_REGISTRATION_COMPLETED", "individual": true, "organization": false,
			"person":         map[string]string{"firstName": in.FirstName, "lastName": in.LastName, "email": in.Email},
			"user":           map[string]any{"id": c.UserID, "username": in.Email, "email": in.Email, "status": "PENDING_ACTIVATION"},
			"categorization": map[string]string{"id": in.CustomerCategory.ID}}})
	return nil
}
