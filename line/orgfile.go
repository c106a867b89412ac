package line

import (
	"errors"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// LoadOrganization reads and checks --organization FILE for provider,
// with the provider's organisation plan: a
// problem anywhere in it is named by its path in the file
// ("shareholders[1].share: …"), all of them at once, before any call.
func LoadOrganization(path, provider string, now time.Time) (flow.Organization, flow.Plan, error) {
	desc, ok := providers.Lookup(provider)
	if !ok {
		return flow.Organization{}, nil, exit.With(exit.Usage, i18n.Errorf("provider %q is not one onboard speaks; choose %s", provider, providers.Names()))
	}
	p, ok := desc.Plan(finhub.PlanOrganization)
	if !ok {
		return flow.Organization{}, nil, exit.With(exit.Usage, i18n.Errorf("--organization: %s onboards people, not companies; use --provider finhub", desc.Title))
	}
	org, err := flow.LoadOrganization(path)
	if err != nil {
		return flow.Organization{}, nil, exit.With(exit.Usage, i18n.Errorf("--organization %s: %v", path, err))
	}
	problems := org.CheckDocumentFiles()
	var more flow.Problems
	if err := org.Validate(now); errors.As(err, &more) {
		problems = append(more, problems...)
	} else if err != nil {
		return flow.Organization{}, nil, exit.With(exit.Usage, i18n.Errorf("--organization %s: %v", path, err))
	}
	if len(problems) > 0 {
		lines := make([]string, len(problems))
		for i, p := range problems {
			lines[i] = "  " + p.Error()
		}
		return flow.Organization{}, nil, exit.With(exit.Usage, i18n.Errorf("--organization %s: fix these and run onboard again:\n%s", path, strings.Join(lines, "\n")))
	}
	return org, flow.Plan(p.Steps), nil
}
