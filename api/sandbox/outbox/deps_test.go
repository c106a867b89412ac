package outbox_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoDatabaseInTheWizard: the wizard reads the outbox through this
// package, and neither links the sandbox's database nor its password
// hashing (they cost the binary's size and start-up, and a real provider
// needs neither).
func TestNoDatabaseInTheWizard(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{".", "../../../tui"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.Contains(dep, "sqlite") || strings.Contains(dep, "bcrypt") || strings.HasSuffix(dep, "/api/sandbox") {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}
