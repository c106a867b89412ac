package sandbox

import (
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
)

// The FinHub emulation's rules (docs/ARCHITECTURE.md, "Sources").
const (
	// DefaultFinHubTenantID is the embedded sandbox's tenant.
	DefaultFinHubTenantID = "6f6e626f-6172-4400-8000-73616e64626f"
	// DefaultFinHubTenantKey and DefaultFinHubTenantSecret open customer
	// sessions on it.
	DefaultFinHubTenantKey    = "onboard-sandbox-tenant-key"
	DefaultFinHubTenantSecret = "onboard-sandbox-tenant-secret"

	finhubAccessTTL     = time.Hour
	finhubLoginAttempts = 5
	finhubLockout       = 15 * time.Minute
	finhubCodeAttempts  = 5
	finhubMinPassword   = 8
	// MaxDocumentBytes bounds an uploaded document, decoded.
	MaxDocumentBytes = 5 << 20
	// maxDocumentBody bounds a document upload's request body (base64
	// and the JSON around it).
	maxDocumentBody = MaxDocumentBytes*4/3 + 64<<10
)

// finhubCategory is one of the sandbox tenant's customer categories, with
// the documents its verification needs (the documentation's "Document
// Requirements by Risk Level").
type finhubCategory struct {
	ID, Name, Description, Risk string
	Documents                   []string
}

func finhubCategories() []finhubCategory {
	return []finhubCategory{
		{ID: "LOW_RISK_INDIVIDUAL", Name: "Individual Basic", Description: "Low-risk customers with modest limits", Risk: "LOW",
			Documents: []string{"GOVERNMENT_ID"}},
		{ID: "STANDARD_INDIVIDUAL", Name: "Individual Standard", Description: "Standard customers", Risk: "MEDIUM",
			Documents: []string{"GOVERNMENT_ID", "PROOF_OF_ADDRESS"}},
		{ID: "HIGH_RISK_INDIVIDUAL", Name: "Individual Premium", Description: "High limits and international payments, with enhanced monitoring", Risk: "HIGH",
			Documents: []string{"GOVERNMENT_ID", "PROOF_OF_ADDRESS", "SOURCE_OF_FUNDS"}},
	}
}

func finhubCategoryByID(id string) (finhubCategory, bool) {
	for _, c := range finhubCategories() {
		if c.ID == id {
			return c, true
		}
	}
	return finhubCategory{}, false
}

// finhubDocumentKind is the requirement a document type meets: a passport,
// an ID card or a driving licence is a GOVERNMENT_ID.
func finhubDocumentKind(t string) string {
	switch strings.ToUpper(t) {
	case "PASSPORT", "ID_CARD", "NATIONAL_ID", "DRIVERS_LICENSE", "GOVERNMENT_ID":
		return "GOVERNMENT_ID"
	}
	return strings.ToUpper(t)
}

// finhubConsentName is FinHub's name for the path's consent type, or "".
func finhubConsentName(kind string) string {
	switch kind {
	case "terms":
		return "TERMS_AND_CONDITIONS"
	case "privacy":
		return "PRIVACY_POLICY"
	case "data-processing":
		return "DATA_PROCESSING"
	}
	return ""
}

// finhubError is a FinHub error answer in the making: the envelope, at
// an HTTP status or (inBody) at 200 with success false and code -1.
type finhubError struct {
	status     int
	code       string
	message    string
	field      string
	inBody     bool
	retryAfter time.Duration
}

func (e *finhubError) Error() string { return fmt.Sprintf("finhub %d %s", e.status, e.code) }

func finhubInvalid(field, format string, args ...any) *finhubError {
	return &finhubError{status: http.StatusBadRequest, code: "VALIDATION_ERROR", message: fmt.Sprintf(format, args...), field: field}
}

// finhubCommitted is a FinHub error whose transaction must still commit
// (a counted wrong password or code).
type finhubCommitted struct{ *finhubError }

func (e *finhubCommitted) Unwrap() error { return e.finhubError }

func (e *finhubCommitted) answer() error { return e.finhubError }

