package sandbox

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Error codes the sandbox answers with. LinkCy documents only a few
// (INVALID_PHONE_CODE, SCA_REQUIRED, …); the others follow the same style.
// They are spelled out here rather than imported from the client, so that a
// typo on one side cannot hide behind a shared constant.
const (
	codeValidation       = "VALIDATION_ERROR"
	codeMalformed        = "MALFORMED_JSON"
	codeBodyTooLarge     = "BODY_TOO_LARGE"
	codeInvalidCountry   = "INVALID_COUNTRY_CODE"
	codeInvalidPhone     = "INVALID_PHONE_NUMBER"
	codeInvalidName      = "INVALID_NAME"
	codePartnerRequired  = "PARTNER_NAME_REQUIRED"
	codeUnknownPartner   = "UNKNOWN_PARTNER"
	codePhoneUsed        = "PHONE_ALREADY_USED"
	codeExternalIDUsed   = "EXTERNAL_ID_ALREADY_USED"
	codeUserNotFound     = "END_USER_NOT_FOUND"
	codeNotFound         = "NOT_FOUND"
	codeResendTooSoon    = "RESEND_TOO_SOON"
	codeInvalidSecret    = "INVALID_SECRET"
	codeSecretExpired    = "SECRET_EXPIRED"
	codeTooManyAttempts  = "TOO_MANY_ATTEMPTS"
	codeWeakPassword     = "WEAK_PASSWORD"
	codeBadCredentials   = "BAD_CREDENTIALS"
	codeAccountLocked    = "ACCOUNT_LOCKED"
	codeInvalidToken     = "INVALID_TOKEN"
	codeTokenExpired     = "TOKEN_EXPIRED"
	codeForbidden        = "FORBIDDEN"
	codePersonIDRequired = "PERSON_ID_REQUIRED"
	codeInvalidPhoneCode = "INVALID_PHONE_CODE"
	codePhoneNotValid    = "PHONE_NOT_VALIDATED"
	codeKYCValidated     = "KYC_ALREADY_VALIDATED"
	codeKYCInProgress    = "KYC_IN_PROGRESS"
	codeEmailMissing     = "EMAIL_MISSING"
	codeEmailVerified    = "EMAIL_ALREADY_VERIFIED"
	codeInternal         = "INTERNAL_ERROR"
)

// apiError is a LinkCy error answer in the making.
type apiError struct {
	status     int
	code       string
	message    string
	details    []errorDetail
	retryAfter time.Duration
}

type errorDetail struct {
	Field         string `json:"field"`
	RejectedValue any    `json:"rejectedValue"`
	Message       string `json:"message"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func newErr(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// fieldErr is a 400 naming one field. The rejected value is echoed as LinkCy
// does, except for secrets, which are never echoed.
func fieldErr(code, field string, rejected any, format string, args ...any) *apiError {
	msg := fmt.Sprintf(format, args...)
	return &apiError{status: http.StatusBadRequest, code: code, message: msg,
		details: []errorDetail{{Field: field, RejectedValue: rejected, Message: msg}}}
}

// family is the "error" member of LinkCy's error body.
func family(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "linkcy.bad.request"
	case http.StatusUnauthorized:
		return "linkcy.unauthorized"
	case http.StatusForbidden:
		return "linkcy.forbidden"
	case http.StatusNotFound:
		return "linkcy.not.found"
	case http.StatusConflict:
		return "linkcy.conflict"
	case http.StatusRequestEntityTooLarge:
		return "linkcy.payload.too.large"
	case http.StatusTooManyRequests:
		return "linkcy.too.many.requests"
	case http.StatusUnsupportedMediaType:
		return "linkcy.unsupported.media.type"
	case http.StatusRequestTimeout:
		return "linkcy.request.timeout"
	}
	return "linkcy.internal.error"
}

// writeError writes e in LinkCy's error shape:
// {status, errorCode, error, message, details[{field, rejectedValue, message}], timestamp}.
func writeError(w http.ResponseWriter, e *apiError, now time.Time) {
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(e.retryAfter.Seconds()))))
	}
	body := map[string]any{
		"status":    e.status,
		"errorCode": e.code,
		"error":     family(e.status),
		"message":   e.message,
		"timestamp": now.UTC().Format(time.RFC3339Nano),
	}
	if len(e.details) > 0 {
		body["details"] = e.details
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away; nothing to tell anyone
}

// triesLeftText says how many tries a code has left, as a wrong code's
// answer does ("1 try left before this code stops working.").
func triesLeftText(n int) string {
	if n == 1 {
		return "1 try left before this code stops working."
	}
	return fmt.Sprintf("%d tries left before this code stops working.", n)
}
