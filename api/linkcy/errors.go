package linkcy

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Error codes the client gives a meaning to. LinkCy documents only some of
// them (INVALID_PHONE_CODE, SCA_*); the rest are the embedded sandbox's,
// named in the same style.
const (
	CodeInvalidPhoneCode   = "INVALID_PHONE_CODE"
	CodePhoneAlreadyUsed   = "PHONE_ALREADY_USED"
	CodeExternalIDUsed     = "EXTERNAL_ID_ALREADY_USED"
	CodeInvalidSecret      = "INVALID_SECRET"
	CodeSecretExpired      = "SECRET_EXPIRED"
	CodeTooManyAttempts    = "TOO_MANY_ATTEMPTS"
	CodeResendTooSoon      = "RESEND_TOO_SOON"
	CodeWeakPassword       = "WEAK_PASSWORD"
	CodeBadCredentials     = "BAD_CREDENTIALS"
	CodeTokenExpired       = "TOKEN_EXPIRED"
	CodeInvalidToken       = "INVALID_TOKEN"
	CodeAccountLocked      = "ACCOUNT_LOCKED"
	CodeForbidden          = "FORBIDDEN"
	CodeNotFound           = "NOT_FOUND"
	CodeConsumerNotFound   = "END_USER_NOT_FOUND"
	CodeValidation         = "VALIDATION_ERROR"
	CodeMalformedJSON      = "MALFORMED_JSON"
	CodePhoneNotValidated  = "PHONE_NOT_VALIDATED"
	CodeKYCAlreadyDone     = "KYC_ALREADY_VALIDATED"
	CodeKYCInProgress      = "KYC_IN_PROGRESS"
	CodeEmailMissing       = "EMAIL_MISSING"
	CodeEmailAlreadyValid  = "EMAIL_ALREADY_VERIFIED"
	CodeSCARequired        = "SCA_REQUIRED"
	CodeSCADeviceNotSet    = "SCA_DEVICE_NOT_SET"
	CodePersonIDRequired   = "PERSON_ID_REQUIRED"
	CodeRateLimited        = "RATE_LIMITED"
	CodeInternal           = "INTERNAL_ERROR"
	CodeServiceUnavailable = "SERVICE_UNAVAILABLE"
)

// ErrorBody is LinkCy's error document.
type ErrorBody struct {
	Status    int           `json:"status"`
	ErrorCode string        `json:"errorCode,omitempty"`
	Error     string        `json:"error"`
	Message   string        `json:"message,omitempty"`
	Details   []ErrorDetail `json:"details,omitempty"`
	Timestamp string        `json:"timestamp"`
}

// ErrorDetail is one field problem in an ErrorBody. The rejected value is
// read but never kept: it may be a password.
type ErrorDetail struct {
	Field         string          `json:"field"`
	RejectedValue json.RawMessage `json:"rejectedValue,omitempty"`
	Message       string          `json:"message"`
}

// kindFor is the one table from (status, code) to what the wizard does.
func kindFor(op string, status int, code string) api.Kind {
	switch code {
	case CodePhoneAlreadyUsed:
		return api.KindPhoneTaken
	case CodeInvalidPhoneCode, CodeInvalidSecret, CodeSecretExpired:
		return api.KindInvalidCode
	case CodeTooManyAttempts, CodeAccountLocked:
		return api.KindTooManyAttempts
	case CodeSCARequired, CodeSCADeviceNotSet:
		return api.KindSCARequired
	case CodeTokenExpired, CodeInvalidToken, CodeBadCredentials:
		return api.KindUnauthorized
	}
	if status == http.StatusConflict && op == opCreateConsumer && code == "" {
		return api.KindPhoneTaken // LinkCy: "You cannot create two consumers with the same phone number."
	}
	return rest.KindForStatus(status)
}

// checkResponse turns a LinkCy answer into nil or an *api.Error.
func checkResponse(op string, r *rest.Response) error {
	if r.Status == http.StatusAccepted {
		return scaError(&api.Error{Provider: Name, Op: op, Status: r.Status, Kind: api.KindSCAPending,
			Message: "waiting for the user to approve on their device"}, r.Body)
	}
	if r.Status >= 200 && r.Status <= 299 {
		return nil
	}
	e := &api.Error{Provider: Name, Op: op, Status: r.Status}
	var body ErrorBody
	if err := json.Unmarshal(r.Body, &body); err == nil {
		e.Code = api.SanitizeLine(body.ErrorCode)
		e.Message = api.SanitizeLine(body.Message)
		for _, d := range body.Details {
			e.Fields = append(e.Fields, api.FieldError{Field: api.SanitizeLine(d.Field), Message: api.SanitizeLine(d.Message)})
		}
		if e.Message == "" && len(e.Fields) == 1 {
			e.Message = e.Fields[0].Message
		}
	}
	e.Kind = kindFor(op, r.Status, e.Code)
	if d, ok := rest.RetryAfter(r.Header, time.Now()); ok {
		e.RetryAfter = d
	}
	if id := r.Header.Get("Request-Id"); id != "" {
		e.RequestID = api.SanitizeLine(id)
	}
	return scaError(e, nil)
}
