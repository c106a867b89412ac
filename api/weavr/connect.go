package weavr

import (
	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox/defaults"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Connect makes the Weavr provider. On a sandbox the key, profile and KYC
// page default to the sandbox's; for Weavr itself they must be given.
func Connect(c api.Connection) (api.Connected, error) {
	key := c.SandboxOr(c.APIKey, defaults.WeavrAPIKey)
	profile := c.SandboxOr(c.ProfileID, defaults.WeavrProfileID)
	page := c.KYCPage
	if page == "" && c.SandboxBase != "" {
		page = defaults.WeavrKYCPage(c.SandboxBase)
	}
	switch {
	case key == "":
		return api.Connected{}, i18n.Errorf("no Weavr API key: set ONBOARD_API_KEY (never a flag: the command line is public)")
	case profile == "":
		return api.Connected{}, i18n.Errorf("no Weavr profile: set --profile-id, ONBOARD_PROFILE_ID or profile_id in the config file")
	case page == "" && c.EveryStep:
		return api.Connected{}, i18n.Errorf("no KYC page: Weavr's KYC is a web component your page embeds; set --kyc-page to it, e.g. https://partner.example/kyc?reference={reference}")
	}
	client, err := New(c.Config, key)
	if err != nil {
		return api.Connected{}, err
	}
	p := NewProvider(client, ProviderOptions{ProfileID: profile, KYCPage: page})
	return api.Connected{Provider: p, IPAddress: c.Address()}, nil // Weavr records it
}
