package providers_test

import (
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/flow"
)

// TestConnect: every provider is made by its descriptor alone, speaks what
// flow asks, and on a sandbox needs no setting; against a real provider
// with nothing configured, its error names the setting to give.
func TestConnect(t *testing.T) {
	for _, d := range providers.All() {
		if d.Connect == nil {
			t.Errorf("%s has no Connect", d.Name)
			continue
		}
		sandbox := api.Connection{Config: api.Config{BaseURL: "http://127.0.0.1:9" + d.SandboxPrefix, Sandbox: true},
			SandboxBase: "http://127.0.0.1:9", Embedded: true, EveryStep: true}
		made, err := d.Connect(sandbox)
		if err != nil {
			t.Errorf("%s on a sandbox: %v", d.Name, err)
			continue
		}
		p, ok := made.Provider.(flow.Provider)
		if !ok {
			t.Errorf("%s: %T is not a flow.Provider", d.Name, made.Provider)
			continue
		}
		if p.Name() != d.Name {
			t.Errorf("%s: the provider calls itself %q", d.Name, p.Name())
		}
		real := api.Connection{Config: api.Config{BaseURL: "https://api.example.com/"}, EveryStep: true,
			LocalAddress: func() string { return "192.0.2.1" }}
		if _, err := d.Connect(real); err == nil || !strings.Contains(err.Error(), "set ") {
			t.Errorf("%s with nothing configured: %v, want an error naming a setting", d.Name, err)
		}
	}
}
