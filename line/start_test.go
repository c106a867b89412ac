package line

import (
	"testing"

	"github.com/onboard-cli/onboard/api"
)

// TestStepLabel: the resume line names the step as the stepper does,
// never by its internal name.
func TestStepLabel(t *testing.T) {
	for saved, want := range map[string]string{"kyc": "KYC", "credentials": "Secret", "email-code": "Email", "gone-step": "gone-step"} {
		if got := stepLabel(saved, api.Needs{SMSSecret: true}).String(); got != want {
			t.Errorf("stepLabel(%q) = %q, want %q", saved, got, want)
		}
	}
	// The step resumes at its SMS code when the provider sends one (the
	// notice said "Password" over the code's field); without, at the
	// password.
	if got := stepLabel("credentials", api.Needs{}).String(); got != "Password" {
		t.Errorf("stepLabel(credentials) without an SMS secret = %q, want Password", got)
	}
}
