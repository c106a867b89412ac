package main

import (
	"context"
	"errors"
	"fmt"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/providers"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/browser"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/internal/remember"
	"github.com/onboard-cli/onboard/line"
	"github.com/onboard-cli/onboard/tui"
)

func newAgentCmd(e *env) *cobra.Command {
	var debugFile string
	var rememberToken bool
	cmd := &cobra.Command{
		Use:   "agent",
		Short: "The support agent's console: find a consumer, see every status, act for them",
		Long: `agent is a console for a support agent with a customer beside them: search
the partner's consumers (phone, email, external id or last name, with a KYC
filter), page through them, open one to see every status and the next step,
and act: continue their onboarding from its first unfinished step (the
wizard's own screens; before a password, a screen hands the keyboard to the
customer and nothing they type is shown), show a fresh KYC link as a QR code
for the customer's phone, send a new email verification link, or create a
consumer on their behalf.

It logs in as the partner: --partner-user (env ONBOARD_PARTNER_USER) and the
password from env ONBOARD_PARTNER_PASSWORD or a prompt without echo; the
embedded sandbox and one on this machine need neither. The token stays in
memory, or with --remember in the OS keyring (where there is none, a file
only you can read, said before it is written) until it expires, so the next
start asks for no password; onboard logout forgets it. It is LinkCy's:
Weavr gives a partner no consumer lookup.`,
		Example: `  # On the embedded sandbox, with the consumers earlier runs made
  onboard agent

  # At LinkCy
  ONBOARD_PARTNER_USER=ops onboard agent \
      --api-url https://api.sandbox.linkcy.cloud/ --partner acme`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.settings(cmd.Flags())
			if err != nil {
				return err
			}
			return runAgent(cmd.Context(), e, s, debugFile, rememberToken)
		},
	}
	config.Flags(cmd.Flags(), config.FlagProvider, config.FlagAPIURL, config.FlagPartner, config.FlagPartnerUser, config.FlagLang, config.FlagTheme, config.FlagInsecure)
	cmd.Flags().StringVar(&debugFile, "debug", "", "write a debug log to this file (secrets redacted)")
	cmd.Flags().BoolVar(&rememberToken, "remember", false, "keep the partner token in the OS keyring (else a file only you can read) until it expires: the next start needs no password")
	return cmd
}

func runAgent(ctx context.Context, e *env, s settings, debugFile string, rememberToken bool) error {
	if d, ok := providers.Lookup(s.Provider.Value); !ok || !d.Lookup.AsPartner {
		return withCode(exitUsage, i18n.Errorf("onboard agent works with LinkCy: %s gives a partner no consumer lookup (onboard status --provider %s reads one consumer with their password)", s.Provider.Value, s.Provider.Value))
	}
	if !e.stdinTTY || !e.stdoutTTY {
		return withCode(exitUsage, i18n.Errorf("onboard agent is a full-screen console and needs a terminal; a script can use onboard status --json"))
	}
	// An embedded sandbox starts in the background: the console paints first.
	t, err := openReaderWith(ctx, s, debugFile, embedded{background: true, beforeOpen: startHook(e.getenv), paint: newPaintGate()})
	if err != nil {
		return err
	}
	defer t.close()
	if rememberToken { // the kept token's store is read, or the login made, before the console
		if err := t.ready(); err != nil {
			return err
		}
	}
	p, ok := t.provider.(*linkcy.Provider) // the console's partner login is LinkCy's (api/linkcy/partner.go)
	if !ok {
		return withCode(exitUsage, i18n.Errorf("onboard agent has no partner console for %s", providers.Title(s.Provider.Value)))
	}
	partner, keep, notice, err := agentPartner(ctx, e, s, t, p, rememberToken)
	if err != nil {
		return err
	}
	defer keep() // the token may have been renewed meanwhile
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
	wizard := tuiOptions(e.getenv, s, wizardFlags{}, t, flow.State{}, nil)
	wizard.OpenURL = browser.Opener(e.getenv)
	wizard.Printer = e.printer(s.Lang.Value) // the customer's, for each run continued
	agent := tui.NewAgent(ctx, tui.AgentOptions{Dir: partner, Needs: p.Needs(), Plan: t.plan, Partner: t.partner,
		Sandbox: t.phone != nil, Region: regionFromLocale(e.getenv), Theme: s.Theme.Value,
		Wizard: &wizard, Lang: s.Lang.Value, Notice: notice, Ready: t.started})
	_, err = runGuarded(ctx, agent, e, t.debugLog, t.painted)
	if errors.Is(err, errCrashed) {
		return crashed(err, debugFile, "nothing of the customer's is lost: start onboard agent again")
	}
	if err := agent.StartErr(); err != nil {
		return err // as it was said before the console painted first
	}
	if err != nil && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled) {
		return i18n.Errorf("the agent console stopped: %v", err)
	}
	return nil
}

// agentPartner logs the partner in, or with rememberToken starts from the
// token an earlier run kept; keep then keeps the current one. notice, when
// not empty, says the token goes to a file (no OS keyring): it is printed
// before anything is written, and the console shows it too.
func agentPartner(ctx context.Context, e *env, s settings, t *target, p *linkcy.Provider, rememberToken bool) (partner *linkcy.Partner, keep func(), notice string, err error) {
	login := partnerLogin(e, s, t, p)
	user, _, err := login.Credentials()
	if err != nil {
		return nil, nil, "", err
	}
	keep = func() {}
	var store keystore.Store
	key := partnerKey(s, t, user)
	if rememberToken {
		if store, notice, err = openKeystore(e, i18n.Printer{}); err != nil {
			return nil, nil, "", err
		}
		if notice != "" {
			fmt.Fprintln(e.stderr, notice)
		}
		if tok, ok := remember.LoadPartnerTokens(store, key, time.Now()); ok {
			if partner, err = login.WithTokens(tok); err != nil {
				return nil, nil, "", err
			}
		}
	}
	if partner == nil {
		if partner, _, err = login.Open(); err != nil {
			return nil, nil, "", err
		}
		if t.started != nil && store == nil {
			// The embedded sandbox, still starting: its own partner
			// login is right, and is made on first use, in the console.
			return partner, keep, notice, nil
		}
		if err := login.LogIn(ctx, partner, user); err != nil {
			return nil, nil, "", err
		}
	}
	if store != nil {
		keep = func() {
			if err := remember.SavePartnerTokens(store, key, partner.Tokens()); err != nil {
				fmt.Fprintln(e.stderr, "! "+line.Capitalize(err.Error()))
			}
		}
		keep()
	}
	return partner, keep, notice, nil
}
