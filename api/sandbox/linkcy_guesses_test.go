package sandbox_test

import (
	"context"
	"fmt"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"slices"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// askSecret creates a consumer with phone digits and returns the secret
// the sandbox texted it.
func askSecret(t *testing.T, env *sandboxtest.Env, number string) string {
	t.Helper()
	if st, out, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", number, nil)); st != 201 {
		t.Fatalf("create: %d %v", st, out)
	}
	reset := map[string]any{"consumerPhone": "33" + number, "partnerName": sandbox.DefaultPartnerName}
	if st, out, _ := call(t, env, "POST", api+"passwords/reset", "", reset); st != 204 {
		t.Fatalf("reset: %d %v", st, out)
	}
	m, err := env.Phone().Last(context.Background(), "+33"+number, outbox.HasSecret)
	if err != nil {
		t.Fatal(err)
	}
	return m.Secret
}

// wrongGuess is a six-digit guess from i up that is none of secrets.
func wrongGuess(i int, secrets ...string) string {
	for ; ; i++ {
		g := fmt.Sprintf("%06d", i%1000000)
		if !slices.Contains(secrets, g) {
			return g
		}
	}
}

// TestPhonelessBruteForce: 30 wrong guesses without consumerPhone, then
// the right one, never set the victim's password: the caller is stopped
// after 5 (429), and those 5 burned the secret, so the right guess fails
// with or without the phone, even once the caller's window has passed.
func TestPhonelessBruteForce(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	secret := askSecret(t, env, "612345678")
	for i := 1; i <= 30; i++ {
		st, out, h := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": wrongGuess(i, secret), "newPassword": "S3cure-pass!"})
		switch {
		case i <= 5 && (st != 400 || out["errorCode"] != "INVALID_SECRET"):
			t.Fatalf("wrong guess %d: %d %v, want 400 INVALID_SECRET", i, st, out)
		case i > 5 && (st != 429 || out["errorCode"] != "TOO_MANY_ATTEMPTS" || h.Get("Retry-After") == ""):
			t.Fatalf("wrong guess %d: %d %v, want 429 TOO_MANY_ATTEMPTS with Retry-After", i, st, out)
		}
	}
	right := map[string]any{"passwordChangeSecret": secret, "newPassword": "S3cure-pass!"}
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", right); st != 429 {
		t.Fatalf("the right guess after 30 wrong ones: %d %v, want 429", st, out)
	}
	env.Clock.Advance(15 * time.Minute)
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", right); st != 400 || out["errorCode"] != "INVALID_SECRET" {
		t.Fatalf("the right guess once the caller may guess again: %d %v, want 400 (the secret burned)", st, out)
	}
	right["consumerPhone"] = "33612345678"
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", right); st != 400 {
		t.Fatalf("the right guess with the phone: %d %v, want 400 (the secret burned)", st, out)
	}
}

// TestPhonelessMissCountsPerSecret: a phone-less miss is a wrong try
// against every live secret, so 4 of them and 1 wrong try with the phone
// burn a secret (the fifth), and another consumer's secret too.
func TestPhonelessMissCountsPerSecret(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	a := askSecret(t, env, "612345678")
	b := askSecret(t, env, "612345679")
	for i := 1; i <= 4; i++ {
		g := wrongGuess(i*1000, a, b)
		if st, out, _ := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": g, "newPassword": "S3cure-pass!"}); st != 400 {
			t.Fatalf("phone-less miss %d: %d %v", i, st, out)
		}
	}
	wrong := map[string]any{"passwordChangeSecret": wrongGuess(424242, a, b), "newPassword": "S3cure-pass!", "consumerPhone": "33612345678"}
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", wrong); st != 400 || out["errorCode"] != "TOO_MANY_ATTEMPTS" {
		t.Fatalf("wrong try with the phone after 4 phone-less misses: %d %v, want TOO_MANY_ATTEMPTS", st, out)
	}
	// The caller's fifth phone-less miss burns b's secret too.
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": wrongGuess(777777, a, b), "newPassword": "S3cure-pass!"}); st != 400 {
		t.Fatalf("fifth phone-less miss: %d %v", st, out)
	}
	right := map[string]any{"passwordChangeSecret": b, "newPassword": "S3cure-pass!", "consumerPhone": "33612345679"}
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", right); st != 400 {
		t.Fatalf("b's secret after 5 phone-less misses: %d %v, want 400 (burned)", st, out)
	}
}
