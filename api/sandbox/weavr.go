package sandbox

import (
	"bytes"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
	"github.com/onboard-cli/onboard/api/sandbox/defaults"
	"github.com/onboard-cli/onboard/internal/lazyregexp"
)

// The Weavr emulation's rules (docs/ARCHITECTURE.md, "Sources").
const (
	// DefaultWeavrAPIKey is the embedded sandbox's programme api-key.
	DefaultWeavrAPIKey = defaults.WeavrAPIKey
	// DefaultWeavrProfileID is its consumer profile.
	DefaultWeavrProfileID = defaults.WeavrProfileID
	// WeavrCode is every email and SMS code, as on Weavr's sandbox.
	WeavrCode = "123456"
	// WeavrTokenIdle is how long a token lives after its last use.
	WeavrTokenIdle = 5 * time.Minute

	weavrCodeTTL       = 5 * time.Minute
	weavrCodeAttempts  = 5
	weavrSendCooldown  = 30 * time.Second
	weavrLoginAttempts = 5
	weavrLockout       = 30 * time.Minute
	weavrMinPassword   = 8
)

// weavrError is a Weavr error answer in the making: a 409's errorCode, a
// 400's invalid fields, a 429's reset.
type weavrError struct {
	status  int
	code    string
	fields  []weavrField
	message string
	reset   time.Duration
}

type weavrField struct {
	Params    []string `json:"params,omitempty"`
	FieldName string   `json:"fieldName"`
	Error     string   `json:"error"`
}

func (e *weavrError) Error() string { return fmt.Sprintf("weavr %d %s", e.status, e.code) }

func weavrConflict(code string) *weavrError {
	return &weavrError{status: http.StatusConflict, code: code}
}

func weavrInvalid(field, kind string, params ...string) *weavrError {
	return &weavrError{status: http.StatusBadRequest, message: "Bad Request",
		fields: []weavrField{{FieldName: field, Error: kind, Params: params}}}
}

// weavrCommitted is a Weavr error whose transaction must still commit (a
// counted wrong code or password).
type weavrCommitted struct{ *weavrError }

func (e *weavrCommitted) Unwrap() error { return e.weavrError }

func (e *weavrCommitted) answer() error { return e.weavrError }

// weavrHandle adapts a Weavr handler: every answer carries request-ref,
// errors are written in Weavr's shapes, and a transaction that must keep
// its effects (a counted attempt) commits before its error is sent.
func (s *Server) weavrHandle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Request-Ref", w.Header().Get("Request-Id"))
		err := fn(w, r)
		if err == nil {
			return
		}
		var we *weavrError
		if !errors.As(err, &we) {
			var ae *apiError
			if errors.As(err, &ae) && isDecodeStatus(ae.status) {
				we = decodeForWeavr(ae)
			} else {
				s.opts.Logger.Error("internal error", "route", route(r), "err", err)
				we = &weavrError{status: http.StatusInternalServerError}
			}
		}
		writeWeavrError(w, we)
	})
}

func writeWeavrError(w http.ResponseWriter, e *weavrError) {
	switch e.status {
	case http.StatusBadRequest, http.StatusUnsupportedMediaType, http.StatusRequestTimeout:
		body := map[string]any{"message": e.message}
		if len(e.fields) > 0 {
			body["syntaxErrors"] = map[string]any{"invalidFields": e.fields}
		}
		writeJSON(w, e.status, body)
	case http.StatusConflict, http.StatusNotFound, http.StatusGone:
		writeJSON(w, e.status, map[string]string{"errorCode": e.code})
	case http.StatusTooManyRequests:
		secs := max(1, int((e.reset+time.Second-1)/time.Second))
		w.Header().Set("X-Ratelimit-Limit", "1, 1;w="+strconv.Itoa(int(weavrSendCooldown/time.Second)))
		w.Header().Set("X-Ratelimit-Reset", strconv.Itoa(secs))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		w.WriteHeader(e.status)
	default: // 401, 403, 423, 500: no body, as the Multi spec has it; the simulator's default error is a JSON message
		if e.message != "" {
			writeJSON(w, e.status, map[string]string{"message": e.message})
			return
		}
		w.WriteHeader(e.status)
	}
}

