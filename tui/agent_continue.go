package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
)

// continueOnboarding runs the customer's wizard for the consumer on
// show, from its first unfinished step as the partner's snapshot says.
// The run is assisted: before a password the keyboard goes to the
// customer, and its end comes back here.
func (a *Agent) continueOnboarding() tea.Cmd {
	if flow.StandingOf(a.o.Plan, a.cur).Onboarded() {
		a.banner, a.bannerOK = "Nothing to continue: every step is done.", true
		return nil
	}
	p, err := flow.ParsePhone(a.cur.Phone, "", a.o.Codes)
	if err != nil {
		a.banner, a.bannerOK = "This consumer's phone number ("+a.cur.Phone+") cannot be read, so onboard cannot continue for them.", false
		return nil
	}
	opts := *a.o.Wizard
	opts.Plan, opts.Assisted, opts.Save, opts.Notice = a.o.Plan, true, nil, nil
	opts.Codes, opts.Region, opts.Theme = a.o.Codes, a.o.Region, a.o.Theme
	if opts.Now == nil {
		opts.Now = a.o.Now
	}
	if opts.Engine.Now == nil {
		opts.Engine.Now = opts.Now // one clock for the run
	}
	opts.State = flow.State{Lang: a.o.Lang, Phone: p.Phone, ExternalID: a.cur.ExternalID}.Apply(a.cur)
	a.c.supersede() // a search or read still in flight is dropped
	a.busy, a.banner = "", ""
	a.wiz = New(a.c.ctx, opts)
	_, size := a.wiz.Update(tea.WindowSizeMsg{Width: a.winW, Height: a.winH})
	return tea.Batch(a.wiz.Init(), size)
}

// updateWizard passes every message to the customer's wizard, until it
// ends; then the console shows the consumer again, read afresh.
func (a *Agent) updateWizard(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case AssistEndedMsg:
		a.wiz, a.at = nil, a.detail
		cmd := a.find() // the partner's word on where the consumer stands now
		a.banner, a.bannerOK = a.assistOutcome(msg), msg.Err == nil
		return cmd
	}
	_, cmd := a.wiz.Update(msg)
	return cmd
}

// assistOutcome is the console's line for how an assisted run ended.
func (a *Agent) assistOutcome(m AssistEndedMsg) string {
	switch m.Ending {
	case EndDone:
		return "Onboarding complete: the consumer is verified."
	case EndWaiting:
		return "Stopped while the provider decides; press c to continue later."
	case EndFailed, EndDeclined:
		if m.Err != nil {
			return sentence(flow.Explain(m.Err, a.o.Needs))
		}
	}
	next := a.o.Plan.Next(m.State, a.c.now())
	return "Stopped at the " + inSentence(flow.Label(next, a.o.Needs)) + " step: press c to continue from there."
}

// inSentence is a step's label inside a sentence: lower case, but for an
// acronym ("KYC" stays "KYC", "Email" becomes "email").
func inSentence(label string) string {
	if label == strings.ToUpper(label) {
		return label
	}
	return strings.ToLower(label)
}
