package sandbox_test

import (
	"context"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// TestOrganizationEvents: a whole FinHub organisation onboarding
// (registration, personnel, KYB documents, verification and its
// approval, consents, activation) sends exactly the events expected, in
// order, each naming the organisation (its id and legal name), and none
// carrying the password, the session's token or the login generated for
// a person.
func TestOrganizationEvents(t *testing.T) {
	secret := sandbox.NewWebhookSecret()
	recv := sandboxtest.StartWebhookReceiver(t, secret, 0)
	env := sandboxtest.Start(t, sandbox.Options{Webhooks: []string{recv.URL}, WebhookSecret: secret, WebhookSchedule: fastRetries})
	o, ada := readyOrg(t, env)
	status, out := fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil,
		map[string]any{"person": person("Hugo", "hugo@acme.example"), "roles": []string{"COMPLIANCE_OFFICER"}})
	if status != 200 {
		t.Fatalf("adding Hugo: %d %v", status, out)
	}
	hugo := out["data"].(map[string]any)["individual"].(map[string]any)
	secrets := []string{"Correct-Horse-9!", o.token, hugo["password"].(string)}
	for _, kind := range []string{"CERTIFICATE_OF_INCORPORATION", "ARTICLES_OF_ASSOCIATION"} {
		upload(t, env, o, kind, "")
	}
	upload(t, env, o, "ID_CARD", ada)
	_, out = fhCall(t, env, "POST", orgAPI+o.id+"/verify", o.token, o.admin(), map[string]any{"customerId": o.id})
	kyb := out["data"].(map[string]any)["verificationId"].(string)
	if err := env.Phone().Press(context.Background(), strings.ReplaceAll(sandbox.FinHubReviewPage(env.HTTP.URL), "{verification}", kyb), "approve"); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"terms", "privacy", "data-processing"} {
		fhCall(t, env, "POST", orgAPI+o.id+"/consents/"+kind, o.token, nil, map[string]any{"accepted": true, "version": "1.0",
			"acceptedBy": "Ada Test", "acceptedDate": "2026-11-21"})
	}
	if status, out := fhCall(t, env, "POST", orgAPI+o.id+"/activation", o.token, o.admin(), map[string]any{"activationReason": "KYB complete"}); status != 200 || out["data"].(map[string]any)["activation"] == nil {
		t.Fatalf("activation: %d %v", status, out)
	}
	settled(t, env)
	var took []sandboxtest.Received
	for _, r := range recv.Took() {
		if r.Consumer == o.id {
			took = append(took, r)
		}
		if !strings.Contains(string(r.Body), `"legalName":"Acme UAB"`) {
			t.Errorf("%s does not name the organisation: %s", r.Type, r.Body)
		}
	}
	updated := sandbox.EventFinHubCustomerUpdated
	checkEvents(t, "FinHub organisation", took, "organizationId", o.id, secrets, []string{
		sandbox.EventFinHubCustomerCreated,
		updated + " person_added employee",
		updated + " person_updated director",
		updated + " person_updated shareholder",
		updated + " person_added employee",
		updated + " document_uploaded",
		updated + " document_uploaded",
		updated + " document_uploaded",
		sandbox.EventFinHubVerificationUpdated + " PENDING_REVIEW",
		sandbox.EventFinHubVerificationApproved + " APPROVED",
		updated + " consent",
		updated + " consent",
		updated + " consent",
		sandbox.EventFinHubCustomerActivated,
	})
	if again, badSig, _ := recv.Counts(); again != 0 || badSig != 0 {
		t.Errorf("%d events taken twice, %d signatures that did not verify", again, badSig)
	}
}
