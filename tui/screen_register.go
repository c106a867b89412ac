package tui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// The phone screen's fields, in tab order.
const (
	fieldCountry = iota
	fieldNumber
	fieldFirst
	fieldLast
	fieldEmail
	fieldBirth
	fieldGender
	fieldPassword
	fieldConfirm
	fieldCount
)

// pickerRows is how many matching countries the picker lists.
const pickerRows = 4

// registerScreen registers the consumer: a country picker with type-to-filter
// (name or calling code), the number with live validation and a preview in
// international and national format, and the optional names and email.
type registerScreen struct {
	c        *common
	focus    int
	inputs   [fieldCount]textinput.Model // the country's is its filter
	matches  []flow.Country
	cursor   int
	country  flow.Country
	parsed   flow.ParsedPhone
	perr     error
	fieldErr [fieldCount]string // in the person's language
	taken    bool
	order    []int // the fields this provider asks for, in tab order
	reveal   bool  // the password fields show what is typed (ctrl+t)
}

func newRegisterScreen(c *common) *registerScreen {
	if c.codes == nil {
		c.codes = flow.Countries(c.opts.Codes, c.st.Lang)
	}
	s := &registerScreen{c: c}
	needs := c.needs()
	s.order = []int{fieldCountry, fieldNumber, fieldFirst, fieldLast, fieldEmail}
	if needs.BirthDate {
		s.order = append(s.order, fieldBirth)
	}
	if needs.Gender {
		s.order = append(s.order, fieldGender)
	}
	if needs.PasswordAtRegister {
		s.order = append(s.order, fieldPassword, fieldConfirm)
	}
	opt := func(hint string) string {
		if needs.Names {
			return hint
		}
		return c.T("optional")
	}
	s.inputs[fieldCountry] = newInput(c, c.T("type a name or +code"), 30)
	s.inputs[fieldNumber] = newInput(c, "", 24)
	s.inputs[fieldFirst] = newInput(c, opt(c.T("e.g. Ada")), 30)
	s.inputs[fieldLast] = newInput(c, opt(c.T("e.g. Lovelace")), 30)
	emailHint := c.T("optional, e.g. ada@example.com")
	if needs.Email {
		emailHint = c.T("e.g. ada@example.com")
	}
	s.inputs[fieldEmail] = newInput(c, emailHint, 36)
	s.inputs[fieldBirth] = newInput(c, c.T("e.g. 1990-12-31"), 14)
	s.inputs[fieldBirth].SetValue(c.st.BirthDate.String())
	s.inputs[fieldGender] = newInput(c, c.T("female, male or other"), 22)
	s.inputs[fieldGender].SetValue(strings.ToLower(c.st.Gender))
	for _, f := range []int{fieldPassword, fieldConfirm} {
		s.inputs[f] = newInput(c, "", 30)
		s.inputs[f].EchoMode = textinput.EchoPassword
		s.inputs[f].EchoCharacter = '•'
	}
	s.inputs[fieldPassword].Placeholder = c.T("8 characters or more")
	s.inputs[fieldFirst].SetValue(c.st.FirstName)
	s.inputs[fieldLast].SetValue(c.st.LastName)
	s.inputs[fieldEmail].SetValue(c.st.Email)
	region := c.opts.Region
	if c.st.Phone.National != "" {
		s.inputs[fieldNumber].SetValue("+" + c.st.Phone.CallingCode + c.st.Phone.National)
		region = ""
	}
	if co, ok := flow.CountryOf(c.codes, region); ok {
		s.setCountry(co)
	} else if co, ok := flow.CountryOf(c.codes, "FR"); ok {
		s.setCountry(co)
	}
	s.refilter()
	s.revalidate()
	s.focus = fieldNumber
	if s.inputs[fieldNumber].Value() == "" && region == "" {
		s.focus = fieldCountry
	}
	s.focusField()
	return s
}

func (s *registerScreen) Label() string { return flow.Label(flow.StepRegister, s.c.needs()) }

func (s *registerScreen) Init() tea.Cmd { return nil }

func (s *registerScreen) setCountry(co flow.Country) {
	s.country = co
	s.inputs[fieldNumber].Placeholder = s.c.F("e.g. %s", flow.ExampleNumber(co.Region))
}

func (s *registerScreen) refilter() {
	s.matches = s.matches[:0]
	for _, co := range s.c.codes {
		if co.Match(s.inputs[fieldCountry].Value()) {
			s.matches = append(s.matches, co)
		}
	}
	s.cursor = 0
}

// revalidate parses the number as typed; a number with its own country
// code moves the picker to that country.
func (s *registerScreen) revalidate() {
	s.parsed, s.perr = flow.ParsePhone(s.inputs[fieldNumber].Value(), s.country.Region, s.c.opts.Codes)
	if s.perr == nil && s.parsed.Region != s.country.Region {
		if co, ok := flow.CountryOf(s.c.codes, s.parsed.Region); ok {
			s.setCountry(co)
		}
	}
}

