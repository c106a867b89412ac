package api_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
)

// TestOneOf: a documented value passes, anything else is shown as
// "unknown (X)", sanitized and cut.
func TestOneOf(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"ACTIVE", "ACTIVE"},
		{"", ""},
		{"ZMWYU", "unknown (ZMWYU)"},
		{"active", "unknown (active)"},
		{"\x1b[31mRED\x1b[0m", "unknown (RED)"},
		{strings.Repeat("A", 100), "unknown (" + strings.Repeat("A", 31) + "…)"},
	}
	for _, tt := range tests {
		if got := api.OneOf(tt.raw, "ACTIVE", "INACTIVE"); got != tt.want {
			t.Errorf("OneOf(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
	if !api.IsUnknown(api.Unknown("x")) || api.IsUnknown("ACTIVE") {
		t.Error("IsUnknown does not tell Unknown's values")
	}
}

// TestCheckID: each provider's documented format, and an *api.Error that
// names the field but never the id.
func TestCheckID(t *testing.T) {
	tests := []struct {
		f    api.IDFormat
		id   string
		want bool
	}{
		{api.IDUUID, "3f2b8c1e-9d4a-4b7e-8f00-0123456789ab", true},
		{api.IDUUID, "3F2B8C1E-9D4A-4B7E-8F00-0123456789AB", true},
		{api.IDUUID, "string", false},
		{api.IDUUID, "not-a-uuid", false},
		{api.IDUUID, "3f2b8c1e-9d4a-4b7e-8f00-0123456789ag", false},
		{api.IDUUID, "3f2b8c1e09d4a-4b7e-8f00-0123456789ab", false},
		{api.IDDigits, "110394872901", true},
		{api.IDDigits, "string", false},
		{api.IDDigits, "", false},
		{api.IDDigits, "12 3", false},
		{api.IDToken, "c8f1e2d0-1111", true},
		{api.IDToken, "CUST_01.a", true},
		{api.IDToken, "customer.20260331114946-387074@testcorp.com", true},
		{api.IDToken, "..", false},
		{api.IDToken, "a/b", false},
		{api.IDToken, "a b", false},
		{api.IDToken, "", false},
		{api.IDToken, strings.Repeat("a", 129), false},
	}
	for _, tt := range tests {
		if got := tt.f.Valid(tt.id); got != tt.want {
			t.Errorf("%v.Valid(%q) = %v, want %v", tt.f, tt.id, got, tt.want)
		}
	}
	err := api.CheckID("weavr", "POST /passwords/{user_id}/create", "user id", "secret-looking", api.IDDigits)
	ae, ok := api.AsError(err)
	if !ok || ae.Code != api.CodeBadID || ae.Kind != api.KindInvalid || ae.Field("user id") == "" || !errors.Is(err, api.ErrValidation) {
		t.Fatalf("CheckID error = %#v", err)
	}
	if strings.Contains(ae.Error()+ae.Message, "secret-looking") {
		t.Errorf("the id is in the error: %q / %q", ae.Error(), ae.Message)
	}
}