// weavrRoutes mounts the Multi API under /weavr/multi/ and the simulator
// under /weavr/simulate/api/, as sandbox.weavr.io has them.
func (s *Server) weavrRoutes(mux *http.ServeMux) {
	h := s.weavrHandle
	const p = "/weavr/multi/"
	mux.Handle("POST "+p+"consumers", h(s.weavrCreateConsumer))
	mux.Handle("GET "+p+"consumers", h(s.weavrAuthed(s.weavrGetConsumer)))
	mux.Handle("PATCH "+p+"consumers", h(s.weavrAuthed(s.weavrUpdateConsumer)))
	mux.Handle("POST "+p+"passwords/{user_id}/create", h(s.weavrCreatePassword))
	mux.Handle("POST "+p+"login_with_password", h(s.weavrLogin))
	mux.Handle("POST "+p+"logout", h(s.weavrAuthed(s.weavrLogout)))
	mux.Handle("POST "+p+"consumers/verification/email/send", h(s.weavrEmailSend))
	mux.Handle("POST "+p+"consumers/verification/email/verify", h(s.weavrEmailVerify))
	mux.Handle("GET "+p+"authentication_factors", h(s.weavrAuthed(s.weavrFactors)))
	mux.Handle("POST "+p+"authentication_factors/otp/{channel}", h(s.weavrAuthed(s.weavrOTPEnrol)))
	mux.Handle("POST "+p+"authentication_factors/otp/{channel}/verify", h(s.weavrAuthed(s.weavrOTPVerify)))
	mux.Handle("POST "+p+"consumers/kyc", h(s.weavrAuthed(s.weavrStartKYC)))
	mux.Handle("GET "+p+"consumers/kyc", h(s.weavrAuthed(s.weavrGetKYC)))
	mux.Handle("POST /weavr/simulate/api/consumers/{consumer_id}/verify", h(s.weavrSimulateVerify))
	mux.Handle("/weavr/", h(func(http.ResponseWriter, *http.Request) error {
		return &weavrError{status: http.StatusNotFound, code: "NOT_FOUND"}
	}))
	mux.HandleFunc("GET /sandbox/weavr/kyc", s.weavrKYCPage)
	mux.HandleFunc("POST /sandbox/weavr/kyc", s.weavrKYCAction)
}

// weavrKeyOK checks the api-key header (programme-key for the simulator).
func (s *Server) weavrKeyOK(r *http.Request, header string) error {
	got := r.Header.Get(header)
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.WeavrAPIKey)) != 1 {
		return &weavrError{status: http.StatusUnauthorized}
	}
	return nil
}

// weavrAuthed checks the api-key and the user's token, which lives
// WeavrTokenIdle from its last use; each use extends it.
func (s *Server) weavrAuthed(fn func(http.ResponseWriter, *http.Request, *weavrAuth) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := s.weavrKeyOK(r, "Api-Key"); err != nil {
			return err
		}
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || raw == "" {
			return &weavrError{status: http.StatusUnauthorized}
		}
		var c *weavrConsumer
		err := s.st.inTx(r.Context(), func(t *tx) error {
			var id, last int64
			err := t.row("SELECT consumer_id, last_used FROM weavr_tokens WHERE token_hash = ?", hash(raw)).Scan(&id, &last)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && t.now.Sub(fromUnix(last)) > WeavrTokenIdle) {
				return &weavrError{status: http.StatusUnauthorized}
			}
			if err != nil {
				return fmt.Errorf("sandbox: reading a token: %w", err)
			}
			if _, err := t.exec("UPDATE weavr_tokens SET last_used = ? WHERE token_hash = ?", unix(t.now), hash(raw)); err != nil {
				return err
			}
			c, err = t.weavrConsumer("id = ?", id)
			return err
		})
		if err != nil {
			return err
		}
		return fn(w, r, &weavrAuth{c: c, tokenHash: hash(raw)})
	}
}

// weavrAuth is who an authenticated request comes from.
type weavrAuth struct {
	c         *weavrConsumer
	tokenHash []byte
}

