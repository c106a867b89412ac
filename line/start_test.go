package line

import (
	"testing"

	"github.com/onboard-cli/onboard/api"
)

// TestStepLabel: the resume line names the step as the stepper does,
// never by its internal name.
func TestStepLabel(t *testing.T) {
	for saved, want := range map[string]string{"kyc": "KYC", "credentials": "Password", "email-code": "Email", "gone-step": "gone-step"} {
		if got := stepLabel(saved, api.Needs{SMSSecret: true}).String(); got != want {
			t.Errorf("stepLabel(%q) = %q, want %q", saved, got, want)
		}
	}
}
