package api

// Connection is what a provider's client is made from (Descriptor.Connect):
// where its API is, the run's HTTP client and debug log, and what the
// person configured. Keys and secrets come from the environment only.
type Connection struct {
	// Config is the client's: BaseURL, HTTPClient, Version, Logger and
	// whether the server is a sandbox.
	Config Config
	// SandboxBase is the root URL of an onboard sandbox serving the API
	// (the embedded one, or one on this machine), else "". The sandbox's
	// partner, keys and pages (api/sandbox/defaults) fill what is not set.
	SandboxBase string
	// Embedded: the API is the embedded sandbox of this run (or of
	// onboard serve); LinkCy's partner is then the sandbox's own unless
	// Partner names a session's.
	Embedded bool
	// Partner is LinkCy's partner name.
	Partner string
	// APIKey and APISecret are Weavr's api-key and FinHub's tenant key and
	// secret.
	APIKey, APISecret string
	// ProfileID and KYCPage are Weavr's consumer profile and the partner's
	// page embedding its KYC component.
	ProfileID, KYCPage string
	// TenantID is FinHub's tenant.
	TenantID string
	// EveryStep: every step will run (Weavr then needs its KYC page);
	// false when only consumers are read (onboard status).
	EveryStep bool
	// LocalAddress is this machine's address as the provider will see it,
	// for a provider that records it; nil means 127.0.0.1.
	LocalAddress func() string
}

// Connected is a provider made from a Connection.
type Connected struct {
	// Provider speaks the provider's API as flow's interfaces ask
	// (flow/provider.go); package api does not import flow, so the
	// caller asserts it, and the registry's test holds every provider
	// to it.
	Provider any
	// Partner is whose messages the sandbox phone shows ("" for every
	// one on the sandbox).
	Partner string
	// IPAddress is the address the provider records for this machine
	// (the consent's IP), or "".
	IPAddress string
}

// SandboxOr is v, or def when v is empty and c is a sandbox's: what a
// sandbox fills in that a real provider needs to be told.
func (c Connection) SandboxOr(v, def string) string {
	if v == "" && c.SandboxBase != "" {
		return def
	}
	return v
}

// Address is this machine's address as the provider sees it: 127.0.0.1
// on a sandbox, else what LocalAddress finds.
func (c Connection) Address() string {
	if c.SandboxBase != "" || c.LocalAddress == nil {
		return "127.0.0.1"
	}
	return c.LocalAddress()
}
