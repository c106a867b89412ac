package line

import (
	"context"
	"errors"
	"strings"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Named is how onboard status names a consumer: the flags --consumer,
// --phone, --external-id and --email.
type Named struct {
	Consumer, Phone, ExternalID, Email string
}

// Lookup is the consumer n names, with the phone checked and written in
// E.164; a phone without its +code is read in region, as the wizard reads
// it.
func (n Named) Lookup(region string) (api.Lookup, error) {
	q := api.Lookup{ConsumerID: strings.TrimSpace(n.Consumer), ExternalID: strings.TrimSpace(n.ExternalID), Email: strings.TrimSpace(n.Email)}
	if n.Phone != "" {
		p, err := flow.ParsePhone(n.Phone, region, assets.CallingCodes())
		if err != nil {
			return q, exit.With(exit.Usage, i18n.Errorf("--phone %q: %v", n.Phone, err))
		}
		q.Phone = p.Phone.E164()
	}
	return q, nil
}

// ReadAsConsumer names the providers whose status is read as the
// consumer, with the consumer's password: "Weavr and FinHub".
func ReadAsConsumer() string {
	var titles []string
	for _, d := range providers.All() {
		if !d.Lookup.AsPartner {
			titles = append(titles, d.Title)
		}
	}
	if n := len(titles); n > 1 {
		return strings.Join(titles[:n-1], ", ") + " and " + titles[n-1]
	}
	return strings.Join(titles, "")
}

// LookupAllowed refuses a way of naming a consumer the provider has not.
func LookupAllowed(d api.Descriptor, q api.Lookup) error {
	switch {
	case d.Lookup.None && q != (api.Lookup{}):
		return exit.With(exit.Usage, i18n.Errorf("%s has no lookup, and logs a customer in under the ids its registration gave: onboard status reads only the onboarding in progress here (no --consumer, --phone, --external-id or --email)", d.Title))
	case !d.Lookup.AsPartner && (q.ConsumerID != "" || q.Phone != "" || q.ExternalID != ""):
		return exit.With(exit.Usage, i18n.Errorf("a partner cannot look %s consumers up by id, phone or external id; name the consumer by their login instead: --email ADDRESS, with their password (asked, or --password-stdin)", d.Title))
	}
	return nil
}

// SavedLookup names the consumer of the onboarding in progress on this
// machine with provider, from its progress file at progressPath.
func SavedLookup(progressPath, provider string) (api.Lookup, api.Who, error) {
	p, ok, err := flow.LoadProgress(progressPath)
	if err != nil {
		return api.Lookup{}, api.Who{}, err
	}
	var q api.Lookup
	who := api.Who{ConsumerID: p.ConsumerID, UserID: p.UserID, Phone: api.Phone{CallingCode: p.CallingCode, National: p.NationalNumber}}
	desc, _ := providers.Lookup(provider)
	switch {
	case ok && desc.Lookup.AsPartner:
		q.ConsumerID = p.ConsumerID
		if q.ConsumerID == "" && p.NationalNumber != "" {
			q.Phone = api.Phone{CallingCode: p.CallingCode, National: p.NationalNumber}.E164()
		}
	case ok:
		q.Email = p.Email // the consumer's login
	}
	if q == (api.Lookup{}) {
		if desc.Lookup.None {
			return q, who, exit.With(exit.Usage, i18n.Errorf("no %s onboarding is in progress here, and %s has no lookup to find one; start one with onboard%s", desc.Title, desc.Title, ProviderFlag(provider)))
		}
		return q, who, exit.With(exit.Usage, i18n.Errorf("no onboarding is in progress here for %s; say which consumer: %s", provider, desc.Lookup.How))
	}
	return q, who, nil
}

// SessionEnder is a provider that can end a session (Weavr's POST
// /logout). LinkCy documents no such call.
type SessionEnder interface {
	Logout(ctx context.Context, s api.Session) error
}

// ReadConsumer reads a consumer by logging in as them with password, then
// logs out: Weavr and FinHub have no partner lookup.
func ReadConsumer(ctx context.Context, p flow.Provider, who api.Who, password string) (api.Snapshot, error) {
	eng := flow.Engine{P: p}
	st, err := eng.Login(ctx, flow.State{Email: who.Email, ConsumerID: who.ConsumerID, UserID: who.UserID}, password)
	if err != nil {
		return api.Snapshot{}, flow.Explanation(err, p.Needs())
	}
	snap := &st.Snapshot // what the provider does not say, this machine knows
	if snap.Email == "" {
		snap.Email = who.Email
	}
	if snap.Phone == "" && who.Phone.National != "" {
		snap.Phone = who.Phone.E164()
	}
	if ender, ok := p.(SessionEnder); ok {
		if err := ender.Logout(ctx, st.Session); err != nil {
			return st.Snapshot, i18n.Errorf("logging out of %s after reading the status: %v", providers.Title(p.Name()), err)
		}
	}
	return st.Snapshot, nil
}

// PartnerError says what a failed partner call to title (the provider as
// a person names it) means: a refused login names the settings to check.
func PartnerError(title *flow.Text, user string, n api.Needs, err error) error {
	if errors.Is(err, api.ErrUnauthorized) {
		return i18n.Errorf("%s refused the partner login %q; check ONBOARD_PARTNER_USER and ONBOARD_PARTNER_PASSWORD", title, user)
	}
	return i18n.Errorf("%v: %v", flow.Explanation(err, n), err)
}

// ContinueFlags are the wizard flags that name the consumer q.
func ContinueFlags(q api.Lookup) string {
	switch {
	case q.Phone != "":
		return " --phone " + q.Phone
	case q.ExternalID != "":
		return " --external-id " + q.ExternalID
	case q.Email != "":
		return " --email " + q.Email
	}
	return ""
}

// ProviderFlag is the --provider flag a command for provider needs.
func ProviderFlag(provider string) string {
	if provider == providers.Default().Name {
		return ""
	}
	return " --provider " + provider
}

// Where is the provider as a person names it: "LinkCy", or "the LinkCy
// sandbox", a message a printer translates.
func Where(provider string, sandbox bool) *flow.Text {
	name := providers.Title(provider)
	if sandbox {
		return flow.Say("the %s sandbox", name)
	}
	return flow.Say("%s", name)
}
