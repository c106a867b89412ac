package linkcy_test

import (
	"context"
	"errors"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

func TestPartnerFind(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	c := env.LinkCy()
	ctx := context.Background()
	create := func(number, email, ext string) string {
		t.Helper()
		id, err := c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: partner,
			Phone: linkcy.Phone{CountryCode: "+33", Number: number}, EmailAddress: email, ExternalID: ext, LastName: "Lovelace"})
		if err != nil {
			t.Fatalf("CreateConsumer: %v", err)
		}
		return id
	}
	// The second number contains the first one's digits: a search by
	// phone matches parts, Find must not.
	ada := create("612345678", "ada@example.com", "crm-42")
	create("761234567", "ADA@example.org", "")

	p := linkcy.NewPartner(c, partner, sandbox.DefaultPartnerUser, sandbox.DefaultPartnerPassword)
	for _, q := range []api.Lookup{{ConsumerID: ada}, {ExternalID: "crm-42"}, {Phone: "+33612345678"}, {Email: "Ada@Example.com"}} {
		snap, err := p.Find(ctx, q)
		if err != nil {
			t.Fatalf("Find(%s): %v", q, err)
		}
		if snap.ConsumerID != ada || snap.Phone != "+33612345678" || snap.ExternalID != "crm-42" {
			t.Errorf("Find(%s) = %+v, want Ada", q, snap)
		}
	}
	for _, q := range []api.Lookup{{ConsumerID: "00000000-0000-4000-8000-000000000000"}, {ExternalID: "nobody"},
		{Phone: "+33612345670"}, {Email: "bob@example.com"}} {
		if _, err := p.Find(ctx, q); !errors.Is(err, api.ErrNotFound) {
			t.Errorf("Find(%s) error = %v, want not found", q, err)
		}
	}
	if _, err := p.Find(ctx, api.Lookup{}); err == nil {
		t.Error("Find with an empty lookup succeeded")
	}

	wrong := linkcy.NewPartner(c, partner, sandbox.DefaultPartnerUser, "not-the-password")
	_, err := wrong.Find(ctx, api.Lookup{ConsumerID: ada})
	if !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("Find with a wrong partner password: %v, want unauthorized", err)
	}
	if got := err.Error(); strings.Contains(got, "not-the-password") {
		t.Errorf("the error shows a password: %q", got)
	}
}

// TestPartnerActions: what a support agent does as the partner — search
// with filters and pages, create a consumer on a customer's behalf, send
// a fresh KYC link and a new email verification link.
func TestPartnerActions(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	ctx := context.Background()
	p := linkcy.NewPartner(env.LinkCy(), partner, sandbox.DefaultPartnerUser, sandbox.DefaultPartnerPassword)
	var ids []string
	for i, n := range []string{"612345670", "612345671", "612345672"} {
		id, err := p.Register(ctx, api.Registration{Phone: api.Phone{CallingCode: "33", National: n}, LastName: "Hopper",
			Email: "grace" + n + "@example.com", ExternalID: "crm-" + n})
		if err != nil {
			t.Fatalf("Register %d: %v", i, err)
		}
		ids = append(ids, id)
	}
	if _, err := p.Register(ctx, api.Registration{Phone: api.Phone{CallingCode: "33", National: "612345670"}}); !errors.Is(err, api.ErrPhoneTaken) {
		t.Errorf("Register with a taken phone: %v", err)
	}
	page, err := p.Search(ctx, api.Search{LastName: "Hopper", PageSize: 2})
	if err != nil || page.Total != 3 || len(page.Consumers) != 2 || page.Pages() != 2 {
		t.Fatalf("Search page 0 = %+v, %v", page, err)
	}
	page, err = p.Search(ctx, api.Search{LastName: "Hopper", PageSize: 2, Page: 1})
	if err != nil || len(page.Consumers) != 1 || page.Page != 1 {
		t.Fatalf("Search page 1 = %+v, %v", page, err)
	}
	if page, _ := p.Search(ctx, api.Search{KYC: api.KYCApproved}); page.Total != 0 {
		t.Errorf("Search(KYC approved) found %d", page.Total)
	}
	// Seed 001's status filters reach the provider.
	all, _ := p.Search(ctx, api.Search{LastName: "Hopper"})
	for _, s := range []api.Search{{Banking: "NOT_CREATED"}, {Suspension: "NOT_SUSPENDED"}, {Overall: "INACTIVE"}, {Compliance: "PENDING"}} {
		s.LastName = "Hopper"
		if page, err := p.Search(ctx, s); err != nil || page.Total != all.Total || page.Total == 0 {
			t.Errorf("Search(%+v) found %d of %d (%v)", s, page.Total, all.Total, err)
		}
	}
	for _, s := range []api.Search{{Banking: "VALIDATED"}, {Suspension: "SUSPENDED"}, {Overall: "ACTIVE"}, {LinkCy: "CLOSING"}, {Compliance: "DECLINED"}} {
		if page, err := p.Search(ctx, s); err != nil || page.Total != 0 {
			t.Errorf("Search(%+v) found %d (%v), want none", s, page.Total, err)
		}
	}

	// A KYC needs a validated phone: the first consumer sets a password.
	if _, err := p.StartKYC(ctx, ids[0]); err == nil {
		t.Fatal("StartKYC before the phone is validated succeeded")
	}
	c := env.LinkCy()
	tok, err := c.PartnerLogin(ctx, sandbox.DefaultPartnerUser, partner, sandbox.DefaultPartnerPassword)
	if err != nil {
		t.Fatal(err)
	}
	secret, err := c.RequestPasswordSecretSandbox(ctx, tok.Token, "+33612345670", partner)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ChangePassword(ctx, "+33612345670", sandbox.DefaultPartnerName, secret, "S3cure-pass!"); err != nil {
		t.Fatal(err)
	}
	link, err := p.StartKYC(ctx, ids[0])
	if err != nil || link.URL == "" || link.Status != api.KYCCreated {
		t.Fatalf("StartKYC = %+v, %v", link, err)
	}
	if page, _ := p.Search(ctx, api.Search{KYC: api.KYCCreated}); page.Total != 1 || page.Consumers[0].ConsumerID != ids[0] {
		t.Errorf("Search(KYC created) = %+v", page)
	}
	if err := p.SendEmailVerification(ctx, ids[1]); err != nil {
		t.Fatalf("SendEmailVerification: %v", err)
	}
	m, err := env.Phone().Last(ctx, "grace612345671@example.com", outbox.HasLink)
	if err != nil || m.Link == "" {
		t.Errorf("the verification email = %+v, %v", m, err)
	}
}
