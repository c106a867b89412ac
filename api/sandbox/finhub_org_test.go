package sandbox_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

const orgAPI = "/finhub/api/v2.1/customer/organization/"

// fhCall sends a raw FinHub request with the tenant's headers, plus hdr.
func fhCall(t *testing.T, env *sandboxtest.Env, method, path, token string, hdr map[string]string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, env.HTTP.URL+path, bytes.NewReader(b))
	for k, v := range map[string]string{"Content-Type": "application/json", "X-Tenant-ID": sandbox.DefaultFinHubTenantID,
		"X-Forwarded-For": "127.0.0.1", "X-Forwarded-From": "test", "User-Agent": "test", "platform": "cli", "deviceId": "t"} {
		req.Header.Set(k, v)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	out := map[string]any{}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s %s: not JSON: %q", method, path, data)
	}
	return res.StatusCode, out
}

// refused checks an answer is FinHub's refusal: at status (200 means the
// envelope's success false), with errorCode and a message holding want.
func refused(t *testing.T, what string, status int, out map[string]any, wantStatus int, code, want string) {
	t.Helper()
	if status != wantStatus || out["errorCode"] != code || out["success"] != false || !strings.Contains(out["message"].(string), want) {
		t.Errorf("%s: %d %v; want %d %s saying %q", what, status, out, wantStatus, code, want)
	}
}

type testOrg struct {
	id, user, token string
}

func (o testOrg) admin() map[string]string {
	return map[string]string{"X-User-ID": o.user, "X-User-Roles": "ADMIN_USER"}
}

func registerOrg(t *testing.T, env *sandboxtest.Env, email string) testOrg {
	t.Helper()
	body := map[string]any{"email": email, "password": "Correct-Horse-9!", "matchingPassword": "Correct-Horse-9!",
		"organizationCustomer": map[string]any{"customerName": "Acme", "organization": map[string]any{"legalName": "Acme UAB",
			"registrationNumber": "305123456", "addresses": []any{map[string]any{"type": "REGISTERED", "country": "LT"}}}}}
	status, out := fhCall(t, env, "POST", orgAPI+"registration", "", nil, body)
	if status != 200 {
		t.Fatalf("registration: %d %v", status, out)
	}
	data := out["data"].(map[string]any)
	o := testOrg{id: data["id"].(string), user: data["user"].(map[string]any)["id"].(string)}
	o.token = login(t, env, o.id, o.user, email, "Correct-Horse-9!")
	return o
}

func login(t *testing.T, env *sandboxtest.Env, customer, user, username, password string) string {
	t.Helper()
	status, out := fhCall(t, env, "POST", "/finhub/api/v2.1/customer/individual/"+customer+"/users/"+user+"/sessions", "", nil,
		map[string]any{"username": username, "password": password, "tenantKey": sandbox.DefaultFinHubTenantKey,
			"tenantSecret": sandbox.DefaultFinHubTenantSecret, "credentialType": "PASSWORD", "value": username, "tenantId": sandbox.DefaultFinHubTenantID})
	if status != 200 {
		t.Fatalf("login as %s: %d %v", username, status, out)
	}
	return out["data"].(map[string]any)["token"].(string)
}

func person(first, email string) map[string]any {
	return map[string]any{"firstName": first, "lastName": "Test", "email": email, "dateOfBirth": "1980-01-15", "nationality": "LT"}
}

