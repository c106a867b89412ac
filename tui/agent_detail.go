package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// detailPage shows one consumer (the console's cur): every status, the
// plan's steps done and to do, and the next one in a sentence; and acts
// for them: a new KYC link, a new email link, continue onboarding.
type detailPage struct{ a *Agent }

func (p detailPage) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	a, k := p.a, p.a.k
	switch {
	case key.Matches(msg, k.kyc):
		return p.newKYCLink(), true
	case key.Matches(msg, k.email):
		return p.newEmailLink(), true
	case key.Matches(msg, k.cont) && a.o.Wizard != nil:
		return a.continueOnboarding(), true
	case key.Matches(msg, k.refresh):
		return a.find(), true
	case key.Matches(msg, k.back):
		a.showList()
		a.banner = ""
		return a.runSearch("search", a.results.Page), true // statuses may have moved
	}
	return nil, true
}

func (p detailPage) update(tea.Msg) tea.Cmd { return nil }

func (p detailPage) keys() []key.Binding {
	k := p.a.k
	out := []key.Binding{k.kyc, k.email, k.refresh, k.back}
	if p.a.o.Wizard != nil {
		out = append([]key.Binding{k.cont}, out...)
	}
	return out
}

// newKYCLink asks for a fresh identity check, unless there is no need or
// no way yet.
func (p detailPage) newKYCLink() tea.Cmd {
	a := p.a
	switch {
	case a.cur.KYC == api.KYCApproved:
		a.banner, a.bannerOK = "The identity is already verified: no new link is needed.", true
		return nil
	case !a.cur.PhoneValidated:
		a.banner, a.bannerOK = "A KYC link needs a validated phone: the customer sets a password with the SMS secret first (onboard --phone "+a.cur.Phone+").", false
		return nil
	}
	dir, id := a.o.Dir, a.cur.ConsumerID
	return a.call("kyc", "Asking for a new KYC link…", func(ctx context.Context) agentResult {
		l, err := dir.StartKYC(ctx, id)
		if err == nil && l.URL != "" {
			if err = flow.CheckLink(l.URL); err != nil { // never drawn as a QR code
				return agentResult{err: err}
			}
		}
		return agentResult{link: l, err: err}
	})
}

// newEmailLink sends the email verification link again, unless there is
// no need or no address.
func (p detailPage) newEmailLink() tea.Cmd {
	a := p.a
	switch {
	case a.cur.EmailVerified:
		a.banner, a.bannerOK = "The email address is already verified: no link is needed.", true
		return nil
	case a.cur.Email == "":
		a.banner, a.bannerOK = "This consumer has no email address yet: the customer gives one in onboard.", false
		return nil
	}
	dir, id := a.o.Dir, a.cur.ConsumerID
	return a.call("email", "Sending the email link…", func(ctx context.Context) agentResult {
		return agentResult{err: dir.SendEmailVerification(ctx, id)}
	})
}

func (p detailPage) body() string {
	a := p.a
	s := a.c.styles
	c := a.cur
	name := strings.TrimSpace(c.FirstName + " " + c.LastName)
	if name == "" {
		name = "A consumer without a name yet"
	}
	var b strings.Builder
	b.WriteString(s.Title.Render(name) + s.Muted.Render("  "+c.ConsumerID) + "\n\n")
	row := func(label, value string) { b.WriteString(field(s.Label.Render(label), value, a.winW) + "\n") }
	yesNo := func(ok bool, yes, no string) string {
		if ok {
			return s.Good.Render(yes)
		}
		return s.Warn.Render(no)
	}
	if c.ExternalID != "" {
		row("External id", s.Value.Render(c.ExternalID))
	}
	phone := "none"
	if c.Phone != "" {
		phone = flow.FormatE164(c.Phone)
	}
	row("Phone", s.Value.Render(phone)+"  "+yesNo(c.PhoneValidated, "verified", "not verified"))
	if c.Email == "" {
		row("Email", s.Muted.Render("none"))
	} else {
		row("Email", s.Value.Render(c.Email)+"  "+yesNo(c.EmailVerified, "verified", "not verified"))
	}
	row("Terms", yesNo(c.TermsAccepted, "accepted", "not accepted"))
	row("KYC", kycStyle(s, c.KYC).Render(string(c.KYC)))
	var st []string
	for _, it := range c.Statuses {
		st = append(st, s.Muted.Render(it.Name+" ")+s.Text.Render(it.Value))
	}
	if len(st) > 0 {
		row("Statuses", strings.Join(st, s.Muted.Render(" · ")))
	}
	b.WriteString("\n")
	standing := flow.StandingOf(a.o.Plan, c)
	var steps []string
	for _, x := range standing.Steps {
		label := flow.Label(x.Step, a.o.Needs)
		if x.Step == flow.StepRegister && x.Done && !c.PhoneValidated {
			label += " given" // registered, not yet proved: the Phone row says "not verified"
		}
		switch {
		case x.Done:
			steps = append(steps, s.StepDone.Render("✓ "+label))
		case x.Step == standing.Next:
			steps = append(steps, s.StepNow.Render("→ "+label))
		default:
			steps = append(steps, s.StepTodo.Render("· "+label))
		}
	}
	row("Steps", strings.Join(steps, "  "))
	row("Next", s.Text.Render(flow.NextAction(standing.Next, c, a.o.Needs)))
	return b.String()
}

