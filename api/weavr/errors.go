package weavr

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/internal/rest"
)

// Weavr's per-operation 409 codes that the wizard acts on.
const (
	CodeEmailNotUnique     = "ROOT_EMAIL_NOT_UNIQUE"
	CodeConsumerExists     = "CONSUMER_ALREADY_EXISTS"
	CodeMobileInvalid      = "MOBILE_OR_COUNTRY_CODE_INVALID"
	CodeCountryUnsupported = "COUNTRY_UNSUPPORTED"
	CodePasswordTooShort   = "PASSWORD_TOO_SHORT"
	CodePasswordTooLong    = "PASSWORD_TOO_LONG"
	CodePasswordTooSimple  = "PASSWORD_TOO_SIMPLE"
	CodePasswordCreated    = "PASSWORD_ALREADY_CREATED"
	CodeCodeInvalid        = "VERIFICATION_CODE_INVALID"
	CodeCodeExpired        = "VERIFICATION_CODE_EXPIRED"
	CodeChallengeLimit     = "CHALLENGE_LIMIT_EXCEEDED"
	CodeAlreadyVerified    = "ALREADY_VERIFIED"
	CodeChannelRegistered  = "CHANNEL_ALREADY_REGISTERED"
	CodeEmailUnverified    = "EMAIL_UNVERIFIED"
	CodeKYCApproved        = "KYC_ALREADY_APPROVED"
	CodeKYCPendingReview   = "KYC_PENDING_REVIEW"
	CodeKYCRejected        = "KYC_REJECTED"
	CodeTokenExpired       = "TOKEN_EXPIRED"
	CodeTokenNotFound      = "TOKEN_NOT_FOUND"
)

// errorBody is every shape Weavr answers an error with: 400
// {message, syntaxErrors{invalidFields[]}}, 409/404/410 {errorCode},
// default {code, message}.
type errorBody struct {
	Message      string `json:"message"`
	ErrorCode    string `json:"errorCode"`
	Code         string `json:"code"`
	SyntaxErrors struct {
		InvalidFields []struct {
			FieldName string   `json:"fieldName"`
			Error     string   `json:"error"`
			Params    []string `json:"params"`
		} `json:"invalidFields"`
	} `json:"syntaxErrors"`
}

// kindFor is the one table from (status, code) to what the wizard does.
func kindFor(status int, code string) api.Kind {
	switch code {
	case CodeEmailNotUnique, CodeConsumerExists:
		return api.KindPhoneTaken // "already registered": log in instead
	case CodeMobileInvalid, CodeCountryUnsupported, CodePasswordTooShort, CodePasswordTooLong, CodePasswordTooSimple:
		return api.KindInvalid
	case CodeCodeInvalid, CodeCodeExpired:
		return api.KindInvalidCode
	case CodeChallengeLimit:
		return api.KindTooManyAttempts
	case CodeTokenExpired, CodeTokenNotFound:
		return api.KindUnauthorized
	}
	if status == http.StatusForbidden || status == http.StatusUnauthorized {
		return api.KindUnauthorized // login_with_password: 403 for a wrong password
	}
	return rest.KindForStatus(status)
}

// fieldFor names the request field a 409 code is about, so the wizard can
// show it beside that field.
func fieldFor(code string) string {
	switch code {
	case CodeMobileInvalid:
		return "phone"
	case CodeCountryUnsupported:
		return "country"
	case CodePasswordTooShort, CodePasswordTooLong, CodePasswordTooSimple:
		return "password"
	}
	return ""
}

// messageFor is the sentence for a code Weavr sends without one.
func messageFor(code string) string {
	switch code {
	case CodeEmailNotUnique:
		return "This email address is already registered."
	case CodeConsumerExists:
		return "This person is already registered."
	case CodeMobileInvalid:
		return "The provider does not accept this mobile number."
	case CodeCountryUnsupported:
		return "The provider does not serve this country."
	case CodePasswordTooShort:
		return "The password is too short."
	case CodePasswordTooLong:
		return "The password is too long."
	case CodePasswordTooSimple:
		return "The password is too simple; mix letters, digits and symbols."
	case CodePasswordCreated:
		return "This account already has a password; log in with it."
	case CodeEmailUnverified:
		return "The email address must be verified before the identity check."
	}
	return ""
}

// checkResponse turns a Weavr answer into nil or an *api.Error.
func checkResponse(op string, r *rest.Response) error {
	if r.Status >= 200 && r.Status <= 299 {
		return nil
	}
	e := &api.Error{Provider: Name, Op: op, Status: r.Status}
	var body errorBody
	if err := json.Unmarshal(r.Body, &body); err == nil {
		e.Code = api.SanitizeLine(firstOf(body.ErrorCode, body.Code))
		e.Message = api.SanitizeLine(body.Message)
		for _, f := range body.SyntaxErrors.InvalidFields {
			msg := strings.ToLower(api.SanitizeLine(f.Error))
			if len(f.Params) > 0 {
				msg += " " + api.SanitizeLine(strings.Join(f.Params, ", "))
			}
			e.Fields = append(e.Fields, api.FieldError{Field: api.SanitizeLine(f.FieldName), Message: msg})
		}
	}
	if e.Message == "" {
		e.Message = messageFor(e.Code)
	}
	if f := fieldFor(e.Code); f != "" {
		e.Fields = append(e.Fields, api.FieldError{Field: f, Message: e.Message})
	}
	e.Kind = kindFor(r.Status, e.Code)
	if d, ok := rest.RetryAfter(r.Header, time.Now()); ok {
		e.RetryAfter = d
	}
	if id := r.Header.Get("Request-Ref"); id != "" {
		e.RequestID = api.SanitizeLine(id)
	}
	return e
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
