package finhub

import "github.com/onboard-cli/onboard/api"

// orgStatuses are the statuses FinHub documents for an organisation
// (openapi.yaml, the Organization schema's status) and for its
// activation (ACTIVATING while the wallet is made).
func orgStatuses() []string {
	return []string{"PENDING_VERIFICATION", "PENDING_ACTIVATION", "ACTIVATING", "ACTIVE"}
}

// orgAccount maps an organisation's status as FinHub reports it to the
// account state every adapter reports (api.Account): ACTIVE is active, the
// documented steps before it are pending, anything else is unknown and
// never onboarded.
func orgAccount(status string) api.Account {
	switch status {
	case "ACTIVE":
		return api.AccountActive
	case "PENDING_VERIFICATION", "PENDING_ACTIVATION", "ACTIVATING":
		return api.AccountPending
	}
	return api.AccountUnknown
}
