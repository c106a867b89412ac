package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/line"
)

// statusFlags are `onboard status`'s flags.
type statusFlags struct {
	consumer, phone, externalID, email string
	passwordStdin, jsonOut             bool
	debugFile                          string
	// organization: the company onboarding in progress here (FinHub).
	organization bool
}

func newStatusCmd(e *env) *cobra.Command {
	var f statusFlags
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Where a consumer stands, and their next step",
		Long: `status shows where a consumer stands with the provider — every status, the
steps of the onboarding done and to do — and what they do next.

With no flag it reports on the onboarding in progress on this machine (the
one "onboard" would resume). LinkCy consumers are looked up as the partner:
the login is --partner-user (env ONBOARD_PARTNER_USER) and its password
comes from env ONBOARD_PARTNER_PASSWORD or a prompt; the embedded sandbox
and one on this machine need neither. Weavr gives a partner no lookup, so a
Weavr consumer's status is read by logging in as them: --email, and the
password asked for or given on stdin with --password-stdin.

Exit codes: 0 the consumer was found (onboarded or not: see "onboarded" in
--json), 1 not found or an error, 2 a usage error.`,
		Example: `  # The onboarding in progress here
  onboard status

  # A LinkCy consumer, as JSON for a script
  onboard status --phone +33612345678 --json
  onboard status --external-id crm-42

  # The company onboarding in progress here (FinHub)
  echo "$PASSWORD" | onboard status --provider finhub --organization \
      --password-stdin

  # A Weavr consumer on the embedded sandbox
  echo "$PASSWORD" | onboard status --provider weavr \
      --email ada@example.com --password-stdin`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.settings(cmd.Flags())
			if err != nil {
				return err
			}
			return runStatus(cmd.Context(), e, s, f)
		},
	}
	fl := cmd.Flags()
	config.Flags(fl, config.FlagProvider, config.FlagAPIURL, config.FlagPartner, config.FlagPartnerUser, config.FlagProfileID, config.FlagTenantID, config.FlagInsecure)
	fl.StringVar(&f.consumer, "consumer", "", "the consumer id LinkCy gave")
	fl.StringVar(&f.phone, "phone", "", "the consumer's phone number, e.g. +33612345678 (LinkCy)")
	fl.StringVar(&f.externalID, "external-id", "", "your own id for the consumer (LinkCy externalId)")
	fl.StringVar(&f.email, "email", "", "the consumer's email address (LinkCy; Weavr's login)")
	fl.BoolVar(&f.passwordStdin, "password-stdin", false, "Weavr: read the consumer's password from the first line of stdin")
	fl.BoolVar(&f.jsonOut, "json", false, "print the status as JSON on stdout (shape in the README)")
	fl.StringVar(&f.debugFile, "debug", "", "write a debug log to this file (secrets redacted)")
	fl.BoolVar(&f.organization, "organization", false, "the company onboarding in progress here (FinHub): the company, each person, the consents, the next step")
	cmd.MarkFlagsMutuallyExclusive("consumer", "phone", "external-id", "email", "organization")
	return cmd
}

// lookup is the consumer the flags name, with the phone checked and
// written in E.164; a phone without its +code is read in region, as the
// wizard reads it.
func (f statusFlags) lookup(region string) (api.Lookup, error) {
	q := api.Lookup{ConsumerID: strings.TrimSpace(f.consumer), ExternalID: strings.TrimSpace(f.externalID), Email: strings.TrimSpace(f.email)}
	if f.phone != "" {
		p, err := flow.ParsePhone(f.phone, region, assets.CallingCodes())
		if err != nil {
			return q, withCode(exitUsage, i18n.Errorf("--phone %q: %v", f.phone, err))
		}
		q.Phone = p.Phone.E164()
	}
	return q, nil
}

