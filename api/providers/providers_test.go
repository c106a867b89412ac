package providers

import (
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
)

// TestRegistry: every provider is described whole and found by its name;
// a name onboard does not speak is not.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range All() {
		if d.Name == "" || d.Title == "" || !strings.HasPrefix(d.SandboxPrefix, "/") || !strings.HasSuffix(d.SandboxPrefix, "/") {
			t.Errorf("%q is described in part: %+v", d.Name, d)
		}
		if seen[d.Name] {
			t.Errorf("%q is listed twice", d.Name)
		}
		seen[d.Name] = true
		p, ok := d.Plan("")
		if !ok || len(p.Steps) == 0 {
			t.Errorf("%s has no plan", d.Name)
		}
		for _, s := range p.Steps {
			if s == api.StepDone || s.String() == "unknown" {
				t.Errorf("%s's plan holds %v, not a step a person does", d.Name, s)
			}
		}
		if got, ok := Lookup(d.Name); !ok || got.Name != d.Name {
			t.Errorf("Lookup(%q) = %v, %v", d.Name, got.Name, ok)
		}
		if !d.Lookup.None && d.Lookup.How == "" {
			t.Errorf("%s: status can look consumers up but does not say how", d.Name)
		}
	}
	if _, ok := Lookup("acme"); ok {
		t.Error("Lookup(acme) found a provider")
	}
	if Default().Name != "linkcy" || Names() != "linkcy, weavr or finhub" || Title("weavr") != "Weavr" || Title("acme") != "acme" {
		t.Errorf("Default %q, Names %q, Title(weavr) %q", Default().Name, Names(), Title("weavr"))
	}
	if _, ok := Default().Plan("organisation"); ok {
		t.Error("LinkCy has no organisation plan")
	}
}
