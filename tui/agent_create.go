package tui

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// createForm is the agent's form for a consumer created on a customer's
// behalf: the phone (required), the names, the email and the partner's
// external id. Each field is checked as the wizard checks it, and an
// error shows beside its field.
type createForm struct {
	c      *common
	inputs []textinput.Model
	labels []string
	errs   []string
	at     int
}

// The form's fields, in order.
const (
	cfPhone = iota
	cfFirst
	cfLast
	cfEmail
	cfExternal
)

// wireField maps a provider's field name to the form's.
func wireField(name string) int {
	switch strings.ToLower(name) {
	case "phone", "phone.number", "phone.countrycode":
		return cfPhone
	case "firstname":
		return cfFirst
	case "lastname":
		return cfLast
	case "emailaddress", "email":
		return cfEmail
	case "externalid":
		return cfExternal
	}
	return -1
}

func newCreateForm(c *common) *createForm {
	f := &createForm{c: c, labels: []string{"Phone", "First name", "Last name", "Email", "External id"}}
	for _, ph := range []string{"+33 6 12 34 56 78", "optional", "optional", "optional", "your CRM's id, optional"} {
		f.inputs = append(f.inputs, newInput(c, ph, 36))
	}
	f.errs = make([]string, len(f.inputs))
	return f
}

func (f *createForm) focus() tea.Cmd {
	for i := range f.inputs {
		f.inputs[i].Blur()
	}
	return f.inputs[f.at].Focus()
}

// update moves between fields or types into the focused one.
func (f *createForm) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.c.keys.Next):
			f.at = (f.at + 1) % len(f.inputs)
			return f.focus()
		case key.Matches(k, f.c.keys.Prev):
			f.at = (f.at + len(f.inputs) - 1) % len(f.inputs)
			return f.focus()
		}
	}
	var cmd tea.Cmd
	f.inputs[f.at], cmd = f.inputs[f.at].Update(msg)
	f.errs[f.at] = ""
	return cmd
}

// setFieldError shows the provider's word on a field it refused.
func (f *createForm) setFieldError(wire, message string) {
	if f == nil {
		return
	}
	if i := wireField(wire); i >= 0 {
		f.errs[i] = api.SanitizeLine(message)
	}
}

// registration checks every field and returns the consumer to create;
// false when a field is wrong (its error is shown, the focus put on it).
func (f *createForm) registration(region string, codes []string) (api.Registration, bool) {
	val := func(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }
	var r api.Registration
	p, err := flow.ParsePhone(val(cfPhone), region, codes)
	if v := val(cfPhone); errors.Is(err, flow.ErrPhoneInvalid) && !strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "00") {
		// The form has no country to pick: the number is read in this
		// terminal's region, which the agent may not know.
		err = flow.Say("this is not a valid number here (%s); type it with + and its country code, e.g. +33 6 12 34 56 78", region)
	}
	if err != nil {
		f.errs[cfPhone] = sentence(err.Error())
	} else {
		r.Phone = p.Phone
	}
	for _, i := range []int{cfFirst, cfLast} {
		if v := val(i); v != "" {
			if err := flow.ValidateName(v); err != nil {
				f.errs[i] = sentence(err.Error())
			}
		}
	}
	if v := val(cfEmail); v != "" {
		if err := flow.ValidateEmail(v); err != nil {
			f.errs[cfEmail] = sentence(err.Error())
		}
	}
	r.FirstName, r.LastName, r.Email, r.ExternalID = val(cfFirst), val(cfLast), val(cfEmail), val(cfExternal)
	for i, e := range f.errs {
		if e != "" {
			f.at = i
			f.focus()
			return r, false
		}
	}
	return r, true
}

func (f *createForm) view() string {
	s := f.c.styles
	var b strings.Builder
	b.WriteString(s.Title.Render("A new consumer, on the customer's behalf") + "\n\n")
	for i, in := range f.inputs {
		label := s.Label.Render(f.labels[i])
		if i == f.at {
			label = s.Focused.Render(f.labels[i])
		}
		line := in.View()
		if f.errs[i] != "" {
			line += "\n" + s.Bad.Render(f.errs[i])
		}
		b.WriteString(field(label, line, f.c.width) + "\n")
	}
	b.WriteString("\n" + s.Muted.Render("The customer then accepts the terms and sets their password themselves, in onboard."))
	return b.String()
}

// createPage is the console's new-consumer form; form is nil while
// the page is not on show.
type createPage struct {
	a    *Agent
	form *createForm
}

func (p *createPage) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	a, k := p.a, p.a.k
	switch {
	case key.Matches(msg, k.back):
		p.form, a.banner = nil, ""
		return a.showSearch(), true
	case key.Matches(msg, k.submit):
		r, ok := p.form.registration(a.o.Region, a.o.Codes)
		if !ok {
			return nil, true
		}
		dir := a.o.Dir
		return a.call("create", "Creating the consumer…", func(ctx context.Context) agentResult {
			id, err := dir.Register(ctx, r)
			if err != nil {
				return agentResult{err: err}
			}
			snap, err := dir.Find(ctx, api.Lookup{ConsumerID: id})
			return agentResult{snap: snap, err: err}
		}), true
	}
	return nil, false
}

func (p *createPage) update(msg tea.Msg) tea.Cmd { return p.form.update(msg) }

func (p *createPage) keys() []key.Binding {
	k := p.a.k
	return []key.Binding{k.submit, k.field, k.back}
}

func (p *createPage) body() string { return p.form.view() }
