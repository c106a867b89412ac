package line

import (
	"cmp"
	"context"
	"errors"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// PartnerLogin is how onboard status and agent reach LinkCy as the
// partner (api/linkcy/partner.go): the partner's login, and where a
// missing password comes from.
type PartnerLogin struct {
	Provider *linkcy.Provider
	Partner  string     // LinkCy's partnerName
	Title    *flow.Text // the provider as a person names it (Where)
	// User and Password are the login as the settings give it; on a
	// sandbox, Sandbox's fills in what they leave empty.
	User, Password string
	Sandbox        *[2]string // a sandbox's own user and password; nil for a real LinkCy
	// Ask asks for the password when none is known.
	Ask func(user string) (string, error)
}

// Credentials is the login to use: the settings', a sandbox's own where
// they have none; the password is "" when it must be asked for. No user
// at all is a usage error naming the settings that give one.
func (l PartnerLogin) Credentials() (user, password string, err error) {
	user, password = l.User, l.Password
	if l.Sandbox != nil {
		user, password = cmp.Or(user, l.Sandbox[0]), cmp.Or(password, l.Sandbox[1])
	}
	if user == "" {
		return "", "", exit.With(exit.Usage, i18n.Errorf("no partner login: LinkCy consumers are looked up as the partner; set --partner-user, ONBOARD_PARTNER_USER or partner_user in the config file"))
	}
	return user, password, nil
}

// Open is the partner, its password asked for (Ask) when none is known.
func (l PartnerLogin) Open() (*linkcy.Partner, string, error) {
	user, password, err := l.Credentials()
	if err != nil {
		return nil, "", err
	}
	if password == "" {
		if password, err = l.Ask(user); err != nil {
			return nil, "", err
		}
	}
	return linkcy.NewPartner(l.Provider.Client(), l.Partner, user, password), user, nil
}

// Find looks consumer q up as the partner: one it does not know is said
// with the wizard's flags that would onboard them.
func (l PartnerLogin) Find(ctx context.Context, q api.Lookup) (api.Snapshot, error) {
	partner, user, err := l.Open()
	if err != nil {
		return api.Snapshot{}, err
	}
	snap, err := partner.Find(ctx, q)
	switch {
	case errors.Is(err, api.ErrNotFound):
		return snap, i18n.Errorf("%s has no consumer with %s; check it, or onboard them: onboard%s", l.Title, q, ContinueFlags(q))
	case err != nil:
		return snap, PartnerError(l.Title, user, l.Provider.Needs(), err)
	}
	return snap, nil
}

// WithTokens is the partner starting from tokens an earlier run kept
// (internal/remember); the password, if known without asking, is kept for
// when they lapse.
func (l PartnerLogin) WithTokens(tok linkcy.Tokens) (*linkcy.Partner, error) {
	user, password, err := l.Credentials()
	if err != nil {
		return nil, err
	}
	partner := linkcy.NewPartner(l.Provider.Client(), l.Partner, user, password)
	partner.UseTokens(tok)
	return partner, nil
}

// LogIn logs partner in; a refusal names the settings to check.
func (l PartnerLogin) LogIn(ctx context.Context, partner *linkcy.Partner, user string) error {
	if err := partner.Login(ctx); err != nil {
		return PartnerError(l.Title, user, l.Provider.Needs(), err)
	}
	return nil
}