// kycPage shows a fresh KYC link as a QR code for the customer's phone,
// with what to do beside it and the link in full below it.
type kycPage struct {
	a     *Agent
	link  api.KYCLink
	codes []qrCode
	polls int // the reads of the consumer since the link was shown (follow)
}

func (p *kycPage) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	a, k := p.a, p.a.k
	switch {
	case key.Matches(msg, k.refresh):
		return a.find(), true
	case key.Matches(msg, k.back):
		return a.showDetail(), true
	}
	return nil, true
}

// update takes the follow tick: the consumer is read again, quietly.
func (p *kycPage) update(msg tea.Msg) tea.Cmd {
	a := p.a
	if t, ok := msg.(tickMsg); !ok || t.what != "follow" || t.gen != a.c.gen || a.at != p {
		return nil
	}
	dir, id := a.o.Dir, a.cur.ConsumerID
	return a.call("follow", "", func(ctx context.Context) agentResult {
		snap, err := dir.Find(ctx, api.Lookup{ConsumerID: id})
		return agentResult{snap: snap, err: err}
	})
}

// follow arms the next quiet read of the consumer while the link is on
// show and the check has not ended, paced by the wizard's poll policy, so
// that the status moves as the customer acts on their phone, as on the
// wizard's KYC screen.
func (p *kycPage) follow() tea.Cmd {
	a := p.a
	if a.at != p || a.cur.KYC == api.KYCApproved || flow.KYCEnded(a.cur.KYC) {
		p.polls = 0
		return nil
	}
	d := a.c.opts.Policy.Next(p.polls, 0)
	p.polls++
	return a.c.tick(d, "follow")
}

func (p *kycPage) keys() []key.Binding { return []key.Binding{p.a.k.refresh, p.a.k.back} }

// show puts link on show.
func (p *kycPage) show(link api.KYCLink) {
	p.link, p.codes = link, newQRCodes(link.URL)
	p.a.at = p
}

func (p *kycPage) body() string {
	a := p.a
	s := a.c.styles
	status := s.Muted.Render("KYC status ") + kycStyle(s, a.cur.KYC).Render(string(a.cur.KYC)) + "\n" + s.Muted.Render("It follows the customer's steps.")
	text := func(w int) string {
		return lipgloss.NewStyle().Width(w).Render(s.Title.Render("Identity check for "+strings.TrimSpace(a.cur.FirstName+" "+a.cur.LastName)) +
			"\n\n" + s.Text.Render("Ask the customer to scan the code with their phone's camera and follow the steps.") + "\n\n" + status)
	}
	link := link(s.URL, p.link.URL, a.winW)
	q, ok := fit(p.codes, a.winW-30, a.winH-5) // the header, a blank line, the link, the banner and the help line
	if !ok {
		w, h := smallest(p.codes)
		return text(a.winW) + "\n\n" + s.Warn.Render("The QR code needs a window of "+itoa(w+30)+"×"+itoa(h+5)+": make it larger, or send the link another way.") + "\n\n" + link
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, q.render(), "  ", text(a.winW-q.w-2)) + "\n" + link
}

// kycStyle colours a KYC status: green approved, red declined or
// aborted, amber anything in between.
func kycStyle(s Styles, k api.KYCStatus) lipgloss.Style {
	switch k {
	case api.KYCApproved:
		return s.Good.Bold(true)
	case api.KYCDeclined, api.KYCAborted:
		return s.Bad.Bold(true)
	}
	return s.Warn.Bold(true)
}