func runStatus(ctx context.Context, e *env, s settings, f statusFlags) error {
	if f.organization {
		return runOrgStatus(ctx, e, s, f)
	}
	q, err := f.lookup(regionFromLocale(e.getenv))
	if err != nil {
		return err
	}
	name := s.Provider.Value
	desc, _ := providers.Lookup(name)
	if err := lookupAllowed(desc, q); err != nil {
		return err
	}
	var password string
	if f.passwordStdin {
		if desc.Lookup.AsPartner {
			return withCode(exitUsage, i18n.Errorf("--password-stdin is for %s, whose status is read as the consumer; %s's is read as the partner (env ONBOARD_PARTNER_PASSWORD)", readAsConsumer(), desc.Title))
		}
		if password, err = readPasswordLine(e.stdin); err != nil {
			return withCode(exitUsage, err)
		}
	}
	t, err := openReader(ctx, s, f.debugFile)
	if err != nil {
		return err
	}
	defer t.close()
	saved := q == (api.Lookup{}) // the onboarding in progress here, which `onboard` resumes
	var who api.Who
	if saved {
		if q, who, err = savedLookup(t, name); err != nil {
			return err
		}
	}
	who.Email = q.Email
	var snap api.Snapshot
	if p, ok := t.provider.(*linkcy.Provider); ok && desc.Lookup.AsPartner {
		snap, err = partnerFind(ctx, e, s, t, p, q) // the partner's search is LinkCy's (api/linkcy/partner.go)
	} else {
		snap, err = consumerRead(ctx, e, t.provider, who, password)
	}
	if err != nil {
		return err
	}
	st := line.NewStatus(t.plan, t.provider.Name(), t.phone != nil, snap, t.provider.Needs())
	if f.jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	tr := e.printer(s.Lang.Value)
	st.Print(e.stdout, t.provider.Needs(), tr)
	if saved && !st.Onboarded {
		fmt.Fprintf(e.stdout, "\n%-12s %s\n", tr.T("continue"), tr.F("run onboard%s: it resumes at this step", providerFlag(name)))
	}
	return nil
}

// openReader opens the target to read consumers (onboard status and
// agent), with the debug log, if asked for, closed with the target.
func openReader(ctx context.Context, s settings, debugFile string) (*target, error) {
	return openReaderWith(ctx, s, debugFile, embedded{})
}

// openReaderWith is openReader, running an embedded sandbox as emb says.
func openReaderWith(ctx context.Context, s settings, debugFile string, emb embedded) (*target, error) {
	dlog, closeLog, err := openDebugLog(debugFile)
	if err != nil {
		return nil, err
	}
	t, err := openTarget(ctx, s, dlog, emb, forStatus)
	if err != nil {
		closeLog()
		return nil, err
	}
	closeTarget := t.close
	t.close = func() { closeTarget(); closeLog() }
	t.debugLog = dlog
	return t, nil
}

// readAsConsumer names the providers whose status is read as the
// consumer, with the consumer's password: "Weavr and FinHub".
func readAsConsumer() string {
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

// lookupAllowed refuses a way of naming a consumer the provider has not.
func lookupAllowed(d api.Descriptor, q api.Lookup) error {
	switch {
	case d.Lookup.None && q != (api.Lookup{}):
		return withCode(exitUsage, i18n.Errorf("%s has no lookup, and logs a customer in under the ids its registration gave: onboard status reads only the onboarding in progress here (no --consumer, --phone, --external-id or --email)", d.Title))
	case !d.Lookup.AsPartner && (q.ConsumerID != "" || q.Phone != "" || q.ExternalID != ""):
		return withCode(exitUsage, i18n.Errorf("a partner cannot look %s consumers up by id, phone or external id; name the consumer by their login instead: --email ADDRESS, with their password (asked, or --password-stdin)", d.Title))
	}
	return nil
}

// savedLookup names the consumer of the onboarding in progress on this
// machine for the target, from its progress file.
func savedLookup(t *target, provider string) (api.Lookup, api.Who, error) {
	p, ok, err := flow.LoadProgress(t.progressPath)
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
			return q, who, withCode(exitUsage, i18n.Errorf("no %s onboarding is in progress here, and %s has no lookup to find one", desc.Title, desc.Title))
		}
		return q, who, withCode(exitUsage, i18n.Errorf("no onboarding is in progress here for %s; say which consumer: %s", provider, desc.Lookup.How))
	}
	return q, who, nil
}

