package sandbox_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// call sends a raw JSON request (not through the client: these tests send
// what the client never would) and decodes the answer.
func call(t *testing.T, env *sandboxtest.Env, method, path, token string, body any) (int, map[string]any, http.Header) {
	t.Helper()
	var rd io.Reader
	if s, ok := body.(string); ok {
		rd = strings.NewReader(s)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, env.HTTP.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	data, _ := io.ReadAll(res.Body)
	if len(data) > 0 {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s %s: answer is not JSON: %q", method, path, data)
		}
	}
	return res.StatusCode, out, res.Header
}

const api = "/linkcy/api/partner/"

func consumerBody(cc, number string, extra map[string]any) map[string]any {
	b := map[string]any{"partnerName": sandbox.DefaultPartnerName, "phone": map[string]any{"countryCode": cc, "number": number}}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func countConsumers(t *testing.T, env *sandboxtest.Env) int {
	t.Helper()
	tok := partnerToken(t, env)
	_, page, _ := call(t, env, "GET", api+"consumers?pageSize=100", tok, nil)
	return int(page["totalElements"].(float64))
}

func partnerToken(t *testing.T, env *sandboxtest.Env) string {
	t.Helper()
	st, out, _ := call(t, env, "POST", api+"login", "", map[string]any{"username": sandbox.DefaultPartnerUser,
		"partnerName": sandbox.DefaultPartnerName, "password": sandbox.DefaultPartnerPassword})
	if st != 200 {
		t.Fatalf("partner login: %d %v", st, out)
	}
	return out["token"].(string)
}

// TestCreateConsumerValidation: each bad input gets the documented status,
// errorCode and field, and nothing is stored.
func TestCreateConsumerValidation(t *testing.T) {
	long := strings.Repeat("x", 512)
	bigMeta := map[string]any{"blob": strings.Repeat("m", 3001)}
	tests := []struct {
		name   string
		body   any
		status int
		code   string
		field  string
	}{
		{"not JSON", `{"phone":`, 400, "MALFORMED_JSON", ""},
		{"empty body", ``, 400, "MALFORMED_JSON", ""},
		{"phone missing", map[string]any{"partnerName": sandbox.DefaultPartnerName}, 400, "VALIDATION_ERROR", "phone"},
		{"partner missing when anonymous", map[string]any{"phone": map[string]any{"countryCode": "33", "number": "612345678"}}, 400, "PARTNER_NAME_REQUIRED", "partnerName"},
		{"unknown partner", map[string]any{"partnerName": "other", "phone": map[string]any{"countryCode": "33", "number": "612345678"}}, 400, "UNKNOWN_PARTNER", "partnerName"},
		{"calling code not served", consumerBody("999", "612345678", nil), 400, "INVALID_COUNTRY_CODE", "phone.countryCode"},
		{"calling code not served (+)", consumerBody("+886", "", nil), 400, "INVALID_PHONE_NUMBER", "phone.number"},
		{"number with letters", consumerBody("33", "6123abc78", nil), 400, "INVALID_PHONE_NUMBER", "phone.number"},
		{"number invalid for the code", consumerBody("33", "1234", nil), 400, "INVALID_PHONE_NUMBER", "phone.number"},
		{"number from another plan", consumerBody("44", "612345678", nil), 400, "INVALID_PHONE_NUMBER", "phone.number"},
		{"first name not Latin-1", consumerBody("33", "612345678", map[string]any{"firstName": "Zoë😀"}), 400, "INVALID_NAME", "firstName"},
		{"last name Cyrillic", consumerBody("33", "612345678", map[string]any{"lastName": "Иванов"}), 400, "INVALID_NAME", "lastName"},
		{"externalId too long", consumerBody("33", "612345678", map[string]any{"externalId": long}), 400, "VALIDATION_ERROR", "externalId"},
		{"metadata too large", consumerBody("33", "612345678", map[string]any{"metadata": bigMeta}), 400, "VALIDATION_ERROR", "metadata"},
		{"metadata not an object", consumerBody("33", "612345678", map[string]any{"metadata": []int{1}}), 400, "VALIDATION_ERROR", "metadata"},
		{"sourceOfFunds not in the enum", consumerBody("33", "612345678", map[string]any{"sourceOfFunds": "BANK_ROBBERY"}), 400, "VALIDATION_ERROR", "sourceOfFunds"},
		{"occupation not in the enum", consumerBody("33", "612345678", map[string]any{"occupation": "PIRATE"}), 400, "VALIDATION_ERROR", "occupation"},
		{"email not an address", consumerBody("33", "612345678", map[string]any{"emailAddress": "ada@"}), 400, "VALIDATION_ERROR", "emailAddress"},
		{"otherOccupation too long", consumerBody("33", "612345678", map[string]any{"otherOccupation": long}), 400, "VALIDATION_ERROR", "otherOccupation"},
		{"taxCountry not alpha-3", consumerBody("33", "612345678", map[string]any{"taxCountry": "FR"}), 400, "VALIDATION_ERROR", "taxCountry"},
		{"phone of the wrong type", map[string]any{"partnerName": sandbox.DefaultPartnerName, "phone": "0612345678"}, 400, "VALIDATION_ERROR", "phone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := sandboxtest.Start(t, sandbox.Options{})
			st, out, _ := call(t, env, "POST", api+"consumers", "", tt.body)
			if st != tt.status || out["errorCode"] != tt.code {
				t.Fatalf("got %d %v, want %d %s", st, out["errorCode"], tt.status, tt.code)
			}
			if out["error"] != "linkcy.bad.request" || out["timestamp"] == nil || out["status"].(float64) != float64(tt.status) {
				t.Fatalf("error body not in LinkCy's shape: %v", out)
			}
			if tt.field != "" {
				d, _ := out["details"].([]any)
				if len(d) != 1 || d[0].(map[string]any)["field"] != tt.field {
					t.Fatalf("details = %v, want field %s", out["details"], tt.field)
				}
			}
			if n := countConsumers(t, env); n != 0 {
				t.Fatalf("a rejected request stored %d consumers", n)
			}
		})
	}
}

