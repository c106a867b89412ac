package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// detailView shows one consumer: every status, the plan's steps done and
// to do, and the next one in a sentence.
func (a *Agent) detailView() string {
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

// kycView shows a fresh KYC link as a QR code for the customer's phone,
// with what to do beside it and the link in full below it.
func (a *Agent) kycView() string {
	s := a.c.styles
	status := s.Muted.Render("KYC status ") + kycStyle(s, a.cur.KYC).Render(string(a.cur.KYC)) + "\n" + s.Muted.Render("r refreshes it")
	text := func(w int) string {
		return lipgloss.NewStyle().Width(w).Render(s.Title.Render("Identity check for "+strings.TrimSpace(a.cur.FirstName+" "+a.cur.LastName)) +
			"\n\n" + s.Text.Render("Ask the customer to scan the code with their phone's camera and follow the steps.") + "\n\n" + status)
	}
	link := s.URL.Render(a.link.URL)
	q, ok := fit(a.codes, a.winW-30, a.winH-5) // the header, a blank line, the link, the banner and the help line
	if !ok {
		w, h := smallest(a.codes)
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