// partnerFind looks a LinkCy consumer up as the partner.
func partnerFind(ctx context.Context, e *env, s settings, t *target, p *linkcy.Provider, q api.Lookup) (api.Snapshot, error) {
	partner, user, err := partnerFor(e, s, t, p)
	if err != nil {
		return api.Snapshot{}, err
	}
	snap, err := partner.Find(ctx, q)
	switch {
	case errors.Is(err, api.ErrNotFound):
		return snap, i18n.Errorf("%s has no consumer with %s; check it, or onboard them: onboard%s", t.title(), q, continueFlags(q))
	case err != nil:
		return snap, partnerError(t, user, p, err)
	}
	return snap, nil
}

// partnerFor is the LinkCy partner of target t. On a sandbox (embedded,
// or on this machine) the login is the sandbox's own unless one is given;
// otherwise the password comes from the environment or a prompt.
func partnerFor(e *env, s settings, t *target, p *linkcy.Provider) (partner *linkcy.Partner, user string, err error) {
	user, password, err := partnerCredentials(s, t)
	if err != nil {
		return nil, "", err
	}
	if password == "" {
		if password, err = askSecret(e, "the partner password (login "+user+")", "env ONBOARD_PARTNER_PASSWORD"); err != nil {
			return nil, "", err
		}
	}
	return linkcy.NewPartner(p.Client(), t.partner, user, password), user, nil
}

// partnerCredentials is the partner login from the settings (a sandbox's
// own when none is set); the password is "" when it must be asked for.
func partnerCredentials(s settings, t *target) (user, password string, err error) {
	user, password = s.PartnerUser.Value, s.PartnerPassword.Value
	if t.phone != nil {
		user = cmp.Or(user, sandbox.DefaultPartnerUser)
		password = cmp.Or(password, sandbox.DefaultPartnerPassword)
	}
	if user == "" {
		return "", "", withCode(exitUsage, i18n.Errorf("no partner login: LinkCy consumers are looked up as the partner; set --partner-user, ONBOARD_PARTNER_USER or partner_user in the config file"))
	}
	return user, password, nil
}

// partnerError says what a failed partner call means: a refused login
// names the settings to check.
func partnerError(t *target, user string, p *linkcy.Provider, err error) error {
	if errors.Is(err, api.ErrUnauthorized) {
		return i18n.Errorf("%s refused the partner login %q; check ONBOARD_PARTNER_USER and ONBOARD_PARTNER_PASSWORD", t.title(), user)
	}
	return i18n.Errorf("%v: %v", flow.Explanation(err, p.Needs()), err)
}

// consumerRead reads a consumer by logging in as them, then logs out:
// Weavr and FinHub have no partner lookup.
func consumerRead(ctx context.Context, e *env, p flow.Provider, who api.Who, password string) (api.Snapshot, error) {
	if password == "" {
		pw, err := askSecret(e, "the password for "+who.Email, "--password-stdin")
		if err != nil {
			return api.Snapshot{}, err
		}
		password = pw
	}
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
	if ender, ok := p.(sessionEnder); ok {
		if err := ender.Logout(ctx, st.Session); err != nil {
			return st.Snapshot, i18n.Errorf("logging out of %s after reading the status: %v", providers.Title(p.Name()), err)
		}
	}
	return st.Snapshot, nil
}

// askSecret reads a secret (what, e.g. "the partner's password") without
// echo from the terminal; without one it is a usage error naming where
// the secret can come from instead.
func askSecret(e *env, what, from string) (string, error) {
	if !e.stdinTTY {
		return "", withCode(exitUsage, i18n.Errorf("stdin is not a terminal, so it cannot ask for %s: give it with %s", what, from))
	}
	return line.NewPrompter(e.stdin, e.stderr, e.stdinTTY, i18n.Printer{}).Ask("", line.Capitalize(what)+":", true, func(v string) error {
		if v == "" {
			return errors.New("type it, or press Ctrl+C to stop")
		}
		return nil
	})
}

// continueFlags are the wizard flags that name the consumer q.
func continueFlags(q api.Lookup) string {
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

// providerFlag is the --provider flag a command for provider needs.
func providerFlag(provider string) string {
	if provider == providers.Default().Name {
		return ""
	}
	return " --provider " + provider
}

// title is the provider's name as a person writes it: "LinkCy", or
// "the LinkCy sandbox", a message a printer translates.
func (t *target) title() *flow.Text {
	name := providers.Title(t.provider.Name())
	if t.phone != nil {
		return flow.Say("the %s sandbox", name)
	}
	return flow.Say("%s", name)
}