func writeFinHubError(w http.ResponseWriter, e *finhubError, now time.Time) {
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int((e.retryAfter+time.Second-1)/time.Second))))
	}
	body := map[string]any{"code": e.status, "message": e.message, "errorCode": e.code,
		"success": false, "timestamp": now.UTC().Format(time.RFC3339Nano)}
	if e.field != "" {
		body["errors"] = []map[string]string{{"field": e.field, "message": e.message}}
	}
	status := e.status
	if e.inBody {
		body["code"], status = -1, http.StatusOK
	}
	writeJSON(w, status, body)
}

// finhubOK writes data in FinHub's envelope.
func finhubOK(w http.ResponseWriter, message string, data any) {
	writeJSON(w, http.StatusOK, map[string]any{"code": 200, "message": message, "data": data})
}

// finhubRoutes mounts the API under /finhub/api/v2.1/ and the review page
// under /sandbox/finhub/.
func (s *Server) finhubRoutes(mux *http.ServeMux) {
	h := s.finhubHandle
	const p = "/finhub/api/v2.1/"
	const c = p + "customer/individual/"
	mux.Handle("GET "+c+"categorization/hierarchy/{tenantId}", h(s.finhubHierarchy))
	mux.Handle("POST "+c+"registration", h(s.finhubRegister))
	mux.Handle("POST "+c+"{customerId}/users/{userId}/sessions", h(s.finhubCreateSession))
	mux.Handle("PUT "+c+"{customerId}/users/{userId}/sessions", h(s.finhubRefreshSession))
	mux.Handle("DELETE "+c+"{customerId}/users/{userId}/sessions", h(s.finhubAuthed(s.finhubEndSession)))
	mux.Handle("POST "+c+"{customerId}/verification", h(s.finhubAuthed(s.finhubStartVerification)))
	mux.Handle("POST "+p+"verifications/{verificationId}/documents", h(s.finhubAuthed(s.finhubUpload)))
	mux.Handle("GET "+p+"verifications/{verificationId}", h(s.finhubAuthed(s.finhubGetVerification)))
	mux.Handle("POST "+c+"{customerId}/consents/{consentType}", h(s.finhubAuthed(s.finhubConsent)))
	mux.Handle("GET "+c+"{customerId}/owner/{ownerTenantId}/activation/check", h(s.finhubAuthed(s.finhubActivationCheck)))
	mux.Handle("POST "+c+"{customerId}/activation", h(s.finhubAuthed(s.finhubActivate)))
	mux.Handle("/finhub/", h(func(http.ResponseWriter, *http.Request) error {
		return &finhubError{status: http.StatusNotFound, code: "NOT_FOUND", message: "No such endpoint."}
	}))
	mux.HandleFunc("GET /sandbox/finhub/review/{verificationId}", s.finhubReviewPage)
	mux.HandleFunc("POST /sandbox/finhub/review/{verificationId}", s.finhubReviewAction)
}

// finhubHandle adapts a FinHub handler: the headers every call needs are
// checked first, and errors are written in FinHub's envelope.
func (s *Server) finhubHandle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := s.finhubHeaders(r)
		if err == nil {
			err = fn(w, r)
		}
		if err == nil {
			return
		}
		var fe *finhubError
		if !errors.As(err, &fe) {
			var ae *apiError
			switch {
			case errors.As(err, &ae) && isDecodeStatus(ae.status):
				fe = decodeForFinHub(ae)
			default:
				s.opts.Logger.Error("internal error", "path", r.URL.Path, "err", err)
				fe = &finhubError{status: http.StatusInternalServerError, code: "INTERNAL_ERROR", message: internalMessage(err)}
			}
		}
		writeFinHubError(w, fe, s.opts.Now())
	})
}

