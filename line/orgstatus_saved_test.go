package line_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/line"
)

// TestSavedOrganization: status --organization reads the company from the
// progress file; a file without one, or none at all, is a usage error
// saying how to start one.
func TestSavedOrganization(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	title := flow.Say("the FinHub sandbox")
	_, err := line.SavedOrganization(path, title, "finhub")
	var ce *exit.Error
	if err == nil || !errors.As(err, &ce) || ce.Code != exit.Usage || !strings.Contains(err.Error(), "onboard --provider finhub --organization FILE") {
		t.Fatalf("no progress: got %v", err)
	}
	now := time.Now()
	person := flow.State{Email: "ada@example.com"}
	if err := flow.SaveProgress(path, flow.ProgressOf("finhub", person, flow.StepLogin, now, now)); err != nil {
		t.Fatal(err)
	}
	if _, err := line.SavedOrganization(path, title, "finhub"); err == nil {
		t.Errorf("a person's progress is not a company's")
	}
	company := flow.State{Email: "ada@example.com", Org: flow.OrgState{ID: "org-1", AdminUserID: "u-1"}}
	if err := flow.SaveProgress(path, flow.ProgressOf("finhub", company, flow.StepLogin, now, now)); err != nil {
		t.Fatal(err)
	}
	st, err := line.SavedOrganization(path, title, "finhub")
	if err != nil || st.Org.ID != "org-1" || st.Email != "ada@example.com" {
		t.Errorf("a company's progress: %+v, %v", st, err)
	}
}