// weavrConsumer is a row of weavr_consumers.
type weavrConsumer struct {
	ID                                     int64
	ProfileID, Email, MobileCC, MobileNum  string
	Name, Surname, BirthDate, Country, IP  string
	AcceptedTerms, EmailVerified, MobileOK bool
	SMSFactor, BaseCurrency, Tag           string
	PasswordHash                           []byte
	FailedLogins                           int
	LockedUntil                            int64
	KYCStatus, KYCReference                string
	KYCAutoAt, KYCStartedAt, CreatedAt     int64
}

const weavrCols = `id, profile_id, email, mobile_cc, mobile_number, name, surname, birth_date, country, ip_address,
	accepted_terms, email_verified, mobile_verified, sms_factor, base_currency, tag, password_hash, failed_logins,
	locked_until, kyc_status, kyc_reference, kyc_auto_at, kyc_started_at, created_at`

func (t *tx) weavrConsumer(where string, args ...any) (*weavrConsumer, error) {
	var c weavrConsumer
	err := t.row("SELECT "+weavrCols+" FROM weavr_consumers WHERE "+where, args...).Scan(&c.ID, &c.ProfileID, &c.Email,
		&c.MobileCC, &c.MobileNum, &c.Name, &c.Surname, &c.BirthDate, &c.Country, &c.IP, &c.AcceptedTerms, &c.EmailVerified,
		&c.MobileOK, &c.SMSFactor, &c.BaseCurrency, &c.Tag, &c.PasswordHash, &c.FailedLogins, &c.LockedUntil, &c.KYCStatus,
		&c.KYCReference, &c.KYCAutoAt, &c.KYCStartedAt, &c.CreatedAt)
	if err != nil {
		return nil, err //nolint:wrapcheck // callers test for sql.ErrNoRows
	}
	return &c, nil
}

func (c *weavrConsumer) id() string { return strconv.FormatInt(c.ID, 10) }

// outboxID is the consumer_id its messages carry in the shared outbox.
func (c *weavrConsumer) outboxID() string { return "weavr:" + c.id() }

func (c *weavrConsumer) view() map[string]any {
	identity := map[string]string{"type": "CONSUMER", "id": c.id()}
	var y, m, d int
	fmt.Sscanf(c.BirthDate, "%d-%d-%d", &y, &m, &d)
	out := map[string]any{
		"id": identity, "profileId": c.ProfileID,
		"rootUser": map[string]any{
			"id": identity, "name": c.Name, "surname": c.Surname, "email": c.Email,
			"mobile": map[string]string{"countryCode": c.MobileCC, "number": c.MobileNum},
			"active": true, "emailVerified": c.EmailVerified, "mobileNumberVerified": c.MobileOK,
			"dateOfBirth": map[string]int{"year": y, "month": m, "day": d},
			"address":     map[string]string{"country": c.Country},
		},
		"creationTimestamp": c.CreatedAt, "ipAddress": c.IP, "acceptedTerms": c.AcceptedTerms,
	}
	if c.BaseCurrency != "" {
		out["baseCurrency"] = c.BaseCurrency
	}
	if c.Tag != "" {
		out["tag"] = c.Tag
	}
	return out
}

type weavrCreateIn struct {
	ProfileID string `json:"profileId"`
	Tag       string `json:"tag"`
	RootUser  *struct {
		Name    string `json:"name"`
		Surname string `json:"surname"`
		Email   string `json:"email"`
		Mobile  *struct {
			CountryCode string `json:"countryCode"`
			Number      string `json:"number"`
		} `json:"mobile"`
		DateOfBirth *struct {
			Year  int `json:"year"`
			Month int `json:"month"`
			Day   int `json:"day"`
		} `json:"dateOfBirth"`
		Address *struct {
			Country string `json:"country"`
		} `json:"address"`
	} `json:"rootUser"`
	IPAddress     string `json:"ipAddress"`
	AcceptedTerms bool   `json:"acceptedTerms"`
	BaseCurrency  string `json:"baseCurrency"`
}

