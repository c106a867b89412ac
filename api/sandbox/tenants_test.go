package sandbox_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"maps"
	"net/http"
	"strings"
	"testing"
	"testing/cryptotest"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// tenantBody is a consumer of partner with the phone and email every
// tenant of these tests types.
func tenantBody(partner string) map[string]any {
	b := consumerBody("33", "612345678", map[string]any{"emailAddress": "ada@example.com", "lastTermsAccepted": "1.0"})
	b["partnerName"] = partner
	return b
}

// finish takes partner's consumer with the shared phone and email from
// sign-up to a verified customer, reading only partner's own outbox, as
// one session of `onboard serve` does; it returns the consumer token.
func finish(t *testing.T, env *sandboxtest.Env, partner string) string {
	t.Helper()
	ctx := context.Background()
	phone := env.Phone().ForPartner(partner)
	if st, out, _ := call(t, env, "POST", api+"consumers", "", tenantBody(partner)); st != 201 {
		t.Fatalf("%s signs up: %d %v", sandbox.TenantID(partner), st, out)
	}
	reset := map[string]any{"consumerPhone": "33612345678", "partnerName": partner}
	if st, out, _ := call(t, env, "POST", api+"passwords/reset", "", reset); st != 204 {
		t.Fatalf("%s asks for a secret: %d %v", sandbox.TenantID(partner), st, out)
	}
	sms, err := phone.Last(ctx, "+33612345678", outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	st, out, _ := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": sms.Secret,
		"newPassword": "S3cure-pass!", "consumerPhone": "33612345678", "partnerName": partner})
	if st != 200 {
		t.Fatalf("%s sets its password: %d %v", sandbox.TenantID(partner), st, out)
	}
	tok := out["token"].(string)
	if st, out, _ := call(t, env, "POST", api+"verifications/email/send", tok, map[string]any{}); st != 200 && st != 204 {
		t.Fatalf("%s asks for the email link: %d %v", sandbox.TenantID(partner), st, out)
	}
	mail, err := phone.Last(ctx, "ada@example.com", outbox.HasLink)
	if err != nil {
		t.Fatal(err)
	}
	if err := phone.Open(ctx, mail.Link); err != nil {
		t.Fatal(err)
	}
	st, kyc, _ := call(t, env, "POST", api+"kyc", tok, map[string]any{"kycConfiguration": map[string]any{"accessType": "LINK"}})
	if st != 201 {
		t.Fatalf("%s starts KYC: %d %v", sandbox.TenantID(partner), st, kyc)
	}
	if err := phone.Press(ctx, kyc["url"].(string), "approve"); err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestTenantsShareAPhoneAndEmail: two sessions of a shared sandbox sign
// up with the same phone number and email, and both become verified
// customers, each with its own consumer, secret and link; each outbox
// holds only its own messages.
func TestTenantsShareAPhoneAndEmail(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SessionPartners: true})
	pa, pb := sandbox.NewSessionPartner(sandbox.DefaultPartnerName), sandbox.NewSessionPartner(sandbox.DefaultPartnerName)
	tokA, tokB := finish(t, env, pa), finish(t, env, pb)
	ids := map[string]bool{}
	for _, tok := range []string{tokA, tokB} {
		st, app, _ := call(t, env, "GET", api+"kyc", tok, nil)
		content, _ := app["content"].([]any)
		if st != 200 || len(content) != 1 || content[0].(map[string]any)["kycStatus"] != "VALIDATED" {
			t.Fatalf("KYC after approval: %d %v", st, app)
		}
		ids[content[0].(map[string]any)["personId"].(string)] = true
	}
	if len(ids) != 2 {
		t.Fatalf("two tenants share one consumer: %v", ids)
	}
	ctx := context.Background()
	secrets := map[string]bool{}
	for _, p := range []string{pa, pb} {
		msgs, err := env.Phone().ForPartner(p).Messages(ctx, "", 0)
		if err != nil || len(msgs) != 2 { // its SMS secret and its email link
			t.Fatalf("%s's outbox: %d messages (%v), want its own 2", sandbox.TenantID(p), len(msgs), err)
		}
		secrets[msgs[0].Secret] = true
	}
	if len(secrets) != 2 {
		t.Errorf("both tenants' outboxes hold one secret: %v", secrets)
	}
	// Logging in names the partner: each tenant reaches its own consumer.
	for _, p := range []string{pa, pb} {
		login := map[string]any{"consumerPhone": "33612345678", "partnerName": p, "password": "S3cure-pass!"}
		if st, out, _ := call(t, env, "POST", api+"login", "", login); st != 200 {
			t.Errorf("%s logs in: %d %v", sandbox.TenantID(p), st, out)
		}
	}
}

