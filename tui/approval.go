package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// scaEvery is how often a change waiting for strong customer
// authentication is replayed to learn whether it was approved.
const scaEvery = 2 * time.Second

// approval is the wait for the bank's approval of a change of number or
// address (flow.Engine.ChangeContact, and SaveEmail in place of an
// address the provider has), shared by the change screen and the email
// step: a push to the phone, or a join code shown as text and QR code.
// It replays the change on its "sca" tick and on enter, cancels it on
// esc, and gives up when flow.SCAWaitOver says the wait is over, saying
// flow.SCANotApproved, as line mode does.
type approval struct {
	waiting bool
	since   time.Time // when the wait began, as the screens' clock says
	codes   []qrCode  // the join code's, when there is one
	// replay sends the change again; cancel is the screen's part of
	// leaving it on esc, and resume its part when the wait is over (the
	// fields as typed, as after a refusal): the state's challenge is
	// already cleared. resume may be nil.
	replay, cancel, resume func() tea.Cmd
}

// update handles the wait's messages: the "sca" tick, enter and esc, and
// any other key while it waits (swallowed). handled is false for a
// message that is the screen's.
func (a *approval) update(c *common, msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case tickMsg:
		if msg.what != "sca" {
			return nil, false
		}
		if !a.waiting || c.busy() {
			return nil, true
		}
		if flow.SCAWaitOver(a.since, c.now(), c.opts.Policy) {
			return a.giveUp(c), true
		}
		return a.replay(), true
	case tea.KeyPressMsg:
		if !a.waiting {
			return nil, false
		}
		switch {
		case key.Matches(msg, c.keys.Enter) && !c.busy():
			return a.replay(), true
		case key.Matches(msg, c.keys.Back):
			return a.leave(c), true
		}
		return nil, true
	}
	return nil, false
}

// leave cancels the change: a new try asks anew.
func (a *approval) leave(c *common) tea.Cmd {
	c.st.SCA, c.st.SCAFor = api.SCAChallenge{}, api.Contact{}
	a.stop()
	return a.cancel()
}

// giveUp ends a wait flow.SCAWaitOver says is over: nothing was changed,
// a new try asks anew, the screen shows what was typed, and the banner
// says flow.SCANotApproved, as a refusal's reason.
func (a *approval) giveUp(c *common) tea.Cmd {
	c.st.SCA, c.st.SCAFor = api.SCAChallenge{}, api.Contact{}
	a.stop()
	said := func() tea.Msg { return bannerMsg{text: c.T(flow.SCANotApproved)} }
	if a.resume == nil {
		return said
	}
	return tea.Batch(a.resume(), said)
}

// keys are the wait's keys.
func (a *approval) keys(c *common) []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.T("check now"))),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("cancel the change")))}
}

// answered takes a change's result: while the bank asks for the approval
// it waits (the Cmd ticks "sca"), and ok says the result was the wait's;
// otherwise the wait is over.
func (a *approval) answered(c *common, err error) (cmd tea.Cmd, ok bool) {
	if ch, pending := api.SCAPending(err); pending {
		if !a.waiting {
			a.since = c.now()
			if ch.JoinCode != "" {
				a.codes = newQRCodes(ch.JoinCode)
			}
		}
		a.waiting = true
		return c.tick(scaEvery, "sca"), true
	}
	if r, refused := api.SCAFailure(err); refused && r == flow.SCAStillWaiting {
		if a.waiting && flow.SCAWaitOver(a.since, c.now(), c.opts.Policy) {
			return a.giveUp(c), true
		}
		return c.tick(scaEvery, "sca"), true
	}
	a.stop()
	return nil, false
}

// stop ends the wait.
func (a *approval) stop() { a.waiting, a.codes = false, nil }

// isApprovalWait reports whether err is the wait for an approval rather
// than an error: the screen shows it, not the banner.
func isApprovalWait(err error) bool {
	if _, ok := api.SCAPending(err); ok {
		return true
	}
	r, ok := api.SCAFailure(err)
	return ok && r == flow.SCAStillWaiting
}

// view is the wait, spin the spinner's frame.
func (a *approval) view(c *common, spin string) string {
	st := c.styles
	lines := []string{st.Title.Render(c.T("Approve this on your phone"))}
	join := c.st.SCA.JoinCode
	if join == "" {
		lines = append(lines, st.Text.Width(c.width).Render(c.T("The bank sent a request to its app on your phone to approve this change. Approve it there; onboard carries on by itself.")))
	} else {
		lines = append(lines, st.Text.Width(c.width).Render(c.T("Open the bank's app on your phone and enter this join code, or scan it:")),
			"", "  "+st.Accent.Render(api.SanitizeLine(join)))
		if q, ok := fit(a.codes, c.width, c.height-8); ok {
			lines = append(lines, "", q.render())
		}
	}
	lines = append(lines, "", spin+" "+c.T("Waiting for your approval…"))
	return strings.Join(lines, "\n")
}