func (s *registerScreen) focusField() {
	for i := range s.inputs {
		s.inputs[i].Blur()
	}
	s.inputs[s.focus].Focus()
}

func (s *registerScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		switch {
		case msg.err == nil:
			return s, advance
		case errors.Is(msg.err, api.ErrPhoneTaken):
			s.taken = true
		}
		return s, nil
	case tea.KeyPressMsg:
		if s.c.busy() {
			return s, nil
		}
		if s.taken {
			return s, s.takenKey(msg)
		}
		switch {
		case s.onPassword() && key.Matches(msg, s.c.keys.Reveal):
			s.reveal = !s.reveal
			s.inputs[fieldPassword].EchoMode, s.inputs[fieldConfirm].EchoMode = echo(s.reveal), echo(s.reveal)
			return s, nil
		case key.Matches(msg, s.c.keys.Next):
			if s.focus == fieldCountry && msg.String() == "down" {
				break
			}
			s.move(+1)
			return s, nil
		case key.Matches(msg, s.c.keys.Prev):
			if s.focus == fieldCountry && msg.String() == "up" {
				break
			}
			s.move(-1)
			return s, nil
		case key.Matches(msg, s.c.keys.Enter):
			if s.focus == fieldCountry {
				s.move(+1) // on to the number
				return s, nil
			}
			return s, s.submit()
		}
		if s.focus == fieldCountry {
			switch msg.String() {
			case "up":
				s.cursor = max(0, s.cursor-1)
				return s, nil
			case "down":
				s.cursor = min(len(s.matches)-1, s.cursor+1)
				return s, nil
			case "esc": // close the picker, the country unchanged
				s.inputs[fieldCountry].SetValue("")
				s.refilter()
				s.focus = fieldNumber
				s.focusField()
				return s, nil
			}
		}
	}
	return s, s.updateFocused(msg)
}

func (s *registerScreen) updateFocused(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	before := s.inputs[s.focus].Value()
	s.inputs[s.focus], cmd = s.inputs[s.focus].Update(msg)
	if s.inputs[s.focus].Value() != before {
		s.fieldErr[s.focus] = ""
		switch s.focus {
		case fieldCountry:
			s.refilter()
		case fieldNumber:
			s.revalidate()
		}
	}
	return cmd
}

// move goes to the next (d=1) or previous (d=-1) field; leaving the
// country takes the highlighted one.
func (s *registerScreen) move(d int) {
	if s.focus == fieldCountry {
		s.pick()
	}
	i := 0
	for j, f := range s.order {
		if f == s.focus {
			i = j
		}
	}
	s.focus = s.order[(i+d+len(s.order))%len(s.order)]
	s.focusField()
}

// pick takes the highlighted country, if a filter was typed.
func (s *registerScreen) pick() {
	was := s.country.Region
	if len(s.matches) > 0 && s.inputs[fieldCountry].Value() != "" {
		s.setCountry(s.matches[s.cursor])
	}
	s.inputs[fieldCountry].SetValue("")
	s.refilter()
	s.revalidate()
	if s.country.Region != was {
		s.fieldErr[fieldNumber] = "" // the number is read again for the new country, as the hint says
	}
}