// TestSharedOutboxNeedsCapability: on a shared sandbox, a request that
// does not name a session partner gets nothing of any session, with a
// sentence saying what to send; a well-formed name nobody was given
// reads an empty outbox. A sandbox of one still answers everybody.
func TestSharedOutboxNeedsCapability(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SessionPartners: true})
	pa := sandbox.NewSessionPartner(sandbox.DefaultPartnerName)
	call(t, env, "POST", api+"consumers", "", tenantBody(pa))
	call(t, env, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": "33612345678", "partnerName": pa})
	// The base partner is refused too, even for its own consumer's messages.
	call(t, env, "POST", api+"consumers", "", tenantBody(sandbox.DefaultPartnerName))
	call(t, env, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName})
	tests := []struct {
		query  string
		status int
		says   string
	}{
		{"", 403, "add ?partner="},
		{"?recipient=%2B33612345678", 403, "add ?partner="},
		{"?recipient=ada%40example.com&since=0", 403, "add ?partner="},
		{"?partner=" + sandbox.DefaultPartnerName, 404, "No session has this partner name"},
		{"?partner=" + pa[:len(pa)-1], 404, "No session has this partner name"},
		{"?partner=" + strings.ToUpper(pa), 404, "No session has this partner name"},
		{"?partner=" + sandbox.NewSessionPartner(sandbox.DefaultPartnerName), 200, ""},
	}
	for _, tt := range tests {
		st, out, _ := call(t, env, "GET", "/sandbox/outbox"+tt.query, "", nil)
		msgs, _ := out["messages"].([]any)
		if st != tt.status || len(msgs) != 0 {
			t.Errorf("outbox%s: %d with %d messages, want %d and none", tt.query, st, len(msgs), tt.status)
		}
		if msg, _ := out["message"].(string); !strings.Contains(msg, tt.says) {
			t.Errorf("outbox%s says %q, want %q", tt.query, msg, tt.says)
		}
	}
	if _, err := env.Phone().Messages(context.Background(), "", 0); err == nil || !strings.Contains(err.Error(), "add ?partner=") {
		t.Errorf("a phone without a partner: %v, want the sandbox's sentence", err)
	}
	if msgs, err := env.Phone().ForPartner(pa).Messages(context.Background(), "", 0); err != nil || len(msgs) != 1 {
		t.Errorf("A's own phone: %d messages (%v), want its secret", len(msgs), err)
	}

	one := sandboxtest.Start(t, sandbox.Options{})
	call(t, one, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	call(t, one, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName})
	if st, out, _ := call(t, one, "GET", "/sandbox/outbox?recipient=%2B33612345678", "", nil); st != http.StatusOK || len(out["messages"].([]any)) != 1 {
		t.Errorf("a sandbox of one: %d %v, want its one message", st, out)
	}
}

// TestSharedPasswordChangeNamesItsTenant: on a shared sandbox a password
// change names its partner and phone, so nobody can match a secret across
// tenants, tell that a session's number exists, or burn its secret: five
// wrong guesses against tenant A leave B's secret, on the same number,
// as good as it was.
func TestSharedPasswordChangeNamesItsTenant(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SessionPartners: true})
	pa, pb := sandbox.NewSessionPartner(sandbox.DefaultPartnerName), sandbox.NewSessionPartner(sandbox.DefaultPartnerName)
	secret := map[string]string{}
	for _, p := range []string{pa, pb} {
		call(t, env, "POST", api+"consumers", "", tenantBody(p))
		call(t, env, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": "33612345678", "partnerName": p})
		m, err := env.Phone().ForPartner(p).Last(context.Background(), "+33612345678", outbox.HasSecret)
		if err != nil {
			t.Fatal(err)
		}
		secret[p] = m.Secret
	}
	change := func(secret string, named map[string]any) (int, map[string]any) {
		body := map[string]any{"passwordChangeSecret": secret, "newPassword": "S3cure-pass!"}
		maps.Copy(body, named)
		st, out, _ := call(t, env, "POST", api+"passwords/change", "", body)
		return st, out
	}
	for _, named := range []map[string]any{{}, {"consumerPhone": "33612345678"}, {"partnerName": pb}} {
		st, out := change(secret[pb], named)
		details, _ := out["details"].([]any)
		if st != 400 || len(details) == 0 {
			t.Fatalf("a change naming only %v: %d %v, want 400 naming the missing field", named, st, out)
		}
	}
	wrong := "000000"
	for wrong == secret[pa] || wrong == secret[pb] {
		wrong = "111111"
	}
	inA := map[string]any{"consumerPhone": "33612345678", "partnerName": pa}
	for i := range 5 {
		if st, _ := change(wrong, inA); st != 400 {
			t.Fatalf("wrong secret %d in A: %d", i+1, st)
		}
	}
	if st, out := change(secret[pb], map[string]any{"consumerPhone": "33612345678", "partnerName": pb}); st != 200 {
		t.Errorf("B's own secret after five wrong guesses in A: %d %v, want it untouched", st, out)
	}
}

