package flow_test

import (
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// TestMeaningless: what a server puts where a message should be is
// caught; a sentence is not.
func TestMeaningless(t *testing.T) {
	tests := []struct {
		msg  string
		want bool
	}{
		{"", true},
		{"   ", true},
		{"String", true},
		{"string", true},
		{"null", true},
		{"Bad Request", true},
		{"VALIDATION_ERROR", true},
		{"12345", true},
		{"do dolore anim amet", true},
		{"Lorem ipsum dolor sit amet, consectetur adipiscing elit.", true},
		{"nulla eiusmod", true},
		{"{}[]:!!--##", true},
		{"\x1b[31m\x1b[0m", true},
		{"The phone number is already used by another consumer.", false},
		{"Password too weak", false},
		{"The code has expired; ask for a new one.", false},
	}
	for _, tt := range tests {
		if got := flow.Meaningless(tt.msg); got != tt.want {
			t.Errorf("Meaningless(%q) = %v, want %v", tt.msg, got, tt.want)
		}
	}
}

// TestTrustedAddress: the address the person gave wins; the provider's
// is taken only when there is none and it is well formed.
func TestTrustedAddress(t *testing.T) {
	emails := []struct{ provider, mine, want string }{
		{"31lnYlnufu9@S.zs", "ada@example.com", "ada@example.com"},
		{"nulla eiusmod", "ada@example.com", "ada@example.com"},
		{"nulla eiusmod", "", ""},
		{"string", "", ""},
		{"ada@example.com", "", "ada@example.com"},
		{"", "", ""},
	}
	for _, tt := range emails {
		if got := flow.TrustedEmail(tt.provider, tt.mine); got != tt.want {
			t.Errorf("TrustedEmail(%q, %q) = %q, want %q", tt.provider, tt.mine, got, tt.want)
		}
	}
	phones := []struct{ provider, mine, want string }{
		{"+447700900123", "+33612345678", "+33612345678"},
		{"+447700900123", "", "+447700900123"},
		{"+", "", ""},
		{"+string", "", ""},
		{"+0612345678", "", ""},
		{"33612345678", "", ""},
		{"+1234", "", ""},
	}
	for _, tt := range phones {
		if got := flow.TrustedPhone(tt.provider, tt.mine); got != tt.want {
			t.Errorf("TrustedPhone(%q, %q) = %q, want %q", tt.provider, tt.mine, got, tt.want)
		}
	}
	snap := flow.Trust(api.Snapshot{Email: "nulla eiusmod", EmailVerified: true, Phone: "+"})
	if snap.Email != "" || snap.EmailVerified || snap.Phone != "" {
		t.Errorf("Trust kept what failed its check: %+v", snap)
	}
	st := flow.State{Email: "ada@example.com"}.Apply(api.Snapshot{ConsumerID: "c1", Email: "31lnYlnufu9@S.zs"})
	if st.Email != "ada@example.com" {
		t.Errorf("Apply replaced the person's address with the provider's: %q", st.Email)
	}
}

// TestPasswordRefused: only a refusal that names the password asks for a
// new one.
func TestPasswordRefused(t *testing.T) {
	badID := api.CheckID("weavr", "POST /passwords/{user_id}/create", "user id", "string", api.IDDigits)
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"LinkCy weak password", &api.Error{Kind: api.KindInvalid, Code: "WEAK_PASSWORD"}, true},
		{"Weavr too short", &api.Error{Kind: api.KindInvalid, Code: "PASSWORD_TOO_SHORT", Fields: []api.FieldError{{Field: "password"}}}, true},
		{"a field named password.value", &api.Error{Kind: api.KindInvalid, Fields: []api.FieldError{{Field: "password.value"}}}, true},
		{"400 about the path's user id", &api.Error{Kind: api.KindInvalid, Message: "String", Fields: []api.FieldError{{Field: "userId"}}}, false},
		{"400 with nothing named", &api.Error{Kind: api.KindInvalid, Message: "String"}, false},
		{"an id refused before sending", badID, false},
		{"a wrong code", &api.Error{Kind: api.KindInvalidCode, Code: "INVALID_SECRET"}, false},
	}
	for _, tt := range tests {
		if got := flow.PasswordRefused(tt.err); got != tt.want {
			t.Errorf("%s: PasswordRefused = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestExplainSaysSomething: a message that says nothing is replaced by a
// sentence of ours with the --debug hint; a refusal is attributed to the
// field it names.
func TestExplainSaysSomething(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		want, not string
	}{
		{"placeholder", &api.Error{Kind: api.KindUnknown, Status: 400, Message: "String"}, "without saying why", "String"},
		{"empty body", &api.Error{Kind: api.KindUnknown, Status: 400}, "--debug FILE", "400"},
		{"lorem ipsum", &api.Error{Kind: api.KindConflict, Message: "do dolore anim amet"}, "without saying why", "dolore"},
		{"path id", &api.Error{Kind: api.KindInvalid, Message: "String", Fields: []api.FieldError{{Field: "userId", Message: "string"}}},
			"refused the field userId", "password"},
		{"field with a reason", &api.Error{Kind: api.KindInvalid, Fields: []api.FieldError{{Field: "email", Message: "must be a well-formed email address"}}},
			"the field email (must be a well-formed email address)", ""},
		{"bad id", api.CheckID("linkcy", "GET /api/partner/consumers/{id}", "consumer id", "string", api.IDUUID),
			"gave a consumer id that is not in its documented format, so onboard sent nothing", "string"},
		{"invalid code, placeholder", &api.Error{Kind: api.KindInvalidCode, Message: "string"}, "not right or has expired", "string"},
		{"a real sentence", &api.Error{Kind: api.KindConflict, Message: "The consumer is closed."}, "The consumer is closed (try again", ""},
	}
	for _, tt := range tests {
		got := flow.Explain(tt.err, api.Needs{LoginByEmail: true})
		if !strings.Contains(got, tt.want) || tt.not != "" && strings.Contains(got, tt.not) {
			t.Errorf("%s: Explain = %q, want %q in it and not %q", tt.name, got, tt.want, tt.not)
		}
	}
}