// TestFinHubOrganizationPersonnelRules: the first employee is an
// ADMIN_USER, directors and shareholders come after one, nobody twice in
// one list, shares never past 100%, and each person's generated login
// works (dual record creation).
func TestFinHubOrganizationPersonnelRules(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	o := registerOrg(t, env, "ada@acme.example")
	status, out := fhCall(t, env, "POST", orgAPI+"registration", "", nil, map[string]any{"email": "ada@acme.example", "password": "Correct-Horse-9!",
		"matchingPassword": "Correct-Horse-9!", "organizationCustomer": map[string]any{"customerName": "A", "organization": map[string]any{
			"legalName": "A", "registrationNumber": "1", "addresses": []any{map[string]any{"country": "LT"}}}}})
	refused(t, "the same email again", status, out, 409, "EMAIL_ALREADY_REGISTERED", "already registered")
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/director", o.token, nil, map[string]any{"person": person("Ada", "ada@acme.example"), "role": "MANAGING_DIRECTOR"})
	refused(t, "a director before an ADMIN_USER", status, out, 409, "PREREQUISITE_MISSING", "ADMIN_USER")
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("Bob", "bob@acme.example"), "roles": []string{"COMPLIANCE_OFFICER"}})
	refused(t, "a first employee without ADMIN_USER", status, out, 400, "MISSING_ADMIN_USER", "ADMIN_USER")
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("Ada", "ada@acme.example"), "roles": []string{"ADMIN_USER"}})
	if ind := out["data"].(map[string]any)["individual"].(map[string]any); status != 200 || ind["password"] != nil {
		t.Errorf("Ada, who registered the company: %d %v; want added with her own login, no generated password", status, out)
	}
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("Grace", "grace@acme.example"), "roles": []string{"COMPLIANCE_OFFICER"}})
	ind := out["data"].(map[string]any)["individual"].(map[string]any)
	if status != 200 || ind["password"] == nil || ind["username"] != "grace@acme.example" {
		t.Fatalf("Grace: %d %v; want a generated login", status, out)
	}
	login(t, env, ind["customerId"].(string), ind["userId"].(string), "grace@acme.example", ind["password"].(string))
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("Grace", "grace@acme.example"), "roles": []string{"COMPLIANCE_OFFICER"}})
	refused(t, "Grace again", status, out, 409, "PERSON_ALREADY_ADDED", "already")
	share := func(first, email string, pct float64) (int, map[string]any) {
		return fhCall(t, env, "POST", orgAPI+o.id+"/shareholders", o.token, nil, map[string]any{"type": "INDIVIDUAL", "ownershipPercentage": pct,
			"firstName": first, "lastName": "Test", "email": email})
	}
	if status, out := share("Ada", "ada@acme.example", 60); status != 200 {
		t.Fatalf("Ada's 60%%: %d %v", status, out)
	}
	status, out = share("Grace", "grace@acme.example", 50)
	refused(t, "shares past 100%", status, out, 400, "VALIDATION_ERROR", "110%")
	other := registerOrg(t, env, "eve@other.example")
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/employee", other.token, nil, map[string]any{"person": person("Eve", "eve@x.example"), "roles": []string{"ADMIN_USER"}})
	refused(t, "another organisation's token", status, out, 403, "FORBIDDEN", "not this customer")
}

var testPDF = base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))

func upload(t *testing.T, env *sandboxtest.Env, o testOrg, kind, personID string) {
	t.Helper()
	status, out := fhCall(t, env, "POST", orgAPI+o.id+"/documents", o.token, nil, map[string]any{"documentType": kind, "fileName": "f.pdf",
		"mimeType": "application/pdf", "fileContent": testPDF, "customerId": o.id, "metadata": map[string]any{"personId": personID}})
	if status != 200 {
		t.Fatalf("uploading %s: %d %v", kind, status, out)
	}
}

// readyOrg is an organisation with Ada (ADMIN_USER, director, 100%).
func readyOrg(t *testing.T, env *sandboxtest.Env) (testOrg, string) {
	t.Helper()
	o := registerOrg(t, env, "ada@acme.example")
	_, out := fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("Ada", "ada@acme.example"), "roles": []string{"ADMIN_USER"}})
	ada := out["data"].(map[string]any)["personId"].(string)
	fhCall(t, env, "POST", orgAPI+o.id+"/director", o.token, nil, map[string]any{"person": person("Ada", "ada@acme.example"), "role": "MANAGING_DIRECTOR"})
	fhCall(t, env, "POST", orgAPI+o.id+"/shareholders", o.token, nil, map[string]any{"type": "INDIVIDUAL", "ownershipPercentage": 100,
		"firstName": "Ada", "lastName": "Test", "email": "ada@acme.example"})
	return o, ada
}

// TestFinHubOrganizationVerificationRules: the KYB needs the admin
// headers, the documents (the company's, each beneficial owner's), and
// then closes the personnel; consents need it submitted and a signatory.
func TestFinHubOrganizationVerificationRules(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	o, ada := readyOrg(t, env)
	verify := func(hdr map[string]string, path string) (int, map[string]any) {
		return fhCall(t, env, "POST", orgAPI+o.id+path, o.token, hdr, map[string]any{"customerId": o.id, "type": "BUSINESS_VERIFICATION"})
	}
	status, out := verify(nil, "/verify")
	refused(t, "verify without the admin headers", status, out, 400, "MISSING_HEADER", "X-User-")
	status, out = verify(map[string]string{"X-User-ID": o.user, "X-User-Roles": "EMPLOYEE"}, "/verify")
	refused(t, "verify as a mere employee", status, out, 403, "FORBIDDEN", "ADMIN_USER")
	status, out = verify(o.admin(), "/verify")
	refused(t, "verify before the documents", status, out, 409, "PREREQUISITE_MISSING", "CERTIFICATE_OF_INCORPORATION")
	consent := map[string]any{"accepted": true, "version": "1.0", "acceptedBy": "Ada Test", "acceptedDate": "2026-11-21T09:00:00Z"}
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/consents/terms", o.token, nil, consent)
	refused(t, "a consent before the KYB", status, out, 409, "PREREQUISITE_MISSING", "verification")
	upload(t, env, o, "CERTIFICATE_OF_INCORPORATION", "")
	upload(t, env, o, "ARTICLES_OF_ASSOCIATION", "")
	status, out = verify(o.admin(), "/verification")
	refused(t, "verify without the owner's ID", status, out, 409, "PREREQUISITE_MISSING", "beneficial owner")
	upload(t, env, o, "PASSPORT", ada)
	if status, out = verify(o.admin(), "/verification"); status != 200 || out["data"].(map[string]any)["status"] != "PENDING_REVIEW" {
		t.Fatalf("verify through …/verification: %d %v", status, out)
	}
	first := out["data"].(map[string]any)["verificationId"]
	if _, again := verify(o.admin(), "/verify"); again["data"].(map[string]any)["verificationId"] != first {
		t.Errorf("verify twice made two verifications: %v", again)
	}
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("Late", "late@acme.example"), "roles": []string{"EMPLOYEE"}})
	refused(t, "personnel after the KYB", status, out, 409, "PREREQUISITE_MISSING", "submitted")
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/consents/terms", o.token, nil, map[string]any{"accepted": true, "version": "1.0"})
	refused(t, "a consent without acceptedBy", status, out, 200, "VALIDATION_ERROR", "acceptedBy")
	delete(consent, "acceptedDate")
	status, out = fhCall(t, env, "POST", orgAPI+o.id+"/consents/terms", o.token, nil, consent)
	refused(t, "a consent without acceptedDate", status, out, 200, "VALIDATION_ERROR", "acceptedDate")
}