func TestCreateConsumerAcceptsEveryDocumentedForm(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	for i, b := range []any{
		consumerBody("33", "612345678", map[string]any{"firstName": "Zoë", "lastName": "Müller-Ørsted", "externalId": "x1",
			"sourceOfFunds": "SAVINGS_FROM_SALARY", "occupation": "ENGINEER", "metadata": map[string]any{"a": 1}}),
		consumerBody("+44", "7911123456", nil),  // "+" is accepted
		consumerBody("1", "2025550143", nil),    // US
		consumerBody("1242", "3591234", nil),    // Bahamas, a NANP code in LinkCy's list
		consumerBody("441481", "256789", nil),   // Guernsey, listed with its area code
		consumerBody("49", "015112345678", nil), // a trunk 0 typed after the code
	} {
		st, out, _ := call(t, env, "POST", api+"consumers", "", b)
		if st != 201 || out["id"] == nil {
			t.Fatalf("body %d: got %d %v, want 201 with an id", i, st, out)
		}
	}
	// The trunk-0 form and the plain form are the same phone.
	st, out, _ := call(t, env, "POST", api+"consumers", "", consumerBody("49", "15112345678", nil))
	if st != 409 || out["errorCode"] != "PHONE_ALREADY_USED" {
		t.Fatalf("same phone without the trunk 0: %d %v, want 409 PHONE_ALREADY_USED", st, out)
	}
	if n := countConsumers(t, env); n != 6 {
		t.Fatalf("consumers = %d, want 6", n)
	}
}

func TestUnknownRouteIsJSON(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	st, out, _ := call(t, env, "GET", "/linkcy/api/partner/nothing-here", "", nil)
	if st != 404 || out["errorCode"] != "NOT_FOUND" {
		t.Fatalf("got %d %v", st, out)
	}
	st, out, _ = call(t, env, "GET", api+"consumers", "not-a-token", nil)
	if st != 401 || out["errorCode"] != "INVALID_TOKEN" {
		t.Fatalf("bad token: %d %v", st, out)
	}
	st, out, _ = call(t, env, "POST", api+"consumers", "", strings.Repeat(" ", sandbox.MaxBodyBytes+10)+"{}")
	if st != 413 || out["errorCode"] != "BODY_TOO_LARGE" {
		t.Fatalf("huge body: %d %v", st, out)
	}
}