var (
	weavrDigits   = lazyregexp.New(`^[0-9]+$`)
	weavrCC       = lazyregexp.New(`^\+[0-9]{1,3}$`)
	weavrNumber   = lazyregexp.New(`^[0-9]{1,12}$`)
	weavrCountry  = lazyregexp.New(`^[A-Z]{2}$`)
	weavrCurrency = lazyregexp.New(`^[A-Z]{3}$`)
	weavrTag      = lazyregexp.New(`^[a-zA-Z0-9_-]{1,50}$`)
)

// validate checks the body as Weavr's schema does (400 naming the field),
// then the rules it enforces with a 409.
func (in *weavrCreateIn) validate(s *Server, now time.Time) error {
	ru := in.RootUser
	switch {
	case !weavrDigits.MatchString(in.ProfileID):
		return weavrInvalid("profileId", "REGEX")
	case in.Tag != "" && !weavrTag.MatchString(in.Tag):
		return weavrInvalid("tag", "REGEX")
	case len(in.IPAddress) < 5 || len(in.IPAddress) > 45:
		return weavrInvalid("ipAddress", "SIZE", "5", "45")
	case in.BaseCurrency != "" && !weavrCurrency.MatchString(in.BaseCurrency):
		return weavrInvalid("baseCurrency", "REGEX")
	case ru == nil:
		return weavrInvalid("rootUser", "REQUIRED")
	case strings.TrimSpace(ru.Name) == "":
		return weavrInvalid("rootUser.name", "REQUIRED")
	case len(ru.Name) > 50:
		return weavrInvalid("rootUser.name", "SIZE", "1", "50")
	case strings.TrimSpace(ru.Surname) == "":
		return weavrInvalid("rootUser.surname", "REQUIRED")
	case len(ru.Surname) > 50:
		return weavrInvalid("rootUser.surname", "SIZE", "1", "50")
	case ru.Email == "":
		return weavrInvalid("rootUser.email", "REQUIRED")
	case email("email", ru.Email) != nil:
		return weavrInvalid("rootUser.email", "REGEX")
	case ru.Mobile == nil:
		return weavrInvalid("rootUser.mobile", "REQUIRED")
	case !weavrCC.MatchString(ru.Mobile.CountryCode):
		return weavrInvalid("rootUser.mobile.countryCode", "REGEX")
	case !weavrNumber.MatchString(ru.Mobile.Number):
		return weavrInvalid("rootUser.mobile.number", "REGEX")
	case ru.DateOfBirth == nil:
		return weavrInvalid("rootUser.dateOfBirth", "REQUIRED")
	case ru.DateOfBirth.Year < 1900 || ru.DateOfBirth.Year > 2100:
		return weavrInvalid("rootUser.dateOfBirth.year", "RANGE", "1900", "2100")
	case ru.DateOfBirth.Month < 1 || ru.DateOfBirth.Month > 12:
		return weavrInvalid("rootUser.dateOfBirth.month", "RANGE", "1", "12")
	case ru.DateOfBirth.Day < 1 || ru.DateOfBirth.Day > 31:
		return weavrInvalid("rootUser.dateOfBirth.day", "RANGE", "1", "31")
	case ru.Address == nil || ru.Address.Country == "":
		return weavrInvalid("rootUser.address.country", "REQUIRED")
	case !weavrCountry.MatchString(ru.Address.Country):
		return weavrInvalid("rootUser.address.country", "REGEX")
	}
	dob := time.Date(ru.DateOfBirth.Year, time.Month(ru.DateOfBirth.Month), ru.DateOfBirth.Day, 0, 0, 0, 0, time.UTC)
	if dob.Day() != ru.DateOfBirth.Day || dob.After(now) {
		return weavrInvalid("rootUser.dateOfBirth", "RANGE")
	}
	if in.ProfileID != s.opts.WeavrProfileID {
		return weavrConflict("PROFILE_NOT_FOUND")
	}
	if phonenumbers.GetCountryCodeForRegion(ru.Address.Country) == 0 {
		return weavrConflict("COUNTRY_INVALID")
	}
	n, err := phonenumbers.Parse(ru.Mobile.CountryCode+ru.Mobile.Number, "")
	if err != nil || !phonenumbers.IsValidNumber(n) || !s.codes[strings.TrimPrefix(ru.Mobile.CountryCode, "+")] {
		return weavrConflict("MOBILE_OR_COUNTRY_CODE_INVALID")
	}
	return nil
}

