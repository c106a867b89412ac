package flow

import (
	"testing"

	"github.com/onboard-cli/onboard/api"
)

// TestOnboardedOrganization: a company is onboarded as a consumer is, by
// the account state the provider's adapter reports (Org.Account),
// not by the activation step being done: an activation the provider
// leaves ACTIVATING, or a status it does not document, is not onboarded.
func TestOnboardedOrganization(t *testing.T) {
	plan := Plan{StepCompany, StepPersonnel, StepKYBDocuments, StepKYBReview, StepOrgConsents, StepOrgActivate}
	done := State{Organization: goodOrg()}
	done.Org.ID = "org-1"
	done.Org.Added = []AddedPerson{{Key: "ada@example.com", PersonID: "p-ada"}, {Key: "bob@example.com", PersonID: "p-bob"}}
	done.Org.Uploaded = []string{"company:CERTIFICATE_OF_INCORPORATION", "p-ada:PASSPORT", "p-bob:PASSPORT"}
	done.Org.KYB.Status = api.KYCApproved
	done.Org.Consents = []api.OrgConsent{{Type: "terms"}, {Type: "privacy"}, {Type: "data-processing"}}
	done.Org.Activated, done.Activated = true, true
	if plan.Next(done, orgNow) != StepDone {
		t.Fatalf("the finished company stands at %v", plan.Next(done, orgNow))
	}
	for _, c := range []struct {
		account api.Account
		want    bool
	}{{api.AccountActive, true}, {api.AccountPending, false}, {api.AccountSuspended, false}, {api.AccountUnknown, false}} {
		st := done
		st.Org.Account = c.account
		if got := Onboarded(plan, st, orgNow); got != c.want {
			t.Errorf("account %q: onboarded %v, want %v", c.account, got, c.want)
		}
	}
	unfinished := done
	unfinished.Org.Activated, unfinished.Org.Account = false, api.AccountActive
	if Onboarded(plan, unfinished, orgNow) {
		t.Error("onboarded before the activation step")
	}
}

// TestCompanyAccountIsTheOrganisations: a company's account is the
// organisation's, whatever a sync of its admin as a person says (after a
// retry, say); a consumer's is the person's, from the sync.
func TestCompanyAccountIsTheOrganisations(t *testing.T) {
	var company State
	company.Org.ID, company.Org.Account = "org-1", api.AccountActive
	if got := company.Apply(api.Snapshot{Account: api.AccountPending}).Account(); got != api.AccountActive {
		t.Errorf("a company's account after a person's sync: %q, want %q", got, api.AccountActive)
	}
	var person State
	person.Snapshot.Account = api.AccountPending
	if got := person.Apply(api.Snapshot{Account: api.AccountActive}).Account(); got != api.AccountActive {
		t.Errorf("a person's account after a sync: %q, want %q", got, api.AccountActive)
	}
}