// TestPersistence: create, close, reopen the same file: the consumer and
// its statuses are there, and its tokens still work (the key persists).
func TestPersistence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.db")
	ctx := context.Background()
	first := sandboxtest.Start(t, sandbox.Options{DB: path})
	_, out, _ := call(t, first, "POST", api+"consumers", "", consumerBody("33", "612345678", map[string]any{"emailAddress": "ada@example.com", "lastTermsAccepted": "1.0"}))
	id := out["id"].(string)
	tok := onboardPassword(t, first, "33612345678")
	first.Server.EndWaits()
	first.HTTP.Close()
	if err := first.Server.Close(); err != nil {
		t.Fatal(err)
	}

	second := sandboxtest.Start(t, sandbox.Options{DB: path})
	st, c, _ := call(t, second, "GET", api+"consumers/"+id, tok, nil)
	if st != 200 {
		t.Fatalf("after reopening: %d %v", st, c)
	}
	if c["phone"].(map[string]any)["phoneValidated"] != true || c["termsAccepted"] != true ||
		c["email"].(map[string]any)["emailAddress"] != "ada@example.com" {
		t.Fatalf("consumer after reopening = %v", c)
	}
	if msgs, err := second.Server.Outbox(ctx, "+33612345678", 0); err != nil || len(msgs) != 1 {
		t.Fatalf("outbox after reopening = %v, %v", msgs, err)
	}
}

// onboardPassword asks for a secret and sets a password; it returns the token.
func onboardPassword(t *testing.T, env *sandboxtest.Env, digits string) string {
	t.Helper()
	if st, out, _ := call(t, env, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": digits, "partnerName": sandbox.DefaultPartnerName}); st != 204 {
		t.Fatalf("reset: %d %v", st, out)
	}
	m, _ := env.Phone().Last(context.Background(), "+"+digits, outbox.HasSecret)
	st, out, _ := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": m.Secret, "newPassword": "S3cure-pass!"})
	if st != 200 {
		t.Fatalf("change: %d %v", st, out)
	}
	return out["token"].(string)
}

