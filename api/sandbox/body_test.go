package sandbox_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// rawSandbox is a sandbox on a real loopback HTTP server with no contract
// check in front: these tests send what no client of the contract would.
func rawSandbox(t *testing.T, opts sandbox.Options) *httptest.Server {
	t.Helper()
	opts.BcryptCost = bcrypt.MinCost
	srv, err := sandbox.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return hs
}

// provider is one provider's create-consumer call and how to read its
// error answers.
type provider struct {
	name, path string
	headers    map[string]string
	// field reads the field named by an error answer.
	field func(map[string]any) string
}

func providers() []provider {
	first := func(v any, key string) string {
		list, _ := v.([]any)
		if len(list) == 0 {
			return ""
		}
		m, _ := list[0].(map[string]any)
		s, _ := m[key].(string)
		return s
	}
	return []provider{
		{name: "LinkCy", path: "/linkcy/api/partner/consumers",
			field: func(b map[string]any) string { return first(b["details"], "field") }},
		{name: "Weavr", path: "/weavr/multi/consumers", headers: map[string]string{"Api-Key": sandbox.DefaultWeavrAPIKey},
			field: func(b map[string]any) string {
				se, _ := b["syntaxErrors"].(map[string]any)
				return first(se["invalidFields"], "fieldName")
			}},
		{name: "FinHub", path: "/finhub/api/v2.1/customer/individual/registration",
			headers: map[string]string{"X-Tenant-ID": sandbox.DefaultFinHubTenantID, "X-Forwarded-For": "203.0.113.9",
				"User-Agent": "onboard-test", "platform": "test", "deviceId": "d1"},
			field: func(b map[string]any) string { return first(b["errors"], "field") }},
	}
}

// send posts body to p with content type ct ("" for none) and returns the
// status and the decoded answer.
func (p provider) send(t *testing.T, hs *httptest.Server, ct, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, hs.URL+p.path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range p.headers {
		req.Header.Set(k, v)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	res, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	out := map[string]any{}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s: the %d answer is not JSON: %q", p.name, res.StatusCode, data)
	}
	return res.StatusCode, out
}

// TestBodyRefusals: every provider refuses, in its own error shape, a body
// sent as another type, data after the JSON object, and control characters,
// naming the field.
func TestBodyRefusals(t *testing.T) {
	hs := rawSandbox(t, sandbox.Options{})
	cases := []struct {
		name, ct, body string
		status         int
		field          string
	}{
		{"text/plain", "text/plain", `{"partnerName":"x"}`, 415, ""},
		{"no content type", "", `{"partnerName":"x"}`, 415, ""},
		{"latin1 charset", "application/json; charset=latin1", `{"partnerName":"x"}`, 415, ""},
		{"trailing garbage", "application/json", `{"partnerName":"x"} garbage`, 400, ""},
		{"second object", "application/json", `{"partnerName":"x"}{}`, 400, ""},
		{"ESC in a name", "application/json", `{"firstName":"crm\u001b[31mRED"}`, 400, "firstName"},
		{"NUL in externalId", "application/json", `{"externalId":"a\u0000b"}`, 400, "externalId"},
		{"BEL nested", "application/json", `{"rootUser":{"name":"a\u0007"}}`, 400, "rootUser.name"},
		{"DEL in a list", "application/json", `{"accountPurposes":["OK","A\u007f"]}`, 400, "accountPurposes[1]"},
		{"C1 in a key", "application/json", `{"a":{"x\u009b":1}}`, 400, "a"},
	}
	for _, p := range providers() {
		for _, c := range cases {
			t.Run(p.name+"/"+c.name, func(t *testing.T) {
				status, body := p.send(t, hs, c.ct, c.body)
				if status != c.status {
					t.Fatalf("status %d, want %d: %v", status, c.status, body)
				}
				msg, _ := body["message"].(string)
				if msg == "" || strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }) {
					t.Errorf("the answer needs a clean sentence: %v", body)
				}
				if c.field != "" && p.field(body) != c.field {
					t.Errorf("field %q, want %q: %v", p.field(body), c.field, body)
				}
			})
		}
	}
}

// TestBodyAcceptsCharsetUTF8: application/json with charset=utf-8, and
// whitespace after the object, still create a consumer.
func TestBodyAcceptsCharsetUTF8(t *testing.T) {
	hs := rawSandbox(t, sandbox.Options{})
	b, _ := json.Marshal(consumerBody("33", "612345678", map[string]any{"externalId": "crm-1", "firstName": "Zoë"}))
	status, out := providers()[0].send(t, hs, "application/json; charset=UTF-8", string(b)+"\n\t ")
	if status != http.StatusCreated {
		t.Fatalf("status %d, want 201: %v", status, out)
	}
}
