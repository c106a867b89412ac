package finhub_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
)

func acme() api.OrgRegistration {
	return api.OrgRegistration{Company: api.Company{LegalName: "Acme Robotics UAB", RegistrationNumber: "305123456", TaxID: "LT100012345",
		LegalForm: "LIMITED_LIABILITY_COMPANY", Industry: "TECHNOLOGY", IncorporationDate: api.Date{Year: 2015, Month: 3, Day: 20},
		Country: "LT", Street: "Gedimino pr. 1", City: "Vilnius", PostalCode: "01103"},
		FirstName: "Ada", LastName: "Lovelace", Email: "ada@acme.example", Password: "Correct-Horse-9!"}
}

// people are Acme's: Ada (at the keyboard: ADMIN_USER, director, 60%),
// Grace (compliance, 40%), Alan (a director with no share).
func people() []api.OrgPerson {
	dob := api.Date{Year: 1980, Month: 1, Day: 15}
	return []api.OrgPerson{
		{FirstName: "Ada", LastName: "Lovelace", Email: "ada@acme.example", BirthDate: dob, Nationality: "LT",
			Roles: []string{api.RoleAdminUser, api.RoleDirector}, Share: 60},
		{FirstName: "Grace", LastName: "Hopper", Email: "grace@acme.example", BirthDate: dob, Nationality: "US",
			Roles: []string{api.RoleComplianceOfficer}, Share: 40},
		{FirstName: "Alan", LastName: "Turing", BirthDate: dob, Nationality: "GB", Roles: []string{api.RoleDirector}},
	}
}

func orgEngine(env *sandboxtest.Env) flow.Engine {
	return flow.Engine{P: env.FinHubProvider(), Now: env.Clock.Now}
}

// TestOrganizationWalk is an organisation's onboarding through the
// Engine and the FinHub adapter, every request and answer checked against
// api/finhub/openapi.yaml: registration → personnel → KYB documents →
// verification and the review page → three consents → activation.
func TestOrganizationWalk(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	e, ctx := orgEngine(env), context.Background()
	st, err := e.RegisterOrganization(ctx, flow.State{}, acme())
	if err != nil || st.Org.ID == "" || st.Session.Token == "" {
		t.Fatalf("register = %+v, %v", st.Org, err)
	}
	var passwords []string
	for _, p := range people() {
		var added api.PersonAdded
		if st, added, err = e.AddPerson(ctx, st, p); err != nil {
			t.Fatalf("adding %s: %v", p.Name(), err)
		}
		if added.Password != "" {
			passwords = append(passwords, added.Password)
		}
	}
	// Ada registered the company: her own login; the two others get one each.
	if len(passwords) != 2 || len(st.Org.Added) != 3 {
		t.Fatalf("generated logins %d, added %+v; want 2 and 3", len(passwords), st.Org.Added)
	}
	if _, err := e.StartVerification(ctx, st); !refusedFor(err, "CERTIFICATE_OF_INCORPORATION") {
		t.Fatalf("verification before the documents: %v; want a refusal naming the certificate", err)
	}
	st = uploadKYB(t, e, st)
	if st, err = e.StartVerification(ctx, st); err != nil || st.Org.KYB.Status != api.KYCPendingReview || st.Org.KYB.URL == "" {
		t.Fatalf("verification = %+v, %v", st.Org.KYB, err)
	}
	if _, err := e.ActivateOrganization(ctx, st, "KYB complete"); kindOf(err) != api.KindConflict {
		t.Fatalf("activation before the approval: %v; want FinHub's refusal", err)
	}
	if err := env.Phone().Press(ctx, st.Org.KYB.URL, "approve"); err != nil {
		t.Fatal(err)
	}
	if st, err = e.PollVerification(ctx, st); err != nil || st.Org.KYB.Status != api.KYCApproved {
		t.Fatalf("after the approval = %+v, %v", st.Org.KYB, err)
	}
	for _, kind := range e.OrgConsents() {
		if st, err = e.AcceptConsent(ctx, st, api.OrgConsent{Type: kind, AcceptedBy: "Ada Lovelace"}); err != nil {
			t.Fatalf("consent %s: %v", kind, err)
		}
	}
	if st, err = e.ActivateOrganization(ctx, st, "KYB complete"); err != nil || !st.Org.Activated || !st.Activated {
		t.Fatalf("activation = %+v, %v", st.Org, err)
	}
	st, snap, err := e.OrganizationStatus(ctx, st)
	if err != nil || !snap.Active || snap.Name != "Acme Robotics UAB" || len(snap.Personnel) != 3 || len(snap.Consents) != 3 {
		t.Fatalf("status = %+v, %v", snap, err)
	}
	if snap.Personnel[0].Share != 60 || snap.Consents[0].AcceptedBy != "Ada Lovelace" || snap.KYB.Status != api.KYCApproved {
		t.Errorf("status details = %+v", snap)
	}
	saved, _ := json.Marshal(flow.ProgressOf("finhub", st, flow.StepDone, time.Time{}, time.Time{}))
	for _, pw := range append(passwords, acme().Password, st.Session.Token, st.Org.KYB.ID) {
		if strings.Contains(string(saved), pw) {
			t.Errorf("the progress holds a secret or the review capability: %s", saved)
		}
	}
}

