// Package defaults is what a client needs to know to use an onboard
// sandbox (embedded or on this machine) without linking it: the partner,
// keys and tenant every sandbox accepts, and where its pages are. The
// sandbox (package sandbox) takes its defaults from here, and each
// provider's Connect (api/<provider>/connect.go) falls back to them when
// it talks to a sandbox.
package defaults

const (
	// PartnerName is the LinkCy partner of a sandbox with no other.
	PartnerName = "onboard-sandbox"
	// WeavrAPIKey is the sandbox's Weavr programme api-key.
	WeavrAPIKey = "onboard-sandbox-weavr-key"
	// WeavrProfileID is its Weavr consumer profile.
	WeavrProfileID = "110000000"
	// FinHubTenantID is the sandbox's FinHub tenant.
	FinHubTenantID = "6f6e626f-6172-4400-8000-73616e64626f"
	// FinHubTenantKey and FinHubTenantSecret open FinHub customer
	// sessions on it.
	FinHubTenantKey    = "onboard-sandbox-tenant-key"
	FinHubTenantSecret = "onboard-sandbox-tenant-secret"
)

// WeavrKYCPage is the page that stands in for a partner's page embedding
// Weavr's KYC component, on the sandbox at base.
func WeavrKYCPage(base string) string {
	return base + "/sandbox/weavr/kyc?reference={reference}"
}

// FinHubReviewPage is the page that stands in for FinHub's reviewers, on
// the sandbox at base; {verification} is the verification's id.
func FinHubReviewPage(base string) string {
	return base + "/sandbox/finhub/review/{verification}"
}