// finhubHeaders enforces the documented headers: the tenant, the end
// user's address, the client, its platform and device.
func (s *Server) finhubHeaders(r *http.Request) error {
	if !strings.HasPrefix(r.URL.Path, "/finhub/api/") {
		return nil
	}
	for _, name := range []string{"X-Tenant-ID", "X-Forwarded-For", "User-Agent", "platform", "deviceId"} {
		if strings.TrimSpace(r.Header.Get(name)) == "" {
			return &finhubError{status: http.StatusBadRequest, code: "MISSING_HEADER", message: "The " + name + " header is required.", field: name}
		}
	}
	if r.Header.Get("X-Tenant-ID") != DefaultFinHubTenantID {
		return &finhubError{status: http.StatusForbidden, code: "INVALID_TENANT", message: "Unknown tenant."}
	}
	return nil
}

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
	FirstName        string `json:"firstName"`
	LastName         string `json:"lastName"`
	Email            string `json:"email"`
	Phone            string `json:"phone"`
	Password         string `json:"password"`
	MatchingPassword string `json:"matchingPassword"`
	DateOfBirth      string `json:"dateOfBirth"`
	Gender           string `json:"gender"`
	Nationality      string `json:"nationality"`
	CustomerCategory struct {
		ID string `json:"id"`
	} `json:"customerCategory"`
}

var finhubDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (in *finhubRegisterIn) validate(now time.Time) error {
	in.Email = strings.TrimSpace(in.Email)
	switch {
	case strings.TrimSpace(in.FirstName) == "":
		return finhubInvalid("firstName", "firstName is required.")
	case strings.TrimSpace(in.LastName) == "":
		return finhubInvalid("lastName", "lastName is required.")
	case in.Email == "":
		return finhubInvalid("email", "email is required.")
	case len(in.Password) < finhubMinPassword:
		return finhubInvalid("password", "The password must have at least %d characters.", finhubMinPassword)
	case in.Password != in.MatchingPassword:
		return finhubInvalid("matchingPassword", "The passwords do not match.")
	case in.Gender != "MALE" && in.Gender != "FEMALE" && in.Gender != "OTHER":
		return finhubInvalid("gender", "gender must be MALE, FEMALE or OTHER.")
	case len(in.Nationality) < 2:
		return finhubInvalid("nationality", "nationality is required.")
	}
	if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || !strings.Contains(in.Email[strings.LastIndex(in.Email, "@"):], ".") {
		return finhubInvalid("email", "The email address is not valid.")
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
	if err := decode(r, &in); err != nil {
		return err
	}
	if err := in.validate(s.opts.Now()); err != nil {
		return err
	}
	pw, err := s.pw.hash(in.Password)
	if err != nil {
		return err
	}
	c := finhubCustomer{ID: newID(), UserID: newID(), Email: in.Email, FirstName: in.FirstName, LastName: in.LastName}
	err = s.st.inTx(r.Context(), func(t *tx) error {
		var n int
		if err := t.row("SELECT count(*) FROM finhub_customers WHERE tenant_id = ? AND email = ?", DefaultFinHubTenantID, in.Email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &finhubError{status: http.StatusConflict, code: "EMAIL_ALREADY_REGISTERED", message: "This email address is already registered.", field: "email"}
		}
		_, err := t.exec(`INSERT INTO finhub_customers (id, user_id, tenant_id, email, phone, first_name, last_name, birth_date, gender,
			nationality, category, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.UserID, DefaultFinHubTenantID, in.Email, in.Phone, in.FirstName, in.LastName, in.DateOfBirth, in.Gender,
			strings.ToUpper(in.Nationality), in.CustomerCategory.ID, pw, unix(t.now))
		return err
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

type finhubSessionIn struct {
	Username     string `json:"username"`
	Password     string `json:"password"`
	TenantKey    string `json:"tenantKey"`
	TenantSecret string `json:"tenantSecret"`
}

// finhubIssue opens a session for c and returns the answer, which the
// handler writes once the transaction has committed.
func finhubIssue(t *tx, c *finhubCustomer, message string) (map[string]any, error) {
	token, refresh, sid := newToken(), newToken(), newID()
	exp := t.now.Add(finhubAccessTTL)
	if _, err := t.exec(`INSERT INTO finhub_sessions (token_hash, refresh_hash, session_id, customer_id, expires_at, refresh_expires)
		VALUES (?, ?, ?, ?, ?, ?)`, hash(token), hash(refresh), sid, c.ID, unix(exp), unix(t.now.Add(DefaultRefreshTTL))); err != nil {
		return nil, err
	}
	return map[string]any{"sessionId": sid, "userId": c.UserID, "token": token, "refreshToken": refresh,
		"expiresAt": exp.UTC().Format("2006-01-02T15:04:05.000000000"), "success": true, "message": message, "errorType": "NONE"}, nil
}

func (s *Server) finhubCreateSession(w http.ResponseWriter, r *http.Request) error {
	var in finhubSessionIn
	if err := decode(r, &in); err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(in.TenantKey), []byte(DefaultFinHubTenantKey)) != 1 ||
		subtle.ConstantTimeCompare([]byte(in.TenantSecret), []byte(DefaultFinHubTenantSecret)) != 1 {
		return &finhubError{status: http.StatusForbidden, code: "INVALID_TENANT_CREDENTIALS", message: "The tenant key or secret is not right."}
	}
	bad := &finhubError{status: http.StatusUnauthorized, code: "INVALID_CREDENTIALS", message: "The email address or password is not right."}
	first := s.checkFirst(r.Context(), in.Password, func(t *tx) ([]byte, error) {
		c, err := t.finhubCustomer("id = ? AND user_id = ?", r.PathValue("customerId"), r.PathValue("userId"))
		if err != nil {
			return nil, err
		}
		return c.PasswordHash, nil
	})
	var session map[string]any // written once the session is committed
	err := s.inTxKeep(r, func(t *tx) error {
		c, err := t.finhubCustomer("id = ? AND user_id = ?", r.PathValue("customerId"), r.PathValue("userId"))
		if errors.Is(err, sql.ErrNoRows) {
			return bad
		}
		if err != nil {
			return err
		}
		if left := fromUnix(c.LockedUntil).Sub(t.now); left > 0 {
			return &finhubError{status: http.StatusTooManyRequests, code: "ACCOUNT_LOCKED",
				message: "Too many wrong passwords; try again later.", retryAfter: left}
		}
		if !strings.EqualFold(in.Username, c.Email) || !first.matches(s.pw, c.PasswordHash, in.Password) {
			fails, locked := c.FailedLogins+1, int64(0)
			if fails >= finhubLoginAttempts {
				fails, locked = 0, unix(t.now.Add(finhubLockout))
			}
			if _, err := t.exec("UPDATE finhub_customers SET failed_logins = ?, locked_until = ? WHERE id = ?", fails, locked, c.ID); err != nil {
				return err
			}
			return &finhubCommitted{bad}
		}
		if _, err := t.exec("UPDATE finhub_customers SET failed_logins = 0 WHERE id = ?", c.ID); err != nil {
			return err
		}
		session, err = finhubIssue(t, c, "Session created successfully")
		return err
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", session)
	return nil
}

func (s *Server) finhubRefreshSession(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		RefreshToken string `json:"refreshToken"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	bad := &finhubError{status: http.StatusUnauthorized, code: "INVALID_TOKEN", message: "The refresh token is not valid."}
	var session map[string]any // written once the session is committed
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var customer string
		var until int64
		err := t.row("SELECT customer_id, refresh_expires FROM finhub_sessions WHERE refresh_hash = ?", hash(in.RefreshToken)).Scan(&customer, &until)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (customer != r.PathValue("customerId") || !t.now.Before(fromUnix(until)))) {
			return bad
		}
		if err != nil {
			return err
		}
		c, err := t.finhubCustomer("id = ? AND user_id = ?", customer, r.PathValue("userId"))
		if errors.Is(err, sql.ErrNoRows) {
			return bad
		}
		if err != nil {
			return err
		}
		// A refresh token is spent by its use: the old session ends.
		if _, err := t.exec("DELETE FROM finhub_sessions WHERE refresh_hash = ?", hash(in.RefreshToken)); err != nil {
			return err
		}
		session, err = finhubIssue(t, c, "Session refreshed successfully")
		return err
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", session)
	return nil
}

// finhubAuth is who an authenticated request comes from.
type finhubAuth struct {
	c         *finhubCustomer
	tokenHash []byte
}

// finhubAuthed checks the bearer token, and that a {customerId} in the
// path is the token's own customer: one customer cannot touch another.
func (s *Server) finhubAuthed(fn func(http.ResponseWriter, *http.Request, *finhubAuth) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || raw == "" {
			return &finhubError{status: http.StatusUnauthorized, code: "INVALID_TOKEN", message: "A bearer token is required."}
		}
		var a finhubAuth
		err := s.st.read(r.Context(), func(t *tx) error {
			var customer string
			var exp int64
			err := t.row("SELECT customer_id, expires_at FROM finhub_sessions WHERE token_hash = ?", hash(raw)).Scan(&customer, &exp)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && !t.now.Before(fromUnix(exp))) {
				return &finhubError{status: http.StatusUnauthorized, code: "INVALID_TOKEN", message: "The token is not valid or has expired."}
			}
			if err != nil {
				return err
			}
			a.c, err = t.finhubCustomer("id = ?", customer)
			return err
		})
		if err != nil {
			return err
		}
		if id := r.PathValue("customerId"); id != "" && id != a.c.ID {
			return &finhubError{status: http.StatusForbidden, code: "FORBIDDEN", message: "This token is not this customer's."}
		}
		a.tokenHash = hash(raw)
		return fn(w, r, &a)
	}
}

func (s *Server) finhubEndSession(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	err := s.st.inTx(r.Context(), func(t *tx) error {
		_, err := t.exec("DELETE FROM finhub_sessions WHERE token_hash = ?", a.tokenHash)
		return err
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Session ended", nil)
	return nil
}

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
	if status != "APPROVED" {
		return nil
	}
	c, err := t.finhubCustomer("id = ?", v.CustomerID)
	if err != nil {
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
		_, err = t.exec("INSERT INTO finhub_verifications (id, customer_id, status, required, started_at) VALUES (?, ?, ?, ?, ?)",
			v.ID, v.CustomerID, v.Status, strings.Join(v.Required, ","), v.StartedAt)
		return err
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
		v.Status = "IN_PROGRESS"
		var auto int64
		if len(v.Required) == 0 {
			v.Status = "PENDING_REVIEW"
			if s.opts.KYCAutoApprove > 0 {
				auto = unix(t.now.Add(s.opts.KYCAutoApprove))
			}
		}
		_, err = t.exec("UPDATE finhub_verifications SET status = ?, required = ?, auto_at = ? WHERE id = ?",
			v.Status, strings.Join(v.Required, ","), auto, v.ID)
		return err
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

func (s *Server) finhubConsent(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	kind := r.PathValue("consentType")
	name := finhubConsentName(kind)
	if name == "" {
		return &finhubError{status: http.StatusNotFound, code: "CONSENT_TYPE_NOT_FOUND", message: "Consent types are terms, privacy and data-processing."}
	}
	var in struct {
		Accepted bool   `json:"accepted"`
		Version  string `json:"version"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	if !in.Accepted {
		// FinHub answers some refusals with 200 and success false.
		return &finhubError{status: http.StatusBadRequest, code: "CONSENT_NOT_ACCEPTED", message: "A consent is recorded only when accepted is true.", inBody: true}
	}
	if strings.TrimSpace(in.Version) == "" {
		return finhubInvalid("version", "version is required.")
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		if _, err := t.exec(`INSERT INTO finhub_consents (customer_id, consent_type, version, accepted_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (customer_id, consent_type) DO UPDATE SET version = excluded.version, accepted_at = excluded.accepted_at`,
			a.c.ID, kind, in.Version, unix(t.now)); err != nil {
			return err
		}
		return t.finhubMaybeSendCode(a.c)
	})
	if err != nil {
		return err
	}
	finhubOK(w, strings.ReplaceAll(kind, "-", " ")+" accepted successfully", map[string]any{"id": "consent-" + a.c.ID + "-" + kind,
		"consentType": name, "isRequired": true, "isGranted": true, "version": in.Version, "status": "ACCEPTED"})
	return nil
}

// finhubReadiness is what the activation check reports.
type finhubReadiness struct {
	verification string
	missing      []string
}

func (f finhubReadiness) verified() bool  { return f.verification == "APPROVED" }
func (f finhubReadiness) consented() bool { return len(f.missing) == 0 }

func (t *tx) finhubReadiness(c *finhubCustomer) (finhubReadiness, error) {
	var out finhubReadiness
	v, err := t.finhubLatest(c.ID)
	if err != nil {
		return out, err
	}
	if v != nil {
		out.verification = v.Status
	}
	for _, kind := range []string{"terms", "privacy", "data-processing"} {
		var n int
		if err := t.row("SELECT count(*) FROM finhub_consents WHERE customer_id = ? AND consent_type = ?", c.ID, kind).Scan(&n); err != nil {
			return out, err
		}
		if n == 0 {
			out.missing = append(out.missing, finhubConsentName(kind))
		}
	}
	return out, nil
}

// finhubMaybeSendCode emails the activation code once the customer may
// be activated and has none (x-inferred: FinHub says only that the code
// is emailed).
func (t *tx) finhubMaybeSendCode(c *finhubCustomer) error {
	if c.Status == "CS_ACTIVE" || len(c.ActivationHash) > 0 {
		return nil
	}
	ready, err := t.finhubReadiness(c)
	if err != nil || !ready.verified() || !ready.consented() {
		return err
	}
	return t.finhubSendCode(c)
}

func (t *tx) finhubSendCode(c *finhubCustomer) error {
	code := newDigits(6)
	if _, err := t.exec("UPDATE finhub_customers SET activation_hash = ?, activation_tries = 0 WHERE id = ?", hash(code), c.ID); err != nil {
		return err
	}
	c.ActivationHash, c.ActivationTries = hash(code), 0
	return t.send(c.outboxID(), Message{Channel: "email", Recipient: c.Email, Subject: "Activate your account",
		Text: "Your FinHub sandbox activation code is " + code + ". Type it in onboard to activate your account.", Code: code})
}

func (s *Server) finhubActivationCheck(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	if r.PathValue("ownerTenantId") != DefaultFinHubTenantID {
		return &finhubError{status: http.StatusNotFound, code: "TENANT_NOT_FOUND", message: "Unknown tenant."}
	}
	var ready finhubReadiness
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var err error
		if ready, err = t.finhubReadiness(a.c); err != nil {
			return err
		}
		return t.finhubMaybeSendCode(a.c)
	})
	if err != nil {
		return err
	}
	cat, _ := finhubCategoryByID(a.c.Category)
	allowed := ready.verified() && ready.consented() && a.c.Status != "CS_ACTIVE"
	msg := "Customer is ready for activation"
	switch {
	case a.c.Status == "CS_ACTIVE":
		msg = "Customer is already active"
	case !ready.verified():
		msg = "The identity verification is not approved yet"
	case !ready.consented():
		msg = "Some consents are not accepted yet"
	}
	missing := ready.missing
	if missing == nil {
		missing = []string{}
	}
	finhubOK(w, msg, map[string]any{"activationAllowed": allowed, "consentOk": ready.consented(), "verificationOk": ready.verified(),
		"riskLevel": cat.Risk, "message": msg, "verificationStatus": ready.verification, "missingConsents": missing,
		"customerStatus": a.c.Status})
	return nil
}

func (s *Server) finhubActivate(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var in struct {
		Code   string `json:"code"`
		UserID string `json:"userId"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	var out map[string]any
	err := s.inTxKeep(r, func(t *tx) error {
		c := a.c
		if c.Status == "CS_ACTIVE" {
			return &finhubError{status: http.StatusConflict, code: "CUSTOMER_ALREADY_ACTIVE", message: "The account is already active.", inBody: true}
		}
		ready, err := t.finhubReadiness(c)
		if err != nil {
			return err
		}
		if !ready.verified() || !ready.consented() {
			return &finhubError{status: http.StatusConflict, code: "ACTIVATION_PREREQUISITES_NOT_MET", inBody: true,
				message: "Activation needs the identity verification approved and the terms, privacy and data-processing consents accepted."}
		}
		if in.UserID != c.UserID {
			return finhubInvalid("userId", "userId is not this customer's user.")
		}
		if len(c.ActivationHash) == 0 || subtle.ConstantTimeCompare(hash(strings.TrimSpace(in.Code)), c.ActivationHash) != 1 {
			tries := c.ActivationTries + 1
			msg := fmt.Sprintf("%d tries left before this code stops working.", finhubCodeAttempts-tries)
			if tries >= finhubCodeAttempts {
				// Burned: a new code goes out, as the old can no longer be used.
				if err := t.finhubSendCode(c); err != nil {
					return err
				}
				return &finhubCommitted{&finhubError{status: http.StatusTooManyRequests, code: "TOO_MANY_ATTEMPTS", inBody: true,
					message: "Too many wrong codes: that code is no longer valid, and a new one was emailed."}}
			}
			if _, err := t.exec("UPDATE finhub_customers SET activation_tries = ? WHERE id = ?", tries, c.ID); err != nil {
				return err
			}
			return &finhubCommitted{&finhubError{status: http.StatusBadRequest, code: "INVALID_ACTIVATION_CODE", message: msg, inBody: true}}
		}
		wallet, iban := newID(), "LT"+newDigits(18)
		if _, err := t.exec("UPDATE finhub_customers SET status = 'CS_ACTIVE', activation_hash = NULL, iban = ?, wallet_id = ? WHERE id = ?",
			iban, wallet, c.ID); err != nil {
			return err
		}
		out = map[string]any{"wallet": map[string]any{"walletId": wallet, "iban": iban, "currency": "EUR", "balance": "0"},
			"iban": iban, "activationStatus": "ACTIVATED"}
		return nil
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", out)
	return nil
}

// FinHubReviewPage is the review page template of a sandbox at base (its
// root URL): where a FinHub verification is approved or rejected.
func FinHubReviewPage(base string) string {
	return base + "/sandbox/finhub/review/{verification}"
}

func finhubExplain(status string) string {
	switch status {
	case "INITIATED", "IN_PROGRESS":
		return "The documents are not all uploaded yet."
	case "PENDING_REVIEW":
		return "Every document is uploaded; FinHub's reviewers would now check them."
	case "APPROVED":
		return "The identity is approved. You can close this page."
	case "REJECTED":
		return "The verification was rejected."
	}
	return ""
}

// finhubReviewPage stands in for FinHub's reviewers: the verification id
// (a UUID, unguessable) is the capability.
func (s *Server) finhubReviewPage(w http.ResponseWriter, r *http.Request) {
	s.kycPage(w, r, s.st.inTx, func(t *tx) (kycPageView, error) { // finhubAdvance writes
		v, err := t.finhubVerification("id = ?", r.PathValue("verificationId"))
		if err != nil {
			return kycPageView{}, err
		}
		if err := t.finhubAdvance(v); err != nil {
			return kycPageView{}, err
		}
		c, err := t.finhubCustomer("id = ?", v.CustomerID)
		if err != nil {
			return kycPageView{}, err
		}
		return kycPageView{Phone: maskPhone(strings.TrimPrefix(c.Phone, "+")), Status: v.Status, Explain: finhubExplain(v.Status),
			Open: v.Status == "PENDING_REVIEW" || v.Status == "IN_PROGRESS" || v.Status == "INITIATED"}, nil
	})
}

// finhubReviewAction approves or rejects as the page's button says, then
// shows the page again (post/redirect/get).
func (s *Server) finhubReviewAction(w http.ResponseWriter, r *http.Request) {
	actions := map[string]string{"approve": "APPROVED", "decline": "REJECTED", "review": "PENDING_REVIEW", "abort": "REJECTED"}
	s.kycAction(w, r, actions, func(t *tx, next string) error {
		v, err := t.finhubVerification("id = ?", r.PathValue("verificationId"))
		if err != nil {
			return err
		}
		if v.Status == "APPROVED" || v.Status == "REJECTED" || next == v.Status {
			return nil // already over: a second click changes nothing
		}
		return t.finhubSetVerification(v, next)
	})
}
