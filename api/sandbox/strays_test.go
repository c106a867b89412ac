package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// fieldOf is the field the first detail of a LinkCy error names.
func fieldOf(out map[string]any) string {
	d, _ := out["details"].([]any)
	if len(d) == 0 {
		return ""
	}
	f, _ := d[0].(map[string]any)["field"].(string)
	return f
}

// TestLinkCyRefusesWhatTheSpecForbids: a filter outside its enum and a
// path id that is not a UUID are 400s naming the parameter, as the spec's
// enum and format: uuid have them (not an empty page, not a 404). The
// contract check (sandboxtest) checks each answer's shape.
func TestLinkCyRefusesWhatTheSpecForbids(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	tok := partnerToken(t, env)
	tests := []struct {
		path, field string
	}{
		{"consumers?kycStatus=BOGUS", "kycStatus"},
		{"consumers?kycStatus=VALIDATED&kycStatus=validated", "kycStatus"},
		{"consumers?bankingStatus=OPEN", "bankingStatus"},
		{"consumers?overallStatus=active", "overallStatus"},
		{"consumers?suspensionStatus=MAYBE", "suspensionStatus"},
		{"consumers?complianceStatus=X", "complianceStatus"},
		{"consumers?linkcyStatus=bad-value", "linkcyStatus"},
		{"consumers?sortAttribute=NAME", "sortAttribute"},
		{"consumers/not-a-uuid", "consumerId"},
		{"kyc/not-a-uuid", "kycId"},
	}
	for _, tt := range tests {
		st, out, _ := call(t, env, "GET", api+tt.path, tok, nil)
		if st != http.StatusBadRequest || out["errorCode"] != "VALIDATION_ERROR" || fieldOf(out) != tt.field {
			t.Errorf("GET %s: %d %v, want 400 naming %s", tt.path, st, out, tt.field)
		}
	}
	if st, out, _ := call(t, env, "PATCH", api+"consumers/not-a-uuid", tok, map[string]any{"emailAddress": "a@example.com"}); st != http.StatusBadRequest || fieldOf(out) != "consumerId" {
		t.Errorf("PATCH consumers/not-a-uuid: %d %v", st, out)
	}
	// What the spec allows still works: documented values, and a UUID
	// that names nobody is a 404.
	if st, out, _ := call(t, env, "GET", api+"consumers?kycStatus=VALIDATED&overallStatus=ACTIVE&linkcyStatus=SOMETHING_NEW", tok, nil); st != http.StatusOK {
		t.Errorf("documented filters: %d %v", st, out)
	}
	if st, out, _ := call(t, env, "GET", api+"consumers/00000000-0000-4000-8000-000000000000", tok, nil); st != http.StatusNotFound {
		t.Errorf("an unknown UUID: %d %v", st, out)
	}
	// Without a token the answer is 401 first: the id is nobody's business.
	if st, _, _ := call(t, env, "GET", api+"consumers/not-a-uuid", "", nil); st != http.StatusUnauthorized {
		t.Errorf("anonymous, bad id: %d", st)
	}
}

// TestWeavrSimulatorUnauthorizedIsJSON: the simulator's 401 without the
// programme-key carries the spec's default error, a JSON message (the
// Multi API's 401 has no body, as its spec has it).
func TestWeavrSimulatorUnauthorizedIsJSON(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	for _, key := range []string{"", "wrong-key"} {
		req, _ := http.NewRequest(http.MethodPost, env.HTTP.URL+"/weavr/simulate/api/consumers/12345/verify", strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("programme-key", key)
		}
		st, out := do(t, req)
		if msg, _ := out["message"].(string); st != http.StatusUnauthorized || !strings.Contains(msg, "programme-key") {
			t.Errorf("programme-key %q: %d %v, want 401 with a message", key, st, out)
		}
	}
	st, out, _ := call(t, env, "GET", "/weavr/multi/consumers", "", nil)
	if st != http.StatusUnauthorized || len(out) != 0 {
		t.Errorf("Multi API without api-key: %d %v, want 401 and no body", st, out)
	}
}

// do sends req and decodes a JSON answer (an empty body gives an empty map).
func do(t *testing.T, req *http.Request) (int, map[string]any) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil && err != io.EOF {
		t.Fatalf("%s %s: the answer is not JSON: %v", req.Method, req.URL.Path, err)
	}
	return res.StatusCode, out
}