func uploadKYB(t *testing.T, e flow.Engine, st flow.State) flow.State {
	t.Helper()
	company, owner := e.P.(flow.OrganizationProvider).KYBDocuments()
	var docs []api.KYBDocument
	for _, kind := range company {
		docs = append(docs, api.KYBDocument{Document: api.Document{Type: kind, FileName: kind + ".pdf", MimeType: "application/pdf", Content: pdf}})
	}
	for _, a := range st.Org.Added[:2] { // Ada (60%) and Grace (40%) are beneficial owners
		docs = append(docs, api.KYBDocument{Subject: a.PersonID, Document: api.Document{Type: owner, FileName: "id.pdf", MimeType: "application/pdf", Content: pdf}})
	}
	for _, d := range docs {
		var err error
		if st, err = e.UploadKYB(context.Background(), st, d); err != nil {
			t.Fatalf("uploading %s: %v", d.Type, err)
		}
	}
	return st
}

// refusedFor reports whether err is FinHub's refusal whose message names
// what.
func refusedFor(err error, what string) bool {
	e, ok := api.AsError(err)
	return ok && strings.Contains(e.Message, what)
}

// TestOrganizationLostAnswer: an employee call whose answer is lost (the
// sandbox adds Joan, then drops the connection) is tried again, FinHub
// says she is there already, and her id is read back from the
// organisation: the Engine knows her, once, with the id her documents
// would name.
func TestOrganizationLostAnswer(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	e, ctx := orgEngine(env), context.Background()
	st, err := e.RegisterOrganization(ctx, flow.State{}, acme())
	if err != nil {
		t.Fatal(err)
	}
	if st, _, err = e.AddPerson(ctx, st, people()[0]); err != nil {
		t.Fatal(err)
	}
	env.Server.SetFaults(sandbox.Faults{Rules: []sandbox.FaultRule{{Route: "POST /finhub/api/v2.1/customer/organization/" + st.Org.ID + "/employee", Lost: 1, Times: 1}}})
	joan := api.OrgPerson{FirstName: "Joan", LastName: "Clarke", Email: "joan@acme.example", Nationality: "GB",
		BirthDate: api.Date{Year: 1980, Month: 6, Day: 24}, Roles: []string{api.RoleTransactionApprover}}
	if _, _, err := e.AddPerson(ctx, st, joan); !api.Ambiguous(err) {
		t.Fatalf("the lost answer: %v; want one that may have been carried out", err)
	}
	st, added, err := e.AddPerson(ctx, st, joan)
	if err != nil || added.PersonID == "" || added.Password != "" {
		t.Fatalf("Joan again = %+v, %v; want her id, and no password (it went with the lost answer)", added, err)
	}
	st, snap, err := e.OrganizationStatus(ctx, st)
	if err != nil || len(snap.Personnel) != 2 || snap.Personnel[1].PersonID != added.PersonID || len(st.Org.Added) != 2 {
		t.Fatalf("personnel = %+v, %v; want Ada and Joan once each, Joan's id known", snap.Personnel, err)
	}
}
