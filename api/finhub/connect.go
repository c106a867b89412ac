package finhub

import (
	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox/defaults"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Connect makes the FinHub provider. On a sandbox the tenant, its key and
// secret, and the review page default to the sandbox's; for FinHub itself
// they must be given.
func Connect(c api.Connection) (api.Connected, error) {
	tenant := Tenant{
		ID:     c.SandboxOr(c.TenantID, defaults.FinHubTenantID),
		Key:    c.SandboxOr(c.APIKey, defaults.FinHubTenantKey),
		Secret: c.SandboxOr(c.APISecret, defaults.FinHubTenantSecret),
	}
	switch {
	case tenant.ID == "":
		return api.Connected{}, i18n.Errorf("no FinHub tenant: set --tenant-id, ONBOARD_TENANT_ID or tenant_id in the config file")
	case tenant.Key == "" || tenant.Secret == "":
		return api.Connected{}, i18n.Errorf("no FinHub tenant key and secret: set ONBOARD_API_KEY and ONBOARD_API_SECRET (never flags: the command line is public)")
	}
	var opts ProviderOptions
	if c.SandboxBase != "" {
		opts.ReviewPage = defaults.FinHubReviewPage(c.SandboxBase)
	}
	ip := c.Address() // FinHub records it (X-Forwarded-For)
	client, err := New(c.Config, tenant, Device{ForwardedFor: ip})
	if err != nil {
		return api.Connected{}, err
	}
	return api.Connected{Provider: NewProvider(client, opts), IPAddress: ip}, nil
}
