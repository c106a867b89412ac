package sandbox_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	onboard "github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/api/weavr"
	"github.com/onboard-cli/onboard/flow"
)

// TestProviderEvents: a whole Weavr onboarding and a whole FinHub one each
// send exactly the events expected, in the order they happened, each
// payload naming its consumer, and none carrying a password, a code or a
// token.
func TestProviderEvents(t *testing.T) {
	secret := sandbox.NewWebhookSecret()
	recv := sandboxtest.StartWebhookReceiver(t, secret, 0)
	env := sandboxtest.Start(t, sandbox.Options{Webhooks: []string{recv.URL}, WebhookSecret: secret, WebhookSchedule: fastRetries})
	weavrID, weavrSecrets := onboardWeavr(t, env)
	finhubID, finhubSecrets := onboardFinHub(t, env)
	settled(t, env)
	got := map[string][]sandboxtest.Received{}
	for _, r := range recv.Took() {
		got[r.Consumer] = append(got[r.Consumer], r)
	}
	checkEvents(t, "Weavr", got[weavrID], "consumerId", weavrID, weavrSecrets, []string{
		sandbox.EventWeavrConsumerCreated,
		sandbox.EventWeavrConsumerUpdated + " password_set",
		sandbox.EventWeavrConsumerUpdated + " email_verified",
		sandbox.EventWeavrConsumerUpdated + " mobile_verified",
		sandbox.EventWeavrConsumerKYC + " INITIATED",
		sandbox.EventWeavrConsumerKYC + " APPROVED",
	})
	checkEvents(t, "FinHub", got[finhubID], "customerId", finhubID, finhubSecrets, []string{
		sandbox.EventFinHubCustomerCreated,
		sandbox.EventFinHubVerificationUpdated + " INITIATED",
		sandbox.EventFinHubVerificationUpdated + " IN_PROGRESS",
		sandbox.EventFinHubVerificationUpdated + " PENDING_REVIEW",
		sandbox.EventFinHubVerificationApproved + " APPROVED",
		sandbox.EventFinHubCustomerUpdated + " consent",
		sandbox.EventFinHubCustomerUpdated + " consent",
		sandbox.EventFinHubCustomerUpdated + " consent",
		sandbox.EventFinHubCustomerActivated,
	})
	if again, badSig, _ := recv.Counts(); again != 0 || badSig != 0 {
		t.Errorf("%d events taken twice, %d signatures that did not verify", again, badSig)
	}
}

