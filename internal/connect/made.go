package connect

import (
	"fmt"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
)

// Made is a provider made for a run: the client flow drives, LinkCy's
// partnerName, this machine's address towards it, and on a sandbox the
// client of its outbox (nil for a real provider).
type Made struct {
	Provider  flow.Provider
	Partner   string
	IPAddress string
	Outbox    *outbox.Client
}

// Make makes the provider d describes from c with d's Connect; its
// refusal is a usage error (a setting is missing or wrong).
func Make(d api.Descriptor, c api.Connection) (Made, error) {
	made, err := d.Connect(c)
	if err != nil {
		return Made{}, exit.With(exit.Usage, err)
	}
	p, ok := made.Provider.(flow.Provider)
	if !ok {
		return Made{}, fmt.Errorf("%s: its client does not speak what flow asks (flow/provider.go)", d.Title)
	}
	m := Made{Provider: p, Partner: made.Partner, IPAddress: made.IPAddress}
	if c.SandboxBase != "" {
		m.Outbox = outbox.NewClient(c.SandboxBase, c.Config.HTTPClient).ForPartner(made.Partner)
	}
	return m, nil
}

// SandboxBase is the root of a sandbox on this machine whose API for the
// provider is at apiURL: apiURL without its sandbox prefix (prefix,
// "/linkcy/").
func SandboxBase(apiURL, prefix string) string {
	return strings.TrimSuffix(strings.TrimSuffix(apiURL, "/"), strings.TrimSuffix(prefix, "/"))
}

// DefaultPlan is the plan onboard runs with the provider d describes;
// the registry's test holds every provider to having one.
func DefaultPlan(d api.Descriptor) flow.Plan {
	p, _ := d.Plan("")
	return flow.Plan(p.Steps)
}