// TestIsolation: consumer A's token cannot read, patch or start KYC (or
// send emails) for consumer B; the partner can.
func TestIsolation(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	_, a, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	_, b, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345679", map[string]any{"emailAddress": "b@example.com"}))
	tokA := onboardPassword(t, env, "33612345678")
	onboardPassword(t, env, "33612345679")
	bID := b["id"].(string)

	if st, out, _ := call(t, env, "GET", api+"consumers/"+bID, tokA, nil); st != 403 || out["errorCode"] != "FORBIDDEN" {
		t.Errorf("A reads B: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "PATCH", api+"consumers/"+bID, tokA, map[string]any{"emailAddress": "evil@example.com"}); st != 403 {
		t.Errorf("A patches B: %d %v", st, out)
	}
	// With a consumer token, consumerId is ignored: A's KYC is A's own.
	st, k, _ := call(t, env, "POST", api+"kyc", tokA, map[string]any{"consumerId": bID, "kycConfiguration": map[string]any{"accessType": "LINK"}})
	if st != 201 {
		t.Fatalf("A starts KYC: %d %v", st, k)
	}
	_, app, _ := call(t, env, "GET", api+"kyc/"+k["id"].(string), partnerToken(t, env), nil)
	if app["personId"] != a["id"] {
		t.Errorf("A's KYC with B's id in the body is for %v, want A %v", app["personId"], a["id"])
	}
	if st, _, _ := call(t, env, "GET", api+"consumers", tokA, nil); st != 403 {
		t.Errorf("a consumer lists consumers: %d", st)
	}
	if st, _, _ := call(t, env, "GET", api+"consumers/external/x", tokA, nil); st != 403 {
		t.Errorf("a consumer looks up by externalId: %d", st)
	}
	if st, _, _ := call(t, env, "PATCH", api+"consumers/"+a["id"].(string), tokA, map[string]any{"partnerMetadata": map[string]any{"x": 1}}); st != 403 {
		t.Errorf("a consumer writes partnerMetadata: %d", st)
	}
	if st, out, _ := call(t, env, "GET", api+"consumers/"+bID, partnerToken(t, env), nil); st != 200 || out["id"] != bID {
		t.Errorf("partner reads B: %d %v", st, out)
	}
	if st, _, _ := call(t, env, "GET", api+"consumers/"+bID, "", nil); st != 401 {
		t.Errorf("anonymous reads B: %d", st)
	}
}

func TestSecretRules(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	reset := map[string]any{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName}
	if st, _, _ := call(t, env, "POST", api+"passwords/reset", "", reset); st != 204 {
		t.Fatalf("reset: %d", st)
	}
	// A resend within 30 s: 429 with Retry-After.
	st, out, h := call(t, env, "POST", api+"passwords/reset", "", reset)
	if st != 429 || out["errorCode"] != "RESEND_TOO_SOON" || h.Get("Retry-After") != "30" {
		t.Fatalf("resend too soon: %d %v Retry-After=%q", st, out, h.Get("Retry-After"))
	}
	env.Clock.Advance(10 * time.Second)
	if _, _, h := call(t, env, "POST", api+"passwords/reset", "", reset); h.Get("Retry-After") != "20" {
		t.Fatalf("Retry-After after 10 s = %q, want 20", h.Get("Retry-After"))
	}
	// Expiry after 5 minutes.
	m, _ := env.Phone().Last(context.Background(), "+33612345678", outbox.HasSecret)
	env.Clock.Advance(5*time.Minute + time.Second)
	change := map[string]any{"passwordChangeSecret": m.Secret, "newPassword": "S3cure-pass!", "consumerPhone": "33612345678"}
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", change); st != 400 || out["errorCode"] != "SECRET_EXPIRED" {
		t.Fatalf("expired secret: %d %v", st, out)
	}
	// Five wrong tries burn it; the right one no longer works.
	call(t, env, "POST", api+"passwords/reset", "", reset)
	m, _ = env.Phone().Last(context.Background(), "+33612345678", outbox.HasSecret)
	wrong := map[string]any{"passwordChangeSecret": "000000", "newPassword": "S3cure-pass!", "consumerPhone": "33612345678"}
	if m.Secret == "000000" {
		wrong["passwordChangeSecret"] = "111111"
	}
	for i := 1; i <= 5; i++ {
		st, out, _ := call(t, env, "POST", api+"passwords/change", "", wrong)
		want := "INVALID_SECRET"
		if i == 5 {
			want = "TOO_MANY_ATTEMPTS"
		}
		if st != 400 || out["errorCode"] != want {
			t.Fatalf("wrong try %d: %d %v, want 400 %s", i, st, out, want)
		}
	}
	change["passwordChangeSecret"] = m.Secret
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", change); st != 400 {
		t.Fatalf("burned secret still works: %d %v", st, out)
	}
	// A weak password names the rule and costs no try.
	env.Clock.Advance(time.Minute)
	call(t, env, "POST", api+"passwords/reset", "", reset)
	m, _ = env.Phone().Last(context.Background(), "+33612345678", outbox.HasSecret)
	for _, pw := range []string{"short1!", "no-digits-here!", "nosymbol123", "x33612345678!"} {
		st, out, _ := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": m.Secret, "newPassword": pw})
		if st != 400 || out["errorCode"] != "WEAK_PASSWORD" || !strings.HasPrefix(out["message"].(string), "The password needs ") {
			t.Fatalf("weak %q: %d %v", pw, st, out)
		}
		if strings.Contains(jsonString(out), pw) {
			t.Fatalf("the answer echoes the password %q", pw)
		}
	}
	if st, out, _ := call(t, env, "POST", api+"passwords/change", "", map[string]any{"passwordChangeSecret": m.Secret, "newPassword": "S3cure-pass!"}); st != 200 {
		t.Fatalf("strong password after weak ones: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": "33699999999", "partnerName": sandbox.DefaultPartnerName}); st != 404 || out["errorCode"] != "END_USER_NOT_FOUND" {
		t.Fatalf("reset for an unknown phone: %d %v", st, out)
	}
}

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestLoginLockoutAndExpiry(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	_, c, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	onboardPassword(t, env, "33612345678")
	login := func(pw string) (int, map[string]any, http.Header) {
		return call(t, env, "POST", api+"login", "", map[string]any{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName, "password": pw})
	}
	for i := 1; i <= 4; i++ {
		if st, out, _ := login("wrong-pass-1!"); st != 401 || out["errorCode"] != "BAD_CREDENTIALS" {
			t.Fatalf("wrong password %d: %d %v", i, st, out)
		}
	}
	st, out, h := login("wrong-pass-1!")
	if st != 429 || out["errorCode"] != "ACCOUNT_LOCKED" || h.Get("Retry-After") != "900" {
		t.Fatalf("fifth wrong password: %d %v %q", st, out, h.Get("Retry-After"))
	}
	if st, _, _ := login("S3cure-pass!"); st != 429 {
		t.Fatalf("right password while locked: %d", st)
	}
	env.Clock.Advance(15 * time.Minute)
	st, out, _ = login("S3cure-pass!")
	if st != 200 {
		t.Fatalf("after the lockout: %d %v", st, out)
	}
	tok := out["token"].(string)
	env.Clock.Advance(15*time.Minute + time.Second)
	if st, out, _ := call(t, env, "GET", api+"consumers/"+c["id"].(string), tok, nil); st != 401 || out["errorCode"] != "TOKEN_EXPIRED" {
		t.Fatalf("expired access token: %d %v", st, out)
	}
	if st, out, _ := login("anything"); st != 401 {
		t.Fatalf("unknown phone logs in? %d %v", st, out)
	}
}

