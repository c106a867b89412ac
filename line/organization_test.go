package line_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/line"
)

// stopAt is stderr that cancels the run once it has said when: a person
// pressing Ctrl+C right after that line.
type stopAt struct {
	mu     sync.Mutex
	b      bytes.Buffer
	when   string
	cancel context.CancelFunc
}

func (s *stopAt) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Write(p)
	if s.when != "" && strings.Contains(s.b.String(), s.when) {
		s.cancel()
	}
	return len(p), nil
}

func orgOptions(t *testing.T, env *sandboxtest.Env, progress string, st flow.State, out, errw *bytes.Buffer) line.Options {
	plan, _ := finhub.Describe().Plan(finhub.PlanOrganization)
	return line.Options{Engine: flow.Engine{P: env.FinHubProvider()}, Plan: flow.Plan(plan.Steps), Outbox: env.Phone(), Embedded: true,
		ProgressPath: progress, State: st, In: line.Inputs{NoInput: true, SandboxAuto: true, AcceptTerms: "current", JSON: true},
		Password: "Correct-Horse-9!", Out: out, Err: errw, Stopped: "Stopped."}
}

// TestOrganizationResumesInThePersonnel: a run stopped after the first
// person is added resumes with the second; nobody is added twice, and the
// progress file holds no password.
func TestOrganizationResumesInThePersonnel(t *testing.T) {
	org, err := flow.LoadOrganization("../examples/organization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	env := sandboxtest.Start(t, sandbox.Options{})
	progress := filepath.Join(t.TempDir(), "progress.json")
	ctx, cancel := context.WithCancel(context.Background())
	stop := &stopAt{when: "✓ Added Camille Moreau", cancel: cancel}
	var out, ignored bytes.Buffer
	o := orgOptions(t, env, progress, flow.State{Organization: org}, &out, &ignored)
	o.Err = stop
	if err := line.Run(ctx, o); err == nil {
		t.Fatalf("the stopped run ended well:\n%s", stop.b.String())
	}
	p, ok, err := flow.LoadProgress(progress)
	if !ok || err != nil || p.Org == nil || len(p.Org.Added) != 1 || p.Step != "personnel" {
		t.Fatalf("progress after the stop = %+v, %v, %v", p, ok, err)
	}
	saved, _ := os.ReadFile(progress)
	if bytes.Contains(saved, []byte("Correct-Horse-9!")) || bytes.Contains(saved, []byte(`"password":`)) {
		t.Errorf("the progress file holds a password:\n%s", saved)
	}

	var errb bytes.Buffer
	out.Reset()
	st := p.Restore(flow.State{})
	st.Organization = org // the file, read again
	if err := line.Run(context.Background(), orgOptions(t, env, progress, st, &out, &errb)); err != nil {
		t.Fatalf("the resumed run: %v\n%s", err, errb.String())
	}
	said := errb.String()
	if strings.Contains(said, "Added Camille") || !strings.Contains(said, "✓ Added Hugo Lefebvre") || !strings.Contains(said, "Company account activated") {
		t.Errorf("the resumed run said:\n%s", said)
	}
	var s flow.Summary
	if err := json.Unmarshal(out.Bytes(), &s); err != nil || !s.Onboarded || s.Organization == nil || len(s.Organization.Personnel) != 3 {
		t.Fatalf("summary = %s (%v)", out.String(), err)
	}
	if env.Hits("POST /customer/organization/{organizationId}/employee") != 2 {
		t.Errorf("employees sent %d times; want 2 (Camille once, Hugo once)", env.Hits("POST /customer/organization/{organizationId}/employee"))
	}
}
