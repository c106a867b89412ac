package sandboxtest_test

import (
	"bytes"
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
// identical to the one in ../shared (or $ONBOARD_SPECS).
func TestSpecInSyncWithShared(t *testing.T) {
	dir := os.Getenv("ONBOARD_SPECS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "specs")
	}
	shared, err := os.ReadFile(filepath.Join(dir, "linkcy", "linkcy-onboarding.openapi.yaml"))
	if os.IsNotExist(err) {
		t.Skipf("no shared specs at %s (set ONBOARD_SPECS); .ci/run insists on them", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, sandboxtest.LinkCySpec) {
		t.Fatal("api/sandbox/sandboxtest/linkcy.openapi.yaml differs from shared/specs/linkcy/linkcy-onboarding.openapi.yaml: copy the shared one over")
	}
}
