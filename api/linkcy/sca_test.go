package linkcy_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// loggedIn registers phone (national, +33) with a password and returns
// the consumer's session.
func loggedIn(t *testing.T, env *sandboxtest.Env, national string) api.Session {
	t.Helper()
	ctx := context.Background()
	p := env.LinkCyProvider()
	phone := api.Phone{CallingCode: "33", National: national}
	if _, err := p.Register(ctx, api.Registration{Phone: phone, Email: "ada@example.com", TermsVersion: "1.0"}); err != nil {
		t.Fatal(err)
	}
	if err := p.SendSecret(ctx, api.Who{Phone: phone}); err != nil {
		t.Fatal(err)
	}
	s, err := p.SetPassword(ctx, api.Who{Phone: phone}, lastMessage(t, env, phone.E164()).Secret, "S3cure-pass!")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// act presses a button of the sandbox's approval page at link.
func act(t *testing.T, env *sandboxtest.Env, link, action string) {
	t.Helper()
	resp, err := env.Client().PostForm(link, url.Values{"action": {action}})
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s on the page: %s", action, resp.Status)
	}
}

func reason(err error) api.SCAReason {
	r, _ := api.SCAFailure(err)
	return r
}

// TestSCAPush: with `--sca push` a change of the phone waits for a push
// (202 with an interaction id, the push on the sandbox phone), a replay
// before approval is NOT_COMPLETED, after approval it goes through once
// (ALREADY_CONSUMED after), and the new number is unproven. A declined
// interaction is DECLINED; an id from nowhere NOT_FOUND; an approved one
// replayed with another body DOES_NOT_MATCH.
func TestSCAPush(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SCA: sandbox.SCAPush})
	p, ctx := env.LinkCyProvider(), context.Background()
	s := loggedIn(t, env, "612349999")
	right := api.Contact{Phone: api.Phone{CallingCode: "33", National: "612345678"}}
	err := p.ChangeContact(ctx, s, right, "")
	ch, ok := api.SCAPending(err)
	if !ok || ch.ID == "" || ch.JoinCode != "" || !errors.Is(err, api.ErrSCAPending) {
		t.Fatalf("change: %v (%+v), want a push to approve", err, ch)
	}
	push, err := env.Phone().Last(ctx, "+33612349999", outbox.HasLink)
	if err != nil || !strings.HasSuffix(push.Link, "/sandbox/sca/"+ch.ID) {
		t.Fatalf("the push on the sandbox phone: %+v, %v", push, err)
	}
	if err := p.ChangeContact(ctx, s, right, ch.ID); reason(err) != api.SCANotCompleted {
		t.Fatalf("replay before approval: %v", err)
	}
	act(t, env, push.Link, "approve")
	if err := p.ChangeContact(ctx, s, right, ch.ID); err != nil {
		t.Fatalf("replay after approval: %v", err)
	}
	if err := p.ChangeContact(ctx, s, right, ch.ID); reason(err) != api.SCAAlreadyUsed {
		t.Fatalf("second replay: %v", err)
	}
	snap, err := p.Snapshot(ctx, s)
	if err != nil || snap.Phone != "+33612345678" || snap.PhoneValidated {
		t.Fatalf("after the change: %+v, %v; want the new number, unproven", snap, err)
	}
	email := api.Contact{Email: "grace@example.com"}
	ch, _ = api.SCAPending(p.ChangeContact(ctx, s, email, ""))
	act(t, env, env.HTTP.URL+"/sandbox/sca/"+ch.ID, "decline")
	if err := p.ChangeContact(ctx, s, email, ch.ID); reason(err) != api.SCADeclined {
		t.Fatalf("replay of a declined change: %v", err)
	}
	ch, _ = api.SCAPending(p.ChangeContact(ctx, s, email, ""))
	act(t, env, env.HTTP.URL+"/sandbox/sca/"+ch.ID, "approve")
	if err := p.ChangeContact(ctx, s, api.Contact{Email: "eve@example.com"}, ch.ID); reason(err) != api.SCADoesNotMatch {
		t.Fatalf("replay with another body: %v", err)
	}
	if err := p.ChangeContact(ctx, s, email, "00000000-0000-4000-8000-000000000000"); reason(err) != api.SCANotFound {
		t.Fatalf("replay with an unknown id: %v", err)
	}
}

