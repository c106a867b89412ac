package main

import (
	"context"
	"errors"
	"fmt"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/tui"
)

func newAgentCmd(e *env) *cobra.Command {
	var debugFile string
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
memory. It is LinkCy's: Weavr gives a partner no consumer lookup.`,
		Example: `  # On the embedded sandbox, with the consumers earlier runs made
  onboard agent

  # At LinkCy
  ONBOARD_PARTNER_USER=ops onboard agent --api-url https://api.sandbox.linkcy.cloud/ --partner acme`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := resolveSettings(cmd.Flags(), e.getenv)
			if err != nil {
				return err
			}
			return runAgent(cmd.Context(), e, s, debugFile)
		},
	}
	settingFlags(cmd.Flags(), flagProvider, flagAPIURL, flagPartner, flagPartnerUser, flagLang, flagTheme)
	cmd.Flags().StringVar(&debugFile, "debug", "", "write a debug log to this file (secrets redacted)")
	return cmd
}

func runAgent(ctx context.Context, e *env, s settings, debugFile string) error {
	if s.Provider.Value != linkcy.Name {
		return withCode(exitUsage, fmt.Errorf("onboard agent works with LinkCy: %s gives a partner no consumer lookup (onboard status --provider %s reads one consumer with their password)", s.Provider.Value, s.Provider.Value))
	}
	if !e.stdinTTY || !e.stdoutTTY {
		return withCode(exitUsage, errors.New("onboard agent is a full-screen console and needs a terminal; a script can use onboard status --json"))
	}
	t, err := openReader(ctx, s, debugFile)
	if err != nil {
		return err
	}
	defer t.close()
	p := t.provider.(*linkcy.Provider)
	partner, user, err := partnerFor(e, s, t, p)
	if err != nil {
		return err
	}
	if err := partner.Login(ctx); err != nil {
		return partnerError(t, user, p, err)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
	wizard := tuiOptions(e.getenv, s, wizardFlags{}, t, flow.State{}, "")
	wizard.OpenURL = browserOpener(e.getenv)
	agent := tui.NewAgent(ctx, tui.AgentOptions{Dir: partner, Needs: p.Needs(), Plan: t.plan, Partner: t.partner,
		Sandbox: t.phone != nil, Region: regionFromLocale(e.getenv), Theme: s.Theme.Value,
		Wizard: &wizard, Lang: s.Lang.Value})
	_, err = tea.NewProgram(agent, tea.WithContext(ctx), tea.WithOutput(e.stdout), tea.WithFPS(tui.FPS)).Run()
	if err != nil && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("the agent console stopped: %w", err)
	}
	return nil
}