// TestPartnerLoginLockout: the partner password opens every consumer, so
// five wrong ones in a row lock the partner's login for 15 minutes, like
// a consumer's; the right one then works again.
func TestPartnerLoginLockout(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	login := func(pw string) (int, map[string]any, http.Header) {
		return call(t, env, "POST", api+"login", "", map[string]any{"username": sandbox.DefaultPartnerUser, "partnerName": sandbox.DefaultPartnerName, "password": pw})
	}
	for i := 1; i <= 4; i++ {
		if st, out, _ := login("guess-" + strings.Repeat("x", i)); st != 401 {
			t.Fatalf("wrong partner password %d: %d %v", i, st, out)
		}
	}
	st, out, h := login("guess-5")
	if st != 429 || out["errorCode"] != "ACCOUNT_LOCKED" || h.Get("Retry-After") != "900" {
		t.Fatalf("fifth wrong partner password: %d %v %q", st, out, h.Get("Retry-After"))
	}
	if st, _, _ := login(sandbox.DefaultPartnerPassword); st != 429 {
		t.Fatalf("right partner password while locked: %d", st)
	}
	env.Clock.Advance(15 * time.Minute)
	if st, out, _ := login(sandbox.DefaultPartnerPassword); st != 200 {
		t.Fatalf("after the lockout: %d %v", st, out)
	}
}

func TestTermsBumpAndKYCAutoApprove(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	env := sandboxtest.Start(t, sandbox.Options{DB: path, KYCAutoApprove: 10 * time.Second})
	_, c, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", map[string]any{"lastTermsAccepted": "1.0"}))
	id := c["id"].(string)
	tok := onboardPassword(t, env, "33612345678")
	if st, out, _ := call(t, env, "POST", api+"kyc", tok, map[string]any{"kycConfiguration": map[string]any{"accessType": "LINK"}}); st != 201 {
		t.Fatalf("kyc: %d %v", st, out)
	}
	status := func(e *sandboxtest.Env) (string, bool) {
		_, c, _ := call(t, e, "GET", api+"consumers/"+id, tok, nil)
		return c["kycInfo"].(map[string]any)["kycStatus"].(string), c["termsAccepted"].(bool)
	}
	if s, _ := status(env); s != "CREATED" {
		t.Fatalf("at once: %s", s)
	}
	env.Clock.Advance(5 * time.Second)
	if s, _ := status(env); s != "PROCESSING" {
		t.Fatalf("half-way: %s", s)
	}
	env.Clock.Advance(5 * time.Second)
	if s, ok := status(env); s != "VALIDATED" || !ok {
		t.Fatalf("after 10 s: %s terms %v", s, ok)
	}
	env.HTTP.Close()
	env.Server.Close()

	bumped := sandboxtest.Start(t, sandbox.Options{DB: path, TermsVersion: "2.0"})
	if _, ok := status(bumped); ok {
		t.Fatal("termsAccepted stayed true after the version was raised")
	}
	if st, out, _ := call(t, bumped, "PATCH", api+"consumers/"+id, tok, map[string]any{"lastTermsAccepted": "2.0"}); st != 200 {
		t.Fatalf("patch terms: %d %v", st, out)
	}
	if _, ok := status(bumped); !ok {
		t.Fatal("termsAccepted false after accepting 2.0")
	}
}