// TestSCAHeaders: FAIL and BY_PASS on a sandbox that demands SCA are
// SCA_REQUIRED, a PIN nobody enrolled SCA_FACTOR_NOT_SET, and a first
// email address needs no SCA.
func TestSCAHeaders(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SCA: sandbox.SCAPush})
	c, ctx := env.LinkCy(), context.Background()
	s := loggedIn(t, env, "612349999")
	params := linkcy.UpdateConsumerParams{EmailAddress: "grace@example.com"}
	for _, tc := range []struct {
		sca  linkcy.SCA
		want api.SCAReason
	}{{linkcy.SCA{Strategy: linkcy.SCAFail}, api.SCARequired}, {linkcy.SCA{}, api.SCARequired},
		{linkcy.SCA{Strategy: linkcy.SCAPushNotification, Factor: linkcy.SCAPIN}, api.SCAFactorNotSet}} {
		if _, err := c.UpdateConsumerSCA(ctx, s.Token, s.ConsumerID, params, tc.sca); reason(err) != tc.want {
			t.Errorf("%+v: %v, want reason %d", tc.sca, err, tc.want)
		}
	}
	if _, err := c.UpdateConsumer(ctx, s.Token, s.ConsumerID, linkcy.UpdateConsumerParams{LastTermsAccepted: "1.0"}); err != nil {
		t.Errorf("an update that changes no contact needs no SCA: %v", err)
	}
}

// TestSCAJoinCode: with `--sca join-code` nobody has a device for pushes,
// so the change comes back with a join code, which the sandbox's page
// finds; approved there, the replay goes through.
func TestSCAJoinCode(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SCA: sandbox.SCAJoinCode})
	p, ctx := env.LinkCyProvider(), context.Background()
	s := loggedIn(t, env, "612349999")
	right := api.Contact{Phone: api.Phone{CallingCode: "33", National: "612345678"}}
	ch, ok := api.SCAPending(p.ChangeContact(ctx, s, right, ""))
	if !ok || ch.ID == "" || ch.JoinCode == "" {
		t.Fatalf("change: %+v, want a join code", ch)
	}
	resp, err := env.Client().Get(env.HTTP.URL + "/sandbox/sca?join=" + url.QueryEscape(strings.ToLower(ch.JoinCode)))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.Request.URL.Path != "/sandbox/sca/"+ch.ID {
		t.Fatalf("the join code led to %s", resp.Request.URL.Path)
	}
	act(t, env, resp.Request.URL.String(), "approve")
	if err := p.ChangeContact(ctx, s, right, ch.ID); err != nil {
		t.Fatalf("replay after approval: %v", err)
	}
}

// TestSCAOffChangesAtOnce: without --sca the change goes through with
// BY_PASS, and a partner may not change an account owner's phone.
func TestSCAOffChangesAtOnce(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	p, ctx := env.LinkCyProvider(), context.Background()
	s := loggedIn(t, env, "612349999")
	if err := p.ChangeContact(ctx, s, api.Contact{Phone: api.Phone{CallingCode: "33", National: "612345678"}}, ""); err != nil {
		t.Fatal(err)
	}
	other := loggedIn(t, env, "612340000")
	err := p.ChangeContact(ctx, other, api.Contact{Phone: api.Phone{CallingCode: "33", National: "612345678"}}, "")
	if !errors.Is(err, api.ErrPhoneTaken) {
		t.Errorf("a number another consumer has: %v", err)
	}
}

// TestSCANoByPassOutsideASandbox: a change against anything but a sandbox
// sends no strategy (LinkCy's default, a push) and waits.
func TestSCANoByPassOutsideASandbox(t *testing.T) {
	c, err := linkcy.New(api.Config{BaseURL: sca202(t)})
	if err != nil {
		t.Fatal(err)
	}
	p := linkcy.NewProvider(c, partner)
	err = p.ChangeContact(context.Background(), api.Session{Token: "t", ConsumerID: "5f0c6e0e-4b8a-4c55-9a51-2f8d0e3b6a11"},
		api.Contact{Email: "grace@example.com"}, "")
	if ch, ok := api.SCAPending(err); !ok || ch.ID != "5f0c6e0e-4b8a-4c55-9a51-2f8d0e3b6a11" {
		t.Fatalf("change: %v, want a wait on the 202's interaction", err)
	}
}
