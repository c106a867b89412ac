package linkcy_test

import (
	"context"
	"errors"
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
