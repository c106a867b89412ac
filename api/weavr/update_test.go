package weavr_test

import (
	"context"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
)

// TestChangeContact: the logged-in consumer changes the mobile and the
// email address (PATCH /consumers, checked against the vendor's spec);
// each is unverified again, the SMS code goes to the new number, and
// another consumer's address is refused.
func TestChangeContact(t *testing.T) {
	env := start(t, sandbox.Options{})
	c, p, ctx := env.Weavr(), env.WeavrProvider(), context.Background()
	if _, err := c.CreateConsumer(ctx, ada("grace@example.com"), ""); err != nil {
		t.Fatal(err)
	}
	cons, err := c.CreateConsumer(ctx, ada("ada@example.com"), "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.CreatePassword(ctx, cons.ID.ID, "Correct-Horse-9")
	if err != nil {
		t.Fatal(err)
	}
	s := api.Session{Token: l.Token}
	right := api.Phone{CallingCode: "33", National: "612349876"}
	if err := p.ChangeContact(ctx, s, api.Contact{Phone: right, Email: "ada.l@example.com"}, ""); err != nil {
		t.Fatal(err)
	}
	snap, err := p.Snapshot(ctx, s)
	if err != nil || snap.Phone != "+33612349876" || snap.PhoneValidated || snap.Email != "ada.l@example.com" || snap.EmailVerified {
		t.Fatalf("after the change: %+v, %v", snap, err)
	}
	if err := p.SendCode(ctx, s, api.ChannelSMS, right.E164()); err != nil {
		t.Fatal(err)
	}
	m, err := env.Phone().Last(ctx, right.E164(), outbox.HasCode)
	if err != nil {
		t.Fatalf("no code to the new number: %v", err)
	}
	if err := p.VerifyCode(ctx, s, api.ChannelSMS, right.E164(), m.Code); err != nil {
		t.Fatal(err)
	}
	if err := p.ChangeContact(ctx, s, api.Contact{Email: "grace@example.com"}, ""); err == nil {
		t.Error("another consumer's address was taken")
	}
}
