package tui

import (
	"strings"
	"time"

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
// The screen replays the change on its "sca" tick.
type approval struct {
	waiting bool
	codes   []qrCode // the join code's, when there is one
}

// answered takes a change's result: while the bank asks for the approval
// it waits (the Cmd ticks "sca"), and ok says the result was the wait's;
// otherwise the wait is over.
func (a *approval) answered(c *common, err error) (cmd tea.Cmd, ok bool) {
	if ch, pending := api.SCAPending(err); pending {
		if !a.waiting && ch.JoinCode != "" {
			a.codes = newQRCodes(ch.JoinCode)
		}
		a.waiting = true
		return c.tick(scaEvery, "sca"), true
	}
	if r, refused := api.SCAFailure(err); refused && r == flow.SCAStillWaiting {
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