// TestFinHubOrganizationActivationRules: activation needs the admin
// headers, then answers 200/success false until the KYB is APPROVED and
// every consent ACCEPTED; once active, never twice.
func TestFinHubOrganizationActivationRules(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	o, ada := readyOrg(t, env)
	for _, kind := range []string{"CERTIFICATE_OF_INCORPORATION", "ARTICLES_OF_ASSOCIATION"} {
		upload(t, env, o, kind, "")
	}
	upload(t, env, o, "ID_CARD", ada)
	_, out := fhCall(t, env, "POST", orgAPI+o.id+"/verify", o.token, o.admin(), map[string]any{"customerId": o.id})
	kyb := out["data"].(map[string]any)["verificationId"].(string)
	activate := func(hdr map[string]string) (int, map[string]any) {
		return fhCall(t, env, "POST", orgAPI+o.id+"/activation", o.token, hdr, map[string]any{"activationReason": "KYB complete"})
	}
	status, out := activate(map[string]string{"X-User-ID": o.user})
	refused(t, "activation without X-User-Roles", status, out, 400, "MISSING_HEADER", "X-User-Roles")
	status, out = activate(o.admin())
	refused(t, "activation before the approval", status, out, 200, "ACTIVATION_PREREQUISITES_NOT_MET", "APPROVED")
	page := strings.ReplaceAll(sandbox.FinHubReviewPage(env.HTTP.URL), "{verification}", kyb)
	res, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if html := string(body); !strings.Contains(html, "<title>Company check") || strings.Contains(html, "Identity check") ||
		!strings.Contains(html, "beneficial owners") {
		t.Errorf("the company's review page:\n%s", html)
	}
	if err := env.Phone().Press(context.Background(), page, "approve"); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"terms", "privacy"} {
		fhCall(t, env, "POST", orgAPI+o.id+"/consents/"+kind, o.token, nil, map[string]any{"accepted": true, "version": "1.0",
			"acceptedBy": "Ada Test", "acceptedDate": "2026-11-21"})
	}
	status, out = activate(o.admin())
	refused(t, "activation with a consent missing", status, out, 200, "ACTIVATION_PREREQUISITES_NOT_MET", "DATA_PROCESSING")
	fhCall(t, env, "POST", orgAPI+o.id+"/consents/data-processing", o.token, nil, map[string]any{"accepted": true, "version": "1.0",
		"acceptedBy": "Ada Test", "acceptedDate": "2026-11-21"})
	if status, out = activate(o.admin()); status != 200 || out["data"].(map[string]any)["activation"].(map[string]any)["status"] != "ACTIVE" {
		t.Fatalf("activation: %d %v", status, out)
	}
	status, out = activate(o.admin())
	refused(t, "activation twice", status, out, 200, "CUSTOMER_ALREADY_ACTIVE", "already active")
	if msgs, _ := env.Phone().Messages(context.Background(), "ada@acme.example", 0); len(msgs) != 0 {
		t.Errorf("an organisation activates with no code, yet the sandbox emailed %v", msgs)
	}
}

// TestFinHubOrganizationLimits: one organisation cannot pile people up
// without end in the sandbox's database.
func TestFinHubOrganizationLimits(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	o := registerOrg(t, env, "ada@acme.example")
	for i := range 200 {
		email := fmt.Sprintf("p%d@acme.example", i)
		if status, out := fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("P", email), "roles": []string{"ADMIN_USER"}}); status != 200 {
			t.Fatalf("person %d: %d %v", i, status, out)
		}
	}
	status, out := fhCall(t, env, "POST", orgAPI+o.id+"/employee", o.token, nil, map[string]any{"person": person("P", "one-more@acme.example"), "roles": []string{"ADMIN_USER"}})
	refused(t, "the 201st person", status, out, 409, "PREREQUISITE_MISSING", "at most 200 people")
}