// TestSessionPartnerCapability: a session partner's suffix is exactly
// SessionCapabilityBytes (at least 128 bits) drawn from crypto/rand, in
// hex: with crypto/rand made deterministic, it is the hex of the first
// 16 bytes that crypto/rand gives, and another seed gives another name.
func TestSessionPartnerCapability(t *testing.T) {
	// At least 128 bits, checked by the compiler: a negative array
	// length does not build.
	_ = [sandbox.SessionCapabilityBytes*8 - 128]struct{}{}
	cryptotest.SetGlobalRandom(t, 1)
	want := make([]byte, sandbox.SessionCapabilityBytes)
	_, _ = rand.Read(want)
	cryptotest.SetGlobalRandom(t, 1)
	got := sandbox.NewSessionPartner("base")
	if got != "base-"+hex.EncodeToString(want) {
		t.Errorf("session partner %q, want base- and the hex of crypto/rand's first %d bytes", got, len(want))
	}
	if id := sandbox.TenantID(got); len(id) != 6 || strings.Contains(got, id) {
		t.Errorf("the log's name for %q is %q: want 6 characters that are not part of it", got, id)
	}
	cryptotest.SetGlobalRandom(t, 2)
	if again := sandbox.NewSessionPartner("base"); again == got || len(again) != len(got) {
		t.Errorf("another seed gave %q after %q", again, got)
	}
}

// TestPartnerTokenStaysInItsTenant: the base partner's token (its
// password is no secret) cannot have a session's consumer's secret
// handed back by naming that session's partner.
func TestPartnerTokenStaysInItsTenant(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SessionPartners: true})
	pa := sandbox.NewSessionPartner(sandbox.DefaultPartnerName)
	call(t, env, "POST", api+"consumers", "", tenantBody(pa))
	ask := map[string]any{"consumerPhone": "33612345678", "partnerName": pa}
	st, out, _ := call(t, env, "POST", api+"passwords/reset/sandbox", partnerToken(t, env), ask)
	if st != 403 || out["passwordChangeSecret"] != nil {
		t.Errorf("the base partner asks for a session's consumer's secret: %d %v, want 403", st, out)
	}
	if msg, _ := out["message"].(string); strings.Contains(msg, pa) {
		t.Errorf("the refusal names the capability: %q", msg)
	}
}

// TestSessionPartnersShareTheLockout: session partners share the base
// partner's password, so wrong guesses spread over fresh session names
// lock the login as five at one name do.
func TestSessionPartnersShareTheLockout(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SessionPartners: true})
	login := func(partner, pw string) int {
		st, _, _ := call(t, env, "POST", api+"login", "", map[string]any{"username": sandbox.DefaultPartnerUser, "partnerName": partner, "password": pw})
		return st
	}
	for i := 1; i <= 4; i++ {
		if st := login(sandbox.NewSessionPartner(sandbox.DefaultPartnerName), "guess"); st != 401 {
			t.Fatalf("wrong partner password %d: %d", i, st)
		}
	}
	if st := login(sandbox.NewSessionPartner(sandbox.DefaultPartnerName), "guess"); st != 429 {
		t.Fatalf("fifth wrong password, at a fifth session name: %d, want 429", st)
	}
	if st := login(sandbox.DefaultPartnerName, sandbox.DefaultPartnerPassword); st != 429 {
		t.Errorf("the right password while locked: %d, want 429", st)
	}
}
