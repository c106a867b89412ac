package connect_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/connect"
	"github.com/onboard-cli/onboard/internal/exit"
)

// TestMake makes LinkCy's provider for a running sandbox, as a run does,
// and uses it; a descriptor that cannot connect is a usage error, one
// whose client flow cannot drive an error naming it.
func TestMake(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	desc := linkcy.Describe()
	base := connect.SandboxBase(env.URL("linkcy"), desc.SandboxPrefix)
	if base != env.HTTP.URL {
		t.Fatalf("SandboxBase(%q) = %q, want %q", env.URL("linkcy"), base, env.HTTP.URL)
	}
	c := api.Connection{Config: api.Config{BaseURL: base + desc.SandboxPrefix, HTTPClient: env.Client(), Version: "test", Sandbox: true},
		SandboxBase: base, Embedded: true, Partner: sandbox.DefaultPartnerName, EveryStep: true}
	m, err := connect.Make(desc, c)
	if err != nil {
		t.Fatal(err)
	}
	if m.Outbox == nil || m.Partner != sandbox.DefaultPartnerName || m.Provider.Name() != linkcy.Name {
		t.Fatalf("made: %+v", m)
	}
	if _, err := (flow.Engine{P: m.Provider}).LoadTerms(context.Background(), flow.State{Lang: "en"}); err != nil {
		t.Errorf("the provider made does not reach the sandbox: %v", err)
	}
	if len(connect.DefaultPlan(desc)) == 0 {
		t.Errorf("LinkCy has no default plan")
	}

	refused := desc
	refused.Connect = func(api.Connection) (api.Connected, error) { return api.Connected{}, errors.New("no partner set") }
	_, err = connect.Make(refused, c)
	var ce *exit.Error
	if !errors.As(err, &ce) || ce.Code != exit.Usage {
		t.Errorf("a refused connection: %v, want a usage error", err)
	}
	foreign := desc
	foreign.Connect = func(api.Connection) (api.Connected, error) { return api.Connected{Provider: 42}, nil }
	if _, err := connect.Make(foreign, c); err == nil || !strings.Contains(err.Error(), "does not speak what flow asks") {
		t.Errorf("a client flow cannot drive: %v", err)
	}
}
