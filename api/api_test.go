package api_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/onboard-cli/onboard/api"
)

func TestErrorIs(t *testing.T) {
	tests := []struct {
		kind  api.Kind
		is    []error
		isNot []error
	}{
		{api.KindPhoneTaken, []error{api.ErrPhoneTaken, api.ErrConflict}, []error{api.ErrValidation}},
		{api.KindSCARequired, []error{api.ErrSCARequired, api.ErrConflict}, []error{api.ErrSCAPending}},
		{api.KindConflict, []error{api.ErrConflict}, []error{api.ErrPhoneTaken}},
		{api.KindInvalidCode, []error{api.ErrInvalidCode}, []error{api.ErrTooManyAttempts}},
		{api.KindRateLimited, []error{api.ErrRateLimited}, []error{api.ErrUnavailable}},
		{api.KindUnauthorized, []error{api.ErrUnauthorized}, []error{api.ErrForbidden}},
	}
	for _, tt := range tests {
		err := fmt.Errorf("wrapped: %w", &api.Error{Kind: tt.kind})
		for _, s := range tt.is {
			if !errors.Is(err, s) {
				t.Errorf("%v: errors.Is(%v) = false", tt.kind, s)
			}
		}
		for _, s := range tt.isNot {
			if errors.Is(err, s) {
				t.Errorf("%v: errors.Is(%v) = true", tt.kind, s)
			}
		}
	}
}

func TestErrorText(t *testing.T) {
	e := &api.Error{Provider: "linkcy", Op: "POST /api/partner/consumers", Status: 400, Code: "INVALID_PHONE_CODE",
		Message: "secret message", Fields: []api.FieldError{{Field: "phone", Message: "bad"}}}
	if got := e.Error(); got != "linkcy: POST /api/partner/consumers: 400 INVALID_PHONE_CODE" {
		t.Fatalf("Error() = %q", got)
	}
	if e.Field("phone") != "bad" || e.Field("x") != "" {
		t.Fatal("Field lookup")
	}
}

func TestSanitize(t *testing.T) {
	tests := map[string]string{
		"plain text":                     "plain text",
		"red \x1b[31mtext\x1b[0m":        "red text",
		"title \x1b]0;pwned\x07 here":    "title  here",
		"bell\x07 and nul\x00":           "bell and nul",
		"line\r\nnext":                   "line\nnext",
		"clipboard \x1b]52;c;ZXZpbA==\a": "clipboard ",
		"bidi \u202eevil":                "bidi evil",
		"bad utf8 \xff":                  "bad utf8 \uFFFD",
		"Zoë Müller":                     "Zoë Müller",
	}
	for in, want := range tests {
		if got := api.Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := api.SanitizeLine("a\n\tb  c"); got != "a b c" {
		t.Errorf("SanitizeLine = %q", got)
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct{ pw, broken string }{
		{"S3cure-pass!", ""},
		{"Sh0rt!", "at least 8 characters"},
		{"12345678!", "a letter"},
		{"NoDigits!!", "a digit"},
		{"NoSymbol123", "a symbol such as ! ? - or #"},
		{"pw-612345678", "not your phone number"},
	}
	for _, tt := range tests {
		r := api.CheckPassword(tt.pw, "33612345678")
		got := ""
		if r != nil {
			got = r.Text
		}
		if got != tt.broken {
			t.Errorf("CheckPassword(%q) breaks %q, want %q", tt.pw, got, tt.broken)
		}
	}
	if len(api.PasswordRules()) != 6 {
		t.Fatal("the rules shown to people and the rules checked diverged")
	}
}