func TestKYCPageDeclineThenNewLink(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	tok := onboardPassword(t, env, "33612345678")
	kyc := map[string]any{"kycConfiguration": map[string]any{"accessType": "LINK"}}
	_, first, _ := call(t, env, "POST", api+"kyc", tok, kyc)
	_, second, _ := call(t, env, "POST", api+"kyc", tok, kyc) // replaces the first link
	res, _ := http.Get(first["url"].(string))
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Fatalf("replaced link page: %d, want 404", res.StatusCode)
	}
	res, _ = http.PostForm(second["url"].(string), map[string][]string{"action": {"decline"}})
	res.Body.Close()
	_, app, _ := call(t, env, "GET", api+"kyc/"+second["id"].(string), tok, nil)
	if app["kycStatus"] != "DECLINED" {
		t.Fatalf("after decline: %v", app)
	}
	if st, out, _ := call(t, env, "POST", api+"kyc", tok, kyc); st != 201 || out["kycStatus"] != "CREATED" {
		t.Fatalf("new link after a decline: %d %v", st, out)
	}
}

func TestKYCNeedsValidatedPhone(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	_, c, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	st, out, _ := call(t, env, "POST", api+"kyc", partnerToken(t, env), map[string]any{"consumerId": c["id"], "kycConfiguration": map[string]any{"accessType": "LINK"}})
	if st != 409 || out["errorCode"] != "PHONE_NOT_VALIDATED" {
		t.Fatalf("KYC before the phone is validated: %d %v", st, out)
	}
	// Phone verification by code (sandbox code 123456) also validates it.
	tok := partnerToken(t, env)
	if st, out, _ := call(t, env, "POST", api+"verifications/phone/send", tok, map[string]any{"consumerId": c["id"]}); st != 200 || out["ttl"] != "PT10M" {
		t.Fatalf("phone send: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "POST", api+"verifications/phone/verify", tok, map[string]any{"consumerId": c["id"], "code": "000000"}); st != 400 || out["errorCode"] != "INVALID_PHONE_CODE" {
		t.Fatalf("wrong code: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "POST", api+"verifications/phone/verify", tok, map[string]any{"consumerId": c["id"], "code": sandbox.SandboxPhoneCode}); st != 204 {
		t.Fatalf("right code: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "POST", api+"kyc", tok, map[string]any{"consumerId": c["id"], "kycConfiguration": map[string]any{"accessType": "LINK"}}); st != 201 {
		t.Fatalf("KYC after the code: %d %v", st, out)
	}
}

func TestEmailLinkRules(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	_, c, _ := call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	tok := onboardPassword(t, env, "33612345678")
	if st, out, _ := call(t, env, "POST", api+"verifications/email/send", tok, map[string]any{}); st != 409 || out["errorCode"] != "EMAIL_MISSING" {
		t.Fatalf("no email yet: %d %v", st, out)
	}
	call(t, env, "PATCH", api+"consumers/"+c["id"].(string), tok, map[string]any{"emailAddress": "old@example.com"})
	call(t, env, "POST", api+"verifications/email/send", tok, map[string]any{})
	old, _ := env.Phone().Last(context.Background(), "old@example.com", outbox.HasLink)
	call(t, env, "PATCH", api+"consumers/"+c["id"].(string), tok, map[string]any{"emailAddress": "new@example.com"})
	res, _ := http.Get(old.Link)
	res.Body.Close()
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("link for a replaced address: %d", res.StatusCode)
	}
	env.Clock.Advance(31 * time.Second)
	call(t, env, "POST", api+"verifications/email/send", tok, map[string]any{})
	m, _ := env.Phone().Last(context.Background(), "new@example.com", outbox.HasLink)
	env.Clock.Advance(49 * time.Hour)
	res, _ = http.Get(m.Link)
	res.Body.Close()
	if res.StatusCode != http.StatusGone {
		t.Fatalf("expired link: %d", res.StatusCode)
	}
}

// TestSessionPartners: with SessionPartners, two session partners are
// tenants. B cannot ask for a secret for A's phone, log in as A, or read
// A's messages; malformed or short suffixes and the feature switched off
// are refused.
func TestSessionPartners(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{SessionPartners: true})
	pa, pb := sandbox.NewSessionPartner(sandbox.DefaultPartnerName), sandbox.NewSessionPartner(sandbox.DefaultPartnerName)
	body := func(partner, number string) map[string]any {
		b := consumerBody("33", number, nil)
		b["partnerName"] = partner
		return b
	}
	if st, out, _ := call(t, env, "POST", api+"consumers", "", body(pa, "612345678")); st != 201 {
		t.Fatalf("A creates: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": "33612345678", "partnerName": pa}); st != 204 {
		t.Fatalf("A asks for a secret: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "POST", api+"passwords/reset", "", map[string]any{"consumerPhone": "33612345678", "partnerName": pb}); st != 404 {
		t.Errorf("B asks for a secret for A's phone: %d %v, want 404", st, out)
	}
	if st, out, _ := call(t, env, "POST", api+"login", "", map[string]any{"consumerPhone": "33612345678", "partnerName": pb, "password": "x"}); st == 200 {
		t.Errorf("B logs in as A: %d %v", st, out)
	}
	ctx := context.Background()
	if msgs, err := env.Phone().ForPartner(pa).Messages(ctx, "", 0); err != nil || len(msgs) != 1 {
		t.Errorf("A's phone: %d messages (%v), want its secret", len(msgs), err)
	}
	if msgs, err := env.Phone().ForPartner(pb).Messages(ctx, "", 0); err != nil || len(msgs) != 0 {
		t.Errorf("B's phone sees %d messages (%v), want none", len(msgs), err)
	}
	short := sandbox.DefaultPartnerName + "-a1"                    // a guessable name is no tenant
	upper := strings.ToUpper(pa[len(sandbox.DefaultPartnerName):]) // one spelling per capability
	for _, bad := range []string{sandbox.DefaultPartnerName + "-", sandbox.DefaultPartnerName + "-x/y", "other-a1", short,
		sandbox.DefaultPartnerName + upper, pa + "0", "other" + pa[len(sandbox.DefaultPartnerName):]} {
		if st, out, _ := call(t, env, "POST", api+"consumers", "", body(bad, "612345670")); st != 400 || out["errorCode"] != "UNKNOWN_PARTNER" {
			t.Errorf("partner %q: %d %v, want 400 UNKNOWN_PARTNER", bad, st, out)
		}
	}
	off := sandboxtest.Start(t, sandbox.Options{})
	if st, _, _ := call(t, off, "POST", api+"consumers", "", body(pa, "612345671")); st != 400 {
		t.Errorf("session partner without SessionPartners: %d, want 400", st)
	}
}

// TestOutboxWait: a held outbox request answers when a message arrives
// for one of its recipients, and at once when the sandbox ends its waits.
// Each wait is 20 s and each request's deadline 10 s: a request that was
// not woken fails with the deadline.
func TestOutboxWait(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	call(t, env, "POST", api+"consumers", "", consumerBody("33", "612345678", map[string]any{"emailAddress": "ada@example.com"}))
	phone := env.Phone()
	got := make(chan []sandbox.Message, 1)
	errs := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		msgs, err := phone.Await(ctx, []string{"ada@example.com", "+33612345678"}, 0, 20*time.Second)
		if err != nil {
			errs <- err
			return
		}
		got <- msgs
	}()
	// Give the request time to be held before the SMS is sent. Sent
	// sooner, it finds the SMS at once, which is right too.
	time.Sleep(200 * time.Millisecond)
	if st, out, _ := call(t, env, "POST", api+"passwords/reset", "", map[string]string{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName}); st != 204 {
		t.Fatalf("reset: %d %v", st, out)
	}
	select {
	case err := <-errs:
		t.Fatalf("the held request was not answered when the SMS was sent: %v", err)
	case msgs := <-got:
		if len(msgs) != 1 || msgs[0].Secret == "" || msgs[0].Recipient != "+33612345678" {
			t.Fatalf("held request answered %+v, want the SMS with its secret", msgs)
		}
	}

	// Nothing for this recipient: EndWaits answers it, empty.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		msgs, err := phone.Await(ctx, []string{"nobody@example.com"}, 0, 20*time.Second)
		if err != nil {
			errs <- err
			return
		}
		got <- msgs
	}()
	time.Sleep(200 * time.Millisecond) // held, as above
	env.Server.EndWaits()
	select {
	case err := <-errs:
		t.Fatalf("EndWaits did not answer the held request: %v", err)
	case msgs := <-got:
		if len(msgs) != 0 {
			t.Fatalf("answered %+v, want nothing", msgs)
		}
	}

	if st, out, _ := call(t, env, "GET", "/sandbox/outbox?wait=99", "", nil); st != 400 || !strings.Contains(jsonString(out), "wait") {
		t.Fatalf("wait=99: %d %v, want a 400 naming wait", st, out)
	}
}

