package api

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind classifies an API failure by what the caller should do about it,
// independent of the provider that reported it.
type Kind int

// The kinds of failure the wizard treats differently.
const (
	KindUnknown         Kind = iota // anything not listed below
	KindInvalid                     // a request field was refused; see Error.Fields
	KindConflict                    // the request clashes with the provider's state
	KindPhoneTaken                  // the phone number already belongs to a consumer
	KindInvalidCode                 // an SMS secret or verification code is wrong or expired
	KindTooManyAttempts             // too many wrong tries: the secret is burned or the account locked
	KindUnauthorized                // no, bad or expired credentials or token
	KindForbidden                   // authenticated, but not allowed to touch this resource
	KindNotFound                    // the resource does not exist
	KindRateLimited                 // slow down; see Error.RetryAfter
	KindSCARequired                 // the provider demands strong customer authentication
	KindSCAPending                  // accepted, waiting for the user to approve on a device (HTTP 202)
	KindUnavailable                 // transport failure, 5xx, or an unreadable answer
)

var kindNames = [...]string{
	KindUnknown:         "unknown",
	KindInvalid:         "invalid",
	KindConflict:        "conflict",
	KindPhoneTaken:      "phone taken",
	KindInvalidCode:     "invalid code",
	KindTooManyAttempts: "too many attempts",
	KindUnauthorized:    "unauthorized",
	KindForbidden:       "forbidden",
	KindNotFound:        "not found",
	KindRateLimited:     "rate limited",
	KindSCARequired:     "sca required",
	KindSCAPending:      "sca pending",
	KindUnavailable:     "unavailable",
}

// String returns a short lower-case name for the kind.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// sentinel is the value behind the Err* variables; errors.Is matches an
// *Error against it by Kind.
type sentinel struct {
	kinds []Kind
	text  string
}

func (s *sentinel) Error() string { return s.text }

// Sentinels for errors.Is. An *Error matches the sentinel of its Kind;
// ErrConflict also matches the more specific conflicts (phone taken, SCA).
var (
	ErrValidation      error = &sentinel{[]Kind{KindInvalid}, "validation error"}
	ErrConflict        error = &sentinel{[]Kind{KindConflict, KindPhoneTaken, KindSCARequired}, "conflict"}
	ErrPhoneTaken      error = &sentinel{[]Kind{KindPhoneTaken}, "phone number already registered"}
	ErrInvalidCode     error = &sentinel{[]Kind{KindInvalidCode}, "invalid or expired code"}
	ErrTooManyAttempts error = &sentinel{[]Kind{KindTooManyAttempts}, "too many attempts"}
	ErrUnauthorized    error = &sentinel{[]Kind{KindUnauthorized}, "unauthorized"}
	ErrForbidden       error = &sentinel{[]Kind{KindForbidden}, "forbidden"}
	ErrNotFound        error = &sentinel{[]Kind{KindNotFound}, "not found"}
	ErrRateLimited     error = &sentinel{[]Kind{KindRateLimited}, "rate limited"}
	ErrSCARequired     error = &sentinel{[]Kind{KindSCARequired}, "strong customer authentication required"}
	ErrSCAPending      error = &sentinel{[]Kind{KindSCAPending}, "waiting for strong customer authentication"}
	ErrUnavailable     error = &sentinel{[]Kind{KindUnavailable}, "service unavailable"}
)

// FieldError names one request field the provider refused and why.
// The rejected value is deliberately not kept: it may be a password.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the one error type every provider client returns for a failed
// call. Its Error text is short and safe to show or log: it never holds a
// body, a query string, an id or a secret.
type Error struct {
	Provider   string        // "linkcy", "weavr", …
	Op         string        // method and path template, e.g. "POST /api/partner/consumers"
	Status     int           // HTTP status; 0 for a transport failure
	Code       string        // the provider's own error code, e.g. INVALID_PHONE_CODE
	Kind       Kind          // what the caller should do about it
	Message    string        // the provider's message, sanitized for display
	Fields     []FieldError  // per-field validation problems
	RequestID  string        // the provider's request id, for support
	RetryAfter time.Duration // how long the provider asked us to wait, if it did
	Err        error         // the underlying transport error, if any
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Provider != "" {
		b.WriteString(e.Provider)
		b.WriteString(": ")
	}
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	switch {
	case e.Status != 0:
		fmt.Fprintf(&b, "%d", e.Status)
		if e.Code != "" {
			b.WriteString(" ")
			b.WriteString(e.Code)
		}
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		b.WriteString(e.Kind.String())
	}
	return b.String()
}

// Unwrap returns the underlying transport error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is the sentinel for e's Kind.
func (e *Error) Is(target error) bool {
	s, ok := target.(*sentinel)
	if !ok {
		return false
	}
	for _, k := range s.kinds {
		if k == e.Kind {
			return true
		}
	}
	return false
}

// Field returns the message for the named field, or "" when the provider
// did not complain about it.
func (e *Error) Field(name string) string {
	for _, f := range e.Fields {
		if f.Field == name {
			return f.Message
		}
	}
	return ""
}

// AsError returns err as an *Error when it is one (or wraps one).
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Ambiguous reports whether err leaves it unknown if the request was
// carried out: the connection failed or the provider answered 5xx (or an
// unreadable 2xx) after the request may have reached it. A create that
// failed this way must not be sent again blindly; look first.
func Ambiguous(err error) bool {
	e, ok := AsError(err)
	return ok && e.Kind == KindUnavailable && (e.Status == 0 || e.Status >= 500 || e.Status/100 == 2)
}
