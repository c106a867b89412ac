package linkcy

import (
	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox/defaults"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Connect makes the LinkCy provider for the partner c names; on the
// embedded sandbox, with none named, the sandbox's own.
func Connect(c api.Connection) (api.Connected, error) {
	partner := c.Partner
	if partner == "" && c.Embedded {
		partner = defaults.PartnerName
	}
	if partner == "" {
		return api.Connected{}, i18n.Errorf("no partner name: set --partner, ONBOARD_PARTNER or partner in the config file")
	}
	client, err := New(c.Config)
	if err != nil {
		return api.Connected{}, err
	}
	return api.Connected{Provider: NewProvider(client, partner), Partner: partner}, nil
}
