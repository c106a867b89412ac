package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/connect"
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
	config.Flags(fl, config.FlagProvider, config.FlagAPIURL, config.FlagPartner, config.FlagPartnerUser, config.FlagProfileID, config.FlagTenantID, config.FlagLang, config.FlagInsecure)
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

func runStatus(ctx context.Context, e *env, s settings, f statusFlags) error {
	if f.organization {
		return runOrgStatus(ctx, e, s, f)
	}
	q, err := line.Named{Consumer: f.consumer, Phone: f.phone, ExternalID: f.externalID, Email: f.email}.Lookup(regionFromLocale(e.getenv))
	if err != nil {
		return err
	}
	name := s.Provider.Value
	desc, _ := providers.Lookup(name)
	if err := line.LookupAllowed(desc, q); err != nil {
		return err
	}
	if f.passwordStdin && desc.Lookup.AsPartner {
		return withCode(exitUsage, i18n.Errorf("--password-stdin is for %s, whose status is read as the consumer; %s's is read as the partner (env ONBOARD_PARTNER_PASSWORD)", line.ReadAsConsumer(), desc.Title))
	}
	saved := q == (api.Lookup{}) // the onboarding in progress here, which `onboard` resumes
	var who api.Who
	if saved { // read before the target opens: nothing in progress starts no sandbox
		path, err := progressPath(s)
		if err != nil {
			return err
		}
		if q, who, err = line.SavedLookup(path, name); err != nil {
			return err
		}
	}
	password, t, err := openStatusReader(ctx, e, s, f)
	if err != nil {
		return err
	}
	defer t.close()
	who.Email = q.Email
	var snap api.Snapshot
	if p, ok := t.provider.(*linkcy.Provider); ok && desc.Lookup.AsPartner {
		snap, err = partnerLogin(e, s, t, p).Find(ctx, q) // the partner's search is LinkCy's (api/linkcy/partner.go)
	} else {
		snap, err = consumerRead(ctx, e, s, t.provider, who, password)
	}
	if err != nil {
		return err
	}
	st := line.NewStatus(t.plan, t.provider.Name(), t.phone != nil, snap, t.provider.Needs())
	if f.jsonOut {
		return printJSON(e.stdout, st)
	}
	tr := e.printer(s.Lang.Value)
	st.Print(e.stdout, t.provider.Needs(), tr)
	if saved && !st.Onboarded {
		fmt.Fprintf(e.stdout, "\n%-12s %s\n", tr.T("continue"), tr.F("run onboard%s: it resumes at this step", line.ProviderFlag(name)))
	}
	return nil
}

// openStatusReader reads the password from stdin with --password-stdin
// ("" without), then opens the target status reads (openReader).
func openStatusReader(ctx context.Context, e *env, s settings, f statusFlags) (password string, t *target, err error) {
	if f.passwordStdin {
		if password, err = line.ReadPasswordLine(e.stdin); err != nil {
			return "", nil, withCode(exitUsage, err)
		}
	}
	t, err = openReader(ctx, s, f.debugFile)
	return password, t, err
}

// openReader opens the target to read consumers (onboard status and
// agent), with the debug log, if asked for, closed with the target.
func openReader(ctx context.Context, s settings, debugFile string) (*target, error) {
	return openReaderWith(ctx, s, debugFile, embedded{})
}