// submit checks every field, then registers the consumer.
func (s *registerScreen) submit() tea.Cmd {
	s.revalidate()
	s.fieldErr = [fieldCount]string{}
	if s.perr != nil {
		s.fieldErr[fieldNumber] = s.c.refusal(s.perr)
	}
	for _, f := range []struct {
		i    int
		name string
	}{{fieldFirst, s.c.T("first name")}, {fieldLast, s.c.T("last name")}} {
		v := strings.TrimSpace(s.inputs[f.i].Value())
		if err := flow.ValidateName(v); err != nil {
			s.fieldErr[f.i] = s.c.refusal(err)
		} else if v == "" && s.c.needs().Names {
			s.fieldErr[f.i] = s.c.F("The provider needs your %s.", f.name)
		}
	}
	if e := strings.TrimSpace(s.inputs[fieldEmail].Value()); e != "" || s.c.needs().Email {
		if err := flow.ValidateEmail(e); err != nil {
			s.fieldErr[fieldEmail] = s.c.refusal(err)
		}
	}
	var birth api.Date
	if s.c.needs().BirthDate {
		d, err := flow.ParseBirthDate(s.inputs[fieldBirth].Value(), s.c.now())
		if err != nil {
			s.fieldErr[fieldBirth] = s.c.refusal(err)
		}
		birth = d
	}
	var gender string
	if s.c.needs().Gender {
		g, err := flow.ParseGender(s.inputs[fieldGender].Value())
		if err != nil {
			s.fieldErr[fieldGender] = s.c.refusal(err)
		}
		gender = g
	}
	password := s.inputs[fieldPassword].Value()
	if s.c.needs().PasswordAtRegister {
		if err := flow.ValidatePassword(password, password, s.parsed.Phone); err != nil {
			s.fieldErr[fieldPassword] = s.c.refusal(err)
		} else if err := flow.ValidatePassword(password, s.inputs[fieldConfirm].Value(), s.parsed.Phone); err != nil {
			s.fieldErr[fieldConfirm] = s.c.refusal(err)
		}
	}
	for _, f := range s.order {
		if s.fieldErr[f] != "" {
			s.focus = f
			s.focusField()
			return nil
		}
	}
	st := &s.c.st
	st.Phone = s.parsed.Phone
	if s.c.needs().BirthDate {
		st.BirthDate = birth
	}
	if s.c.needs().Country {
		st.Country = s.parsed.Region // where the person lives: the phone's country
	}
	if s.c.needs().Nationality && st.Nationality == "" {
		st.Nationality = s.parsed.Region // the phone's country, as the line mode does
	}
	if s.c.needs().Gender {
		st.Gender = gender
	}
	st.FirstName = strings.TrimSpace(s.inputs[fieldFirst].Value())
	st.LastName = strings.TrimSpace(s.inputs[fieldLast].Value())
	st.Email = strings.TrimSpace(s.inputs[fieldEmail].Value())
	if !s.c.needs().PasswordAtRegister {
		password = ""
	}
	return s.c.run("register", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.RegisterWith(ctx, st, password)
	})
}

// showsError implements errorShower: the screen says the number is taken,
// with the way forward.
func (s *registerScreen) showsError(m opMsg) bool { return errors.Is(m.err, api.ErrPhoneTaken) }

// takenKey is the way forward for a number already registered.
func (s *registerScreen) takenKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.c.keys.Login) && s.canContinue():
		s.c.st.PasswordSet = true
		return advance
	case key.Matches(msg, s.c.keys.NewPass) && s.c.needs().SMSSecret:
		s.c.st.PasswordSet = false
		return advance
	case key.Matches(msg, s.c.keys.Back):
		s.taken = false
		s.c.st.Registered = false
		if s.c.needs().LoginByEmail { // the email is what was taken
			s.focus = fieldEmail
			s.focusField()
		}
		return func() tea.Msg { return bannerMsg{} }
	}
	return nil
}

// canContinue reports whether an account already registered can be
// logged into from here: not on a provider without a lookup (FinHub)
// when this machine lacks the registration's ids.
func (s *registerScreen) canContinue() bool { return !s.c.needs().NoLookup || s.c.st.ConsumerID != "" }

func (s *registerScreen) Keys() []key.Binding {
	k := s.c.keys
	if s.taken && !s.canContinue() {
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("another email")))}
	}
	if s.taken && !s.c.needs().SMSSecret {
		return []key.Binding{k.Login, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("another email")))}
	}
	if s.taken {
		return []key.Binding{k.Login, k.NewPass, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("another number")))}
	}
	if s.focus == fieldCountry {
		return []key.Binding{key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", s.c.T("choose"))),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("pick")))}
	}
	// The key that moves on comes first: a narrow footer drops keys from
	// the end (fitKeys), and this one was the first to go at 80 columns.
	register := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("register")))
	if s.onPassword() { // shift+tab still works; at 80 columns the line holds four
		return []key.Binding{register, k.Next, k.Reveal}
	}
	return []key.Binding{register, k.Next, k.Prev}
}

// onPassword: the focus is on a password field (a provider that takes the
// password with the registration).
func (s *registerScreen) onPassword() bool {
	return s.focus == fieldPassword || s.focus == fieldConfirm
}

