package line_test

import (
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/line"
)

// TestStatusPrint: a consumer half-way through reads as one fact a line,
// the steps done, the next one with what it takes, and the rest; every
// line fits 80 columns, a long value wrapping under itself.
func TestStatusPrint(t *testing.T) {
	plan := flow.Plan(linkcy.Describe().Plans[0].Steps)
	snap := api.Snapshot{ConsumerID: "c0ffee00-0000-4000-8000-000000000001", FirstName: "Ada", LastName: "Lovelace",
		Phone: "+33612345678", PhoneValidated: true, PasswordSet: true, TermsAccepted: true, KYC: api.KYCCreated,
		Email: "ada@example.com", Statuses: []api.StatusItem{{Name: "kyc", Value: "CREATED"},
			{Name: "overall", Value: strings.Repeat("a long status that wraps ", 5)}}}
	st := line.NewStatus(plan, linkcy.Name, true, snap, api.Needs{SMSSecret: true})
	if st.Onboarded || st.Next != "kyc" || len(st.Steps) != len(plan) {
		t.Fatalf("status %+v", st)
	}
	var b strings.Builder
	st.Print(&b, api.Needs{SMSSecret: true}, i18n.Printer{})
	out := b.String()
	for _, want := range []string{"Ada Lovelace, consumer c0ffee00", "(linkcy, sandbox)", "phone        +33 6 12 34 56 78, verified",
		"email        ada@example.com, not verified", "\ndone ", "\nnext ", "\nthen "} {
		if !strings.Contains(out, want) {
			t.Errorf("the status lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("a line is %d columns: %q", len([]rune(l)), l)
		}
	}
}

// TestStatusPrintInFrench: the status's labels, facts and next action are
// said in French with a French printer, aligned as in English; the JSON's
// nextAction stays English.
func TestStatusPrintInFrench(t *testing.T) {
	plan := flow.Plan(linkcy.Describe().Plans[0].Steps)
	snap := api.Snapshot{ConsumerID: "c0ffee00-0000-4000-8000-000000000001", Phone: "+33612345678",
		PhoneValidated: true, TermsAccepted: true, KYC: api.KYCCreated}
	st := line.NewStatus(plan, linkcy.Name, true, snap, api.Needs{SMSSecret: true})
	var b strings.Builder
	fr := i18n.Checked("fr")
	st.Print(&b, api.Needs{SMSSecret: true}, fr)
	if missing := fr.Missing(); len(missing) > 0 {
		t.Errorf("said in English in French: %q", missing)
	}
	out := b.String()
	for _, want := range []string{"Client c0ffee00", "(linkcy, bac à sable)", "téléphone    +33 6 12 34 56 78, vérifié",
		"conditions   acceptées", "mot de passe non défini", "suivant      Mot de passe. Définissez un mot de passe"} {
		if !strings.Contains(out, want) {
			t.Errorf("the French status lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasPrefix(st.NextAction, "Set a password") {
		t.Errorf("nextAction = %q, want it in English", st.NextAction)
	}
}
