package api

// Descriptor is what onboard knows of a provider beside its calls: its
// names, the plans a person goes through with it, where its API lives on
// the embedded sandbox, and how `onboard status` finds a consumer. Each
// provider's package has one (Describe), and the providers package lists
// them: nothing else in onboard asks a provider's name what to do.
type Descriptor struct {
	// Name is the provider as --provider takes it ("linkcy").
	Name string
	// Title is the provider as a person writes it ("LinkCy").
	Title string
	// Plans are the orders of step kinds a person goes through, the
	// first the one onboard runs unless told otherwise.
	Plans []Plan
	// SandboxPrefix is where its API lives on the embedded sandbox,
	// under the sandbox's root ("/linkcy/").
	SandboxPrefix string
	// Lookup says how `onboard status` finds a consumer.
	Lookup Lookups
	// SandboxTerms: the embedded sandbox's terms for this provider are the
	// ones in assets, so the first frame can show them before the sandbox
	// has started (sandbox.DefaultTerms).
	SandboxTerms bool
	// Connect makes the provider from what the person configured; its
	// errors say which setting is missing or wrong.
	Connect func(Connection) (Connected, error)
}

// Plan is one named order of step kinds; StepDone is implied at the end.
type Plan struct {
	Name  string // "individual"
	Steps []Step
}

// Lookups says how `onboard status` finds a consumer with a provider.
type Lookups struct {
	// AsPartner: the partner's own API searches its consumers (by id,
	// phone, external id or email); otherwise status logs in as the
	// consumer, whose login is the email address.
	AsPartner bool
	// None: the provider has no way to find a consumer but the one
	// onboarding on this machine.
	None bool
	// How is what to type to name a consumer, for the sentence that asks.
	How string
}

// Plan returns the plan named name (the first for ""), and false when
// the provider has none by that name.
func (d Descriptor) Plan(name string) (Plan, bool) {
	for _, p := range d.Plans {
		if name == "" || p.Name == name {
			return p, true
		}
	}
	return Plan{}, false
}
