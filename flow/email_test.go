package flow_test

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
)

// TestSaveEmailWithSCA: the real LinkCy client and the sandbox with --sca
// push. The email step's first address is saved as it is; one in place
// of it is a change of contact that waits for the push (it is not
// refused), is approved on the sandbox's page, and goes through on the
// replay; the address the provider has is nothing to do.
func TestSaveEmailWithSCA(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SCA: sandbox.SCAPush})
	e := flow.Engine{P: env.LinkCyProvider(), Now: env.Clock.Now}
	ctx := context.Background()
	st := flow.State{Lang: "en", Phone: typo}
	st, err := e.LoadTerms(ctx, st)
	if err == nil {
		st, err = e.AcceptTerms(ctx, st, st.Terms.Version)
	}
	if err == nil {
		st, err = e.Register(ctx, st)
	}
	if err == nil {
		st, err = e.SendSecret(ctx, st)
	}
	if err != nil {
		t.Fatal(err)
	}
	sms, err := env.Phone().Last(ctx, typo.E164(), outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	if st, err = e.SetPassword(ctx, st, sms.Secret, "S3cure-pass!"); err != nil {
		t.Fatal(err)
	}
	if st, err = e.SaveEmail(ctx, st, "ada@example.com"); err != nil || st.Email != "ada@example.com" {
		t.Fatalf("the first address: %q, %v; want it saved without an approval", st.Email, err)
	}
	st, err = e.SaveEmail(ctx, st, "grace@example.com")
	if !errors.Is(err, api.ErrSCAPending) || st.SCA.ID == "" || st.SCAFor.Email != "grace@example.com" {
		t.Fatalf("a new address: %v, sca %+v for %+v; want a wait for the push", err, st.SCA, st.SCAFor)
	}
	push, err := env.Phone().Last(ctx, typo.E164(), outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := env.Client().PostForm(push.Link, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if st, err = e.SaveEmail(ctx, st, "grace@example.com"); err != nil {
		t.Fatalf("the replay after the approval: %v", err)
	}
	if st.Email != "grace@example.com" || st.Snapshot.Email != "grace@example.com" || st.EmailVerified || st.SCA.ID != "" {
		t.Fatalf("after the change: email %q, provider's %q, verified %v, sca %+v", st.Email, st.Snapshot.Email, st.EmailVerified, st.SCA)
	}
	if _, err := e.SaveEmail(ctx, st, " Grace@Example.com "); err != nil {
		t.Errorf("the provider's own address again: %v; want nothing to do", err)
	}
}