// checkEvents compares one consumer's events, as "type change capacity
// status" (those it has),
// with want, and checks that each payload names the consumer (idField
// is id) and holds none of secrets.
func checkEvents(t *testing.T, provider string, took []sandboxtest.Received, idField, id string, secrets, want []string) {
	t.Helper()
	var seen []string
	for _, r := range took {
		var ev struct {
			Type string         `json:"type"`
			Data map[string]any `json:"data"`
		}
		if err := json.Unmarshal(r.Body, &ev); err != nil {
			t.Fatalf("%s: event %s: %v", provider, r.ID, err)
		}
		if ev.Data[idField] != id {
			t.Errorf("%s: %s names %s %v, want %s", provider, ev.Type, idField, ev.Data[idField], id)
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(string(r.Body), s) {
				t.Errorf("%s: %s carries a secret: %s", provider, ev.Type, r.Body)
			}
		}
		name := ev.Type
		for _, k := range []string{"change", "capacity", "status"} {
			if v, ok := ev.Data[k].(string); ok {
				name += " " + v
			}
		}
		seen = append(seen, name)
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s's events:\n%s\nwant:\n%s", provider, strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

// onboardWeavr walks Weavr's plan to its end; it returns the consumer's
// id and the secrets the run used (the password, the codes, the tokens).
func onboardWeavr(t *testing.T, env *sandboxtest.Env) (string, []string) {
	t.Helper()
	e := flow.Engine{P: env.WeavrProvider(), Now: env.Clock.Now, IPAddress: "192.0.2.7"}
	phone, ctx := env.Phone(), context.Background()
	const password = "Correct-Horse-9!"
	secrets := []string{password, sandbox.DefaultWeavrAPIKey}
	st := flow.State{Lang: "en", Phone: onboard.Phone{CallingCode: "33", National: "612345678"}, Email: "ada@example.com",
		FirstName: "Ada", LastName: "Lovelace", BirthDate: onboard.Date{Year: 1990, Month: 12, Day: 10}, Country: "FR"}
	plan := flow.Plan(weavr.Describe().Plans[0].Steps)
	for range 20 {
		var err error
		switch step := plan.Next(st, env.Clock.Now()); step {
		case flow.StepTerms:
			if st, err = e.LoadTerms(ctx, st); err == nil {
				st, err = e.AcceptTerms(ctx, st, st.Terms.Version)
			}
		case flow.StepRegister:
			st, err = e.Register(ctx, st)
		case flow.StepCredentials:
			st, err = e.SetPassword(ctx, st, "", password)
		case flow.StepLogin:
			st, err = e.Login(ctx, st, password)
		case flow.StepEmailCode, flow.StepPhoneCode:
			ch, to := onboard.ChannelEmail, "ada@example.com"
			if step == flow.StepPhoneCode {
				ch, to = onboard.ChannelSMS, "+33612345678"
			}
			if st, err = e.SendCode(ctx, st, ch); err == nil {
				m, _ := phone.Last(ctx, to, outbox.HasCode)
				st, err = e.VerifyCode(ctx, st, ch, m.Code)
			}
		case flow.StepKYC:
			if st.KYC.URL == "" {
				if st, err = e.StartKYC(ctx, st); err == nil {
					err = phone.Press(ctx, st.KYC.URL, "approve")
				}
			}
			if err == nil {
				st, err = e.PollKYC(ctx, st)
			}
		case flow.StepDone:
			return st.ConsumerID, secrets
		}
		if err != nil {
			t.Fatalf("Weavr: %v", err)
		}
		secrets = append(secrets, st.Session.Token)
	}
	t.Fatal("Weavr: no end after 20 steps")
	return "", nil
}

// onboardFinHub runs a FinHub individual's onboarding to its activation;
// it returns the customer's id and the secrets the run used.
func onboardFinHub(t *testing.T, env *sandboxtest.Env) (string, []string) {
	t.Helper()
	p, ctx := env.FinHubProvider(), context.Background()
	const password = "Correct-Horse-9!"
	reg, err := p.Register(ctx, onboard.Registration{Phone: onboard.Phone{CallingCode: "370", National: "60012345"}, FirstName: "Grace",
		LastName: "Hopper", Email: "grace@example.com", BirthDate: onboard.Date{Year: 1990, Month: 5, Day: 15}, Gender: "FEMALE",
		Nationality: "LT", Category: "STANDARD_INDIVIDUAL", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	who := onboard.Who{Email: "grace@example.com", ConsumerID: reg.ConsumerID, UserID: reg.UserID}
	s, err := p.Login(ctx, who, password)
	if err != nil {
		t.Fatal(err)
	}
	link, err := p.StartKYC(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	for _, doc := range link.Documents {
		if err := p.UploadDocument(ctx, s, link.ID, onboard.Document{Type: doc, FileName: "id.pdf", MimeType: "application/pdf", Content: pdf}); err != nil {
			t.Fatal(err)
		}
	}
	if link, err = p.StartKYC(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := env.Phone().Press(ctx, link.URL, "approve"); err != nil {
		t.Fatal(err)
	}
	if err := p.AcceptTerms(ctx, s, finhub.TermsVersion); err != nil {
		t.Fatal(err)
	}
	msg, err := env.Phone().Last(ctx, "grace@example.com", outbox.HasCode)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Activate(ctx, s, who, msg.Code); err != nil {
		t.Fatal(err)
	}
	return reg.ConsumerID, []string{password, msg.Code, s.Token, s.RefreshToken}
}