func (s *registerScreen) View() string {
	st := s.c.styles
	if s.taken {
		if !s.canContinue() {
			return lipgloss.JoinVertical(lipgloss.Left,
				st.Title.Render(s.c.T("This email address is already registered")), "",
				st.Text.Width(s.c.width).Render(s.c.F("%s already has an account, registered elsewhere. The bank logs in with the ids that registration gave and has no way to find them from here: use another email address, or ask the bank's support.", api.SanitizeLine(s.c.st.Email))), "",
				"  "+st.Accent.Render(s.c.tr.Key("esc"))+" "+s.c.T("use another email address"))
		}
		if s.c.needs().LoginByEmail {
			return lipgloss.JoinVertical(lipgloss.Left,
				st.Title.Render(s.c.T("This email address is already registered")), "",
				st.Text.Width(s.c.width).Render(s.c.F("%s already has an account. If it is yours, carry on from there:", api.SanitizeLine(s.c.st.Email))), "",
				"  "+st.Accent.Render("l")+"  "+s.c.T("log in with your password"),
				"  "+st.Accent.Render(s.c.tr.Key("esc"))+" "+s.c.T("use another email address"))
		}
		return lipgloss.JoinVertical(lipgloss.Left,
			st.Title.Render(s.c.T("This number is already registered")), "",
			st.Text.Width(s.c.width).Render(s.c.F("%s already has an account. If it is yours, carry on from there:", s.parsed.International)), "",
			"  "+st.Accent.Render("l")+"  "+s.c.T("log in with your password"),
			"  "+st.Accent.Render("s")+"  "+s.c.T("set a new password with a code sent by SMS"),
			"  "+st.Accent.Render(s.c.tr.Key("esc"))+" "+s.c.T("use another number"))
	}
	label := func(f int, text string) string {
		if s.focus == f {
			return st.Focused.Render("› " + text)
		}
		return st.Label.Render("  " + text)
	}
	lines := []string{st.Title.Render(s.c.T("Your mobile number")),
		st.Muted.Render(s.c.T("We text a code to it to prove it is yours.")), ""}
	switch {
	case s.c.needs().PasswordAtRegister:
		lines = []string{st.Title.Render(s.c.T("About you")),
			st.Muted.Render(s.c.T("The bank needs these to open your account, and a password to log in with.")), ""}
	case s.c.needs().Names:
		lines = []string{st.Title.Render(s.c.T("About you")),
			st.Muted.Render(s.c.T("The bank needs these to open your account; we text a code to the number.")), ""}
	}
	country := st.Value.Render(s.country.Name) + st.Muted.Render(" +"+s.country.CallingCode)
	if s.focus == fieldCountry {
		lines = append(lines, label(fieldCountry, s.c.T("Country"))+s.inputs[fieldCountry].View())
		lines = append(lines, s.pickerLines()...)
	} else {
		lines = append(lines, label(fieldCountry, s.c.T("Country"))+country)
	}
	lines = append(lines, label(fieldNumber, s.c.T("Number"))+s.inputs[fieldNumber].View())
	lines = append(lines, field(st.Label.Render(""), s.preview(), s.c.width))
	lines = append(lines, "")
	for _, f := range []struct {
		i    int
		name string
	}{{fieldFirst, s.c.T("First name")}, {fieldLast, s.c.T("Last name")}, {fieldEmail, s.c.T("Email")}, {fieldBirth, s.c.T("Born on")},
		{fieldGender, s.c.T("Gender")}, {fieldPassword, s.c.T("Password")}, {fieldConfirm, s.c.T("Again")}} {
		if !slices.Contains(s.order, f.i) {
			continue
		}
		lines = append(lines, label(f.i, f.name)+s.inputs[f.i].View())
		if e := s.fieldErr[f.i]; e != "" {
			lines = append(lines, field(st.Label.Render(""), st.Bad.Render(e), s.c.width))
		}
	}
	return strings.Join(lines, "\n")
}

// pickerLines lists the countries matching the filter around the cursor.
func (s *registerScreen) pickerLines() []string {
	st := s.c.styles
	if len(s.matches) == 0 {
		return []string{st.Label.Render("") + st.Warn.Render(s.c.T("No country matches; try its name in English or its +code."))}
	}
	first := max(0, min(s.cursor-pickerRows/2, len(s.matches)-pickerRows))
	var out []string
	for i := first; i < min(first+pickerRows, len(s.matches)); i++ {
		co := s.matches[i]
		row := co.Name + " +" + co.CallingCode
		if i == s.cursor {
			out = append(out, st.Label.Render("")+st.Accent.Render("▸ "+row))
		} else {
			out = append(out, field(st.Label.Render(""), st.Muted.Render("  "+row), s.c.width))
		}
	}
	return out
}

// preview is the number as understood, or why it is not valid yet.
func (s *registerScreen) preview() string {
	st := s.c.styles
	if e := s.fieldErr[fieldNumber]; e != "" {
		return st.Bad.Render(e)
	}
	if s.inputs[fieldNumber].Value() == "" {
		return st.Muted.Render(s.c.T("Spaces, dashes, +33… or 0033… are all fine."))
	}
	if errors.Is(s.perr, flow.ErrPhoneInvalid) && digits(s.inputs[fieldNumber].Value()) < digits(flow.ExampleNumber(s.country.Region)) {
		return st.Muted.Render(s.c.T("… keep typing"))
	}
	if s.perr != nil {
		return st.Muted.Render("… " + s.c.refusal(s.perr))
	}
	return st.Good.Render("✓ "+s.parsed.International) + st.Muted.Render("  ·  "+s.parsed.National+"  ·  "+s.parsed.E164())
}

// digits counts the digits in s.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}