func (s *Server) weavrCreateConsumer(w http.ResponseWriter, r *http.Request) error {
	if err := s.weavrKeyOK(r, "Api-Key"); err != nil {
		return err
	}
	var raw json.RawMessage
	if err := decode(r, &raw); err != nil {
		return err
	}
	var in weavrCreateIn
	if err := json.Unmarshal(raw, &in); err != nil {
		return &weavrError{status: http.StatusBadRequest, message: "The request body does not match the schema."}
	}
	if err := in.validate(s, s.opts.Now()); err != nil {
		return err
	}
	ref := r.Header.Get("Idempotency-Ref")
	var compact bytes.Buffer
	_ = json.Compact(&compact, raw)
	bodyHash := hash(compact.String())
	var c *weavrConsumer
	err := s.st.inTx(r.Context(), func(t *tx) error {
		if ref != "" {
			var id int64
			var seen []byte
			err := t.row("SELECT consumer_id, body_hash FROM weavr_idempotency WHERE ref = ?", ref).Scan(&id, &seen)
			switch {
			case err == nil && bytes.Equal(seen, bodyHash):
				var gerr error
				c, gerr = t.weavrConsumer("id = ?", id) // the same call again: the same answer
				return gerr
			case err == nil:
				return weavrConflict("CONSUMER_ALREADY_EXISTS") // the same reference for another body
			case !errors.Is(err, sql.ErrNoRows):
				return fmt.Errorf("sandbox: reading idempotency: %w", err)
			}
		}
		var taken int
		if err := t.row("SELECT count(*) FROM weavr_consumers WHERE email = ?", in.RootUser.Email).Scan(&taken); err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		if taken > 0 {
			return weavrConflict("ROOT_EMAIL_NOT_UNIQUE")
		}
		ru := in.RootUser
		var id int64
		err := t.row(`INSERT INTO weavr_consumers (profile_id, email, mobile_cc, mobile_number, name, surname, birth_date,
			country, ip_address, accepted_terms, base_currency, tag, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			in.ProfileID, ru.Email, ru.Mobile.CountryCode, ru.Mobile.Number, ru.Name, ru.Surname,
			fmt.Sprintf("%04d-%02d-%02d", ru.DateOfBirth.Year, ru.DateOfBirth.Month, ru.DateOfBirth.Day),
			ru.Address.Country, in.IPAddress, in.AcceptedTerms, in.BaseCurrency, in.Tag, unix(t.now)).Scan(&id)
		if err != nil {
			return fmt.Errorf("sandbox: creating a Weavr consumer: %w", err)
		}
		if ref != "" {
			if _, err := t.exec("INSERT INTO weavr_idempotency (ref, body_hash, consumer_id, created_at) VALUES (?, ?, ?, ?)",
				ref, bodyHash, id, unix(t.now)); err != nil {
				return err
			}
		}
		if c, err = t.weavrConsumer("id = ?", id); err != nil {
			return err
		}
		return t.weavrEvent(EventWeavrConsumerCreated, c, nil)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c.view())
	return nil
}

func (s *Server) weavrGetConsumer(w http.ResponseWriter, _ *http.Request, a *weavrAuth) error {
	writeJSON(w, http.StatusOK, a.c.view())
	return nil
}

// weavrNewToken stores a token for consumer id and returns it.
func weavrNewToken(t *tx, id int64) (string, error) {
	tok := newToken()
	_, err := t.exec("INSERT INTO weavr_tokens (token_hash, consumer_id, last_used) VALUES (?, ?, ?)", hash(tok), id, unix(t.now))
	return tok, err
}

func (s *Server) weavrCreatePassword(w http.ResponseWriter, r *http.Request) error {
	if err := s.weavrKeyOK(r, "Api-Key"); err != nil {
		return err
	}
	userID := r.PathValue("user_id")
	if !weavrDigits.MatchString(userID) {
		return weavrInvalid("user_id", "REGEX")
	}
	var in struct {
		Password *struct {
			Value string `json:"value"`
		} `json:"password"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	switch {
	case in.Password == nil || in.Password.Value == "":
		return weavrInvalid("password.value", "REQUIRED")
	case len(in.Password.Value) > 100:
		return weavrInvalid("password.value", "SIZE", "1", "100")
	case len(in.Password.Value) < weavrMinPassword:
		return weavrConflict("PASSWORD_TOO_SHORT")
	case len(in.Password.Value) > 50:
		return weavrConflict("PASSWORD_TOO_LONG")
	case !mixed(in.Password.Value):
		return weavrConflict("PASSWORD_TOO_SIMPLE")
	}
	pwHash, err := s.pw.hash(in.Password.Value)
	if err != nil {
		return err
	}
	var tok string
	err = s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.weavrConsumer("id = ?", userID)
		if errors.Is(err, sql.ErrNoRows) {
			return weavrConflict("UNRESOLVED_IDENTITY")
		}
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		if c.PasswordHash != nil {
			return weavrConflict("PASSWORD_ALREADY_CREATED")
		}
		if _, err := t.exec("UPDATE weavr_consumers SET password_hash = ? WHERE id = ?", pwHash, c.ID); err != nil {
			return err
		}
		if tok, err = weavrNewToken(t, c.ID); err != nil {
			return err
		}
		return t.weavrUpdated(c, changePasswordSet)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"passwordInfo": map[string]any{"identityId": map[string]string{"type": "CONSUMER", "id": userID}},
		"token":        tok,
	})
	return nil
}

// mixed reports whether a password has both letters and something else.
func mixed(pw string) bool {
	var letter, other bool
	for _, r := range pw {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			letter = true
		} else {
			other = true
		}
	}
	return letter && other
}

