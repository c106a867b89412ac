package sandboxtest_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

// TestContractCheckCatchesABadRequest proves the contract check can fail:
// a create-consumer body without its required phone is reported.
func TestContractCheckCatchesABadRequest(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	res, err := env.Client().Post(env.URL("linkcy")+"api/partner/consumers", "application/json",
		strings.NewReader(`{"partnerName":"onboard-sandbox"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	v := env.Violations()
	if len(v) != 1 || !strings.Contains(v[0], "client request POST /api/partner/consumers breaks the contract") {
		t.Fatalf("violations = %q, want one about the missing phone", v)
	}
	env.ForgetViolations()
	if env.Hits("POST /api/partner/consumers") != 1 {
		t.Fatalf("hits = %d, want 1", env.Hits("POST /api/partner/consumers"))
	}
}

// TestSpecInSyncWithShared keeps the project's copy of the LinkCy contract
// identical to the providers' one under $ONBOARD_SPECS (docs/ARCHITECTURE.md,
// "Sources"; .ci/run sets it and insists on it).
func TestSpecInSyncWithShared(t *testing.T) {
	dir := os.Getenv("ONBOARD_SPECS")
	if dir == "" {
		t.Skip("ONBOARD_SPECS is not set: the providers' specs are not here to compare with")
	}
	shared, err := os.ReadFile(filepath.Join(dir, "linkcy", "linkcy-onboarding.openapi.yaml"))
	if os.IsNotExist(err) {
		t.Skipf("no LinkCy spec under ONBOARD_SPECS=%s", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, sandboxtest.LinkCySpec) {
		t.Fatal("api/sandbox/sandboxtest/linkcy.openapi.yaml differs from linkcy/linkcy-onboarding.openapi.yaml under $ONBOARD_SPECS: copy that one over")
	}
}

// TestWeavrContractCheckCatchesABadRequest: a Weavr mobile without its
// "+" breaks the vendor's spec, and the check says so.
func TestWeavrContractCheckCatchesABadRequest(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	env.RequireWeavrContract()
	req, err := http.NewRequest(http.MethodPost, env.URL("weavr/multi")+"consumers", strings.NewReader(
		`{"profileId":"110000000","ipAddress":"192.0.2.1","rootUser":{"name":"A","surname":"L","email":"a@example.com",`+
			`"mobile":{"countryCode":"33","number":"612345678"},"dateOfBirth":{"year":1990,"month":1,"day":2},"address":{"country":"FR"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("api-key", sandbox.DefaultWeavrAPIKey)
	res, err := env.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	v := env.Violations()
	if len(v) != 1 || !strings.Contains(v[0], "client request POST /consumers breaks the contract") || !strings.Contains(v[0], "countryCode") {
		t.Fatalf("violations = %q, want one about the countryCode", v)
	}
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("the sandbox answered %d, want 400 as Weavr would", res.StatusCode)
	}
	env.ForgetViolations()
}

// TestWeavrSpecFound: .ci/run puts the vendor's spec beside the checkout,
// so there it must be found (elsewhere the Weavr tests say they skip).
func TestWeavrSpecFound(t *testing.T) {
	if os.Getenv("ONBOARD_SPECS") == "" {
		t.Skip("ONBOARD_SPECS is not set (CI sets it)")
	}
	if _, ok := sandboxtest.WeavrSpecPath(); !ok {
		t.Fatalf("ONBOARD_SPECS=%s has no %s", os.Getenv("ONBOARD_SPECS"), sandboxtest.WeavrSpec)
	}
}