// TestFastPasswords: with FastPasswords the password is stored as salted
// SHA-256, not bcrypt, and still checked: the right one logs in, a wrong
// one does not. The same file reopened with bcrypt still checks it, since
// each hash says which kind it is.
func TestFastPasswords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.db")
	fast := sandboxtest.Start(t, sandbox.Options{DB: path, FastPasswords: true})
	call(t, fast, "POST", api+"consumers", "", consumerBody("33", "612345678", nil))
	onboardPassword(t, fast, "33612345678")
	login := func(env *sandboxtest.Env, pw string) int {
		st, _, _ := call(t, env, "POST", api+"login", "", map[string]any{"consumerPhone": "33612345678", "partnerName": sandbox.DefaultPartnerName, "password": pw})
		return st
	}
	if st := login(fast, "S3cure-pass!"); st != 200 {
		t.Fatalf("the right password: %d", st)
	}
	if st := login(fast, "wrong-pass-1!"); st != 401 {
		t.Fatalf("a wrong password: %d, want 401", st)
	}
	fast.Server.EndWaits()
	fast.HTTP.Close()
	fast.Server.Close()

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := db.QueryRow("SELECT password_hash FROM consumers").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if !strings.HasPrefix(stored, "$sha256$") || strings.Contains(stored, "S3cure") {
		t.Fatalf("stored %q, want a salted SHA-256 hash", stored)
	}

	slow := sandboxtest.Start(t, sandbox.Options{DB: path})
	if st := login(slow, "S3cure-pass!"); st != 200 {
		t.Fatalf("reopened with bcrypt, the fast hash: %d", st)
	}
}

// TestKYCPageRefusals: every provider's simulator page refuses an action
// it does not know (400, naming the ones it does) and shows its not-found
// page for a check that does not exist.
func TestKYCPageRefusals(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	for _, page := range []string{"/sandbox/kyc/no-such-token", "/sandbox/weavr/kyc?reference=no-such-reference",
		"/sandbox/finhub/review/00000000-0000-4000-8000-000000000000"} {
		post := func(action string) (int, string) {
			res, err := http.PostForm(env.HTTP.URL+page, map[string][]string{"action": {action}})
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(body)
		}
		if code, body := post("explode"); code != http.StatusBadRequest || !strings.Contains(body, "use approve, decline, review or abort") {
			t.Errorf("%s, an unknown action: %d %q", page, code, body)
		}
		if code, body := post("approve"); code != http.StatusNotFound || !strings.Contains(body, "Ask for a new link in the onboard wizard") {
			t.Errorf("%s, a check that does not exist: %d %q", page, code, body)
		}
	}
}