func (s *Server) weavrLogin(w http.ResponseWriter, r *http.Request) error {
	if err := s.weavrKeyOK(r, "Api-Key"); err != nil {
		return err
	}
	var in struct {
		Email    string `json:"email"`
		Password *struct {
			Value string `json:"value"`
		} `json:"password"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Email == "" {
		return weavrInvalid("email", "REQUIRED")
	}
	if in.Password == nil || in.Password.Value == "" {
		return weavrInvalid("password.value", "REQUIRED")
	}
	first := s.checkFirst(r.Context(), in.Password.Value, func(t *tx) ([]byte, error) {
		c, err := t.weavrConsumer("email = ?", in.Email)
		if err != nil {
			return nil, err
		}
		return c.PasswordHash, nil
	})
	var out map[string]any
	err := s.inTxKeep(r, func(t *tx) error {
		c, err := t.weavrConsumer("email = ?", in.Email)
		if errors.Is(err, sql.ErrNoRows) {
			return &weavrError{status: http.StatusForbidden}
		}
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		if c.LockedUntil > unix(t.now) {
			return &weavrError{status: http.StatusLocked}
		}
		if !first.matches(s.pw, c.PasswordHash, in.Password.Value) {
			failed, locked := c.FailedLogins+1, int64(0)
			status := http.StatusForbidden
			if failed >= weavrLoginAttempts {
				failed, locked, status = 0, unix(t.now.Add(weavrLockout)), http.StatusLocked
			}
			if _, err := t.exec("UPDATE weavr_consumers SET failed_logins = ?, locked_until = ? WHERE id = ?", failed, locked, c.ID); err != nil {
				return err
			}
			return &weavrCommitted{&weavrError{status: status}}
		}
		if _, err := t.exec("UPDATE weavr_consumers SET failed_logins = 0 WHERE id = ?", c.ID); err != nil {
			return err
		}
		tok, err := weavrNewToken(t, c.ID)
		if err != nil {
			return err
		}
		identity := map[string]string{"type": "CONSUMER", "id": c.id()}
		out = map[string]any{"token": tok, "tokenType": "AUTH", "identity": identity,
			"credentials": map[string]string{"type": "ROOT", "id": c.id()}}
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) weavrLogout(w http.ResponseWriter, r *http.Request, a *weavrAuth) error {
	err := s.st.inTx(r.Context(), func(t *tx) error {
		_, err := t.exec("DELETE FROM weavr_tokens WHERE token_hash = ?", a.tokenHash)
		return err
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
