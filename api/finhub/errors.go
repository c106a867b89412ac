package finhub

import (
	"cmp"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

// FinHub's error codes (the envelope's errorCode, or its message's key)
// that the wizard acts on. FinHub documents few: those marked x-inferred in
// openapi.yaml are the sandbox's, shaped like the documented ones.
const (
	CodeEmailTaken          = "EMAIL_ALREADY_REGISTERED"
	CodeInvalidCredentials  = "INVALID_CREDENTIALS"
	CodeInvalidToken        = "INVALID_TOKEN"
	CodeValidation          = "VALIDATION_ERROR"
	CodeActivationCode      = "INVALID_ACTIVATION_CODE"
	CodeActivationBlocked   = "ACTIVATION_PREREQUISITES_NOT_MET"
	CodeAlreadyActive       = "CUSTOMER_ALREADY_ACTIVE"
	CodeVerificationPending = "VERIFICATION_NOT_APPROVED"
	CodeTooManyAttempts     = "TOO_MANY_ATTEMPTS"
	CodeAccountLocked       = "ACCOUNT_LOCKED"
)

// errorBody is an error answer: the envelope, with the field errors the
// sandbox adds (x-inferred).
type errorBody struct {
	Success   *bool       `json:"success"`
	Code      json.Number `json:"code"`
	Message   string      `json:"message"`
	ErrorCode string      `json:"errorCode"`
	ErrorType string      `json:"errorType"`
	Errors    []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// kindFor is the one table from (status, code) to what the wizard does.
func kindFor(status int, code string) api.Kind {
	switch code {
	case CodeEmailTaken:
		return api.KindPhoneTaken // "already registered": log in instead
	case CodeInvalidCredentials, CodeInvalidToken:
		return api.KindUnauthorized
	case CodeValidation:
		return api.KindInvalid
	case CodeActivationCode:
		return api.KindInvalidCode
	case CodeTooManyAttempts:
		return api.KindTooManyAttempts
	case CodeAccountLocked:
		return api.KindRateLimited // wrong passwords: wait Retry-After, as LinkCy's login lock
	case CodeActivationBlocked, CodeVerificationPending, CodeAlreadyActive, CodePersonExists, CodeStepOrder:
		return api.KindConflict
	}
	return rest.KindForStatus(status)
}

// checkResponse turns a FinHub answer into nil or an *api.Error. A 2xx
// whose envelope says success false, or carries an error code (-1, or a
// 4xx/5xx in the body), is an error too.
func checkResponse(op string, r *rest.Response) error {
	var body errorBody
	decoded := json.Unmarshal(r.Body, &body) == nil
	status := r.Status
	if status >= 200 && status <= 299 {
		failed := decoded && body.Success != nil && !*body.Success
		if n, err := strconv.Atoi(body.Code.String()); decoded && err == nil && (n < 0 || n >= 400) {
			failed = true
			if n >= 400 {
				status = n
			}
		}
		if !failed {
			return nil
		}
		if status < 400 {
			status = http.StatusUnprocessableEntity // a business refusal with no status of its own
		}
	}
	e := &api.Error{Provider: Name, Op: op, Status: status}
	if decoded {
		e.Code = api.SanitizeLine(cmp.Or(body.ErrorCode, body.ErrorType))
		if e.Code == "NONE" {
			e.Code = ""
		}
		e.Message = api.SanitizeLine(body.Message)
		for _, f := range body.Errors {
			e.Fields = append(e.Fields, api.FieldError{Field: api.SanitizeLine(f.Field), Message: strings.ToLower(api.SanitizeLine(f.Message))})
		}
	}
	e.Kind = kindFor(status, e.Code)
	if d, ok := rest.RetryAfter(r.Header, time.Now()); ok {
		e.RetryAfter = d
	}
	if id := r.Header.Get("X-Request-Id"); id != "" {
		e.RequestID = api.SanitizeLine(id)
	}
	return e
}