// openReaderWith is openReader, running an embedded sandbox as emb says.
func openReaderWith(ctx context.Context, s settings, debugFile string, emb embedded) (*target, error) {
	dlog, closeLog, err := connect.OpenDebugLog(debugFile)
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

// partnerLogin is how status and agent reach LinkCy as the partner of
// target t (line/partner.go): on a sandbox (embedded, or on this machine)
// the login is the sandbox's own unless one is given; otherwise the
// password comes from the environment or a prompt.
func partnerLogin(e *env, s settings, t *target, p *linkcy.Provider) line.PartnerLogin {
	l := line.PartnerLogin{Provider: p, Partner: t.partner, Title: t.title(), User: s.PartnerUser.Value, Password: s.PartnerPassword.Value,
		Ask: func(user string) (string, error) {
			return askSecret(e, s, flow.Say("the partner password (login %s)", user), "env ONBOARD_PARTNER_PASSWORD")
		}}
	if t.phone != nil {
		l.Sandbox = &[2]string{sandbox.DefaultPartnerUser, sandbox.DefaultPartnerPassword}
	}
	return l
}

// consumerRead reads a consumer by logging in as them (line.ReadConsumer),
// with password, or one asked for on the terminal.
func consumerRead(ctx context.Context, e *env, s settings, p flow.Provider, who api.Who, password string) (api.Snapshot, error) {
	password, err := passwordFor(e, s, who.Email, password)
	if err != nil {
		return api.Snapshot{}, err
	}
	return line.ReadConsumer(ctx, p, who, password)
}

// passwordFor is password, or, when it is "", the password for login
// asked for on the terminal (--password-stdin gives it otherwise).
func passwordFor(e *env, s settings, login, password string) (string, error) {
	if password != "" {
		return password, nil
	}
	return askSecret(e, s, flow.Say("the password for %s", login), "--password-stdin")
}

// askSecret is line.AskSecret on this run's terminal, in the person's
// language.
func askSecret(e *env, s settings, what *flow.Text, from string) (string, error) {
	return line.AskSecret(e.stdin, e.stderr, e.stdinTTY, e.printer(s.Lang.Value), what, from)
}

// title is the provider's name as a person writes it (line.Where).
func (t *target) title() *flow.Text { return line.Where(t.provider.Name(), t.phone != nil) }

// runOrgStatus reports on the company onboarding in progress here: it
// logs in as its first user (the password asked, or --password-stdin),
// reads the organisation and logs out.
func runOrgStatus(ctx context.Context, e *env, s settings, f statusFlags) error {
	run, err := orgStatusRun(s.Provider.Value)
	if err != nil {
		return err
	}
	path, err := progressPath(s) // read before the target opens: nothing in progress starts no sandbox
	if err != nil {
		return err
	}
	st, err := line.SavedOrganization(orgProgressPath(path), line.Where(s.Provider.Value, s.APIURL.Value == ""), s.Provider.Value)
	if err != nil {
		return err
	}
	password, t, err := openStatusReader(ctx, e, s, f)
	if err != nil {
		return err
	}
	defer t.close()
	run.apply(t)
	st, snap, err := readOrganization(ctx, e, s, t, st, password)
	if err != nil {
		return err
	}
	out := line.NewOrgStatus(t.provider.Name(), t.phone != nil, t.plan, st, snap)
	if f.jsonOut {
		return printJSON(e.stdout, out)
	}
	out.Print(e.stdout, e.printer(s.Lang.Value))
	return nil
}

// orgStatusRun is the organisation plan of provider, for status.
func orgStatusRun(provider string) (*organizationRun, error) {
	desc, _ := providers.Lookup(provider)
	p, ok := desc.Plan(finhub.PlanOrganization)
	if !ok {
		return nil, withCode(exitUsage, i18n.Errorf("--organization: %s onboards people, not companies; use --provider finhub", desc.Title))
	}
	return &organizationRun{plan: flow.Plan(p.Steps)}, nil
}

// readOrganization reads the company's organisation as its first user
// (line.ReadOrganization), with password or one asked for on the
// terminal.
func readOrganization(ctx context.Context, e *env, s settings, t *target, st flow.State, password string) (flow.State, api.OrgSnapshot, error) {
	password, err := passwordFor(e, s, st.Email, password)
	if err != nil {
		return st, api.OrgSnapshot{}, err
	}
	return line.ReadOrganization(ctx, t.engine(), t.title(), st, password)
}

// printJSON writes v to w as indented JSON: status's --json.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
