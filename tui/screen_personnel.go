package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// personnelScreen is the personnel step: a table of the company's people
// with add, edit and remove, each person's roles, the running total of
// the shares and the beneficial owners (25% or more) flagged; then each
// person is added to the organisation, the first an ADMIN_USER. The
// person at the keyboard starts as the first row. A resumed run shows
// who the bank has already (they can no longer change) and adds the rest.
type personnelScreen struct {
	c      *common
	cursor int
	edit   *personForm
	// problems are what the last try to send found; note is a sentence
	// about the last key (a person the bank has already).
	problems flow.Problems
	note     string
}

func newPersonnelScreen(c *common) *personnelScreen {
	s := &personnelScreen{c: c}
	if len(c.st.Organization.Members()) == 0 {
		me := flow.Member{Person: flow.Person{FirstName: c.st.FirstName, LastName: c.st.LastName, Email: c.st.Email},
			Roles: []flow.Role{flow.RoleAdmin}}
		s.setMembers([]flow.Member{me})
	}
	return s
}

func (s *personnelScreen) Label() string { return flow.Label(flow.StepPersonnel, s.c.needs()) }

func (s *personnelScreen) Init() tea.Cmd { return nil }

func (s *personnelScreen) members() []flow.Member { return s.c.st.Organization.Members() }

// setMembers keeps the table in the state, where progress saves it.
func (s *personnelScreen) setMembers(ms []flow.Member) {
	o := s.c.st.Organization
	s.c.st.Organization = flow.Assemble(o.Company, ms, o.Documents)
	s.cursor = min(s.cursor, max(0, len(s.members())-1))
}

// added reports whether the bank has m already.
func (s *personnelScreen) added(m flow.Member) bool {
	_, ok := s.c.st.Org.AddedAs(flow.PersonKey(m.API()))
	return ok
}

func (s *personnelScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		if msg.op == "add" && msg.err == nil {
			return s, s.addNext()
		}
	case tea.KeyPressMsg:
		if s.c.busy() {
			return s, nil
		}
		if s.edit != nil {
			return s, s.editKey(msg)
		}
		return s, s.tableKey(msg)
	}
	return s, nil
}

// The table's own keys.
var (
	keyAdd    = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add"))
	keyEdit   = key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit"))
	keyRemove = key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove"))
	keySend   = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "send to the bank"))
	keySave   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save"))
	keyCancel = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
)

func (s *personnelScreen) tableKey(msg tea.KeyPressMsg) tea.Cmd {
	ms := s.members()
	s.note = ""
	switch {
	case key.Matches(msg, s.c.keys.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, s.c.keys.Down):
		s.cursor = min(len(ms)-1, s.cursor+1)
	case key.Matches(msg, keyAdd) && len(ms) >= flow.MaxPeople:
		s.note = s.c.F("A company has at most %d people here; ask the bank to add the others.", flow.MaxPeople)
	case key.Matches(msg, keyAdd):
		s.edit = newPersonForm(s.c, flow.Member{}, -1)
	case key.Matches(msg, keyEdit) && len(ms) > 0:
		if s.added(ms[s.cursor]) {
			s.note = s.c.F("The bank has %s already: a person once added cannot be changed from here.", api.SanitizeLine(ms[s.cursor].Name()))
			return nil
		}
		s.edit = newPersonForm(s.c, ms[s.cursor], s.cursor)
	case key.Matches(msg, keyRemove) && len(ms) > 0:
		if s.added(ms[s.cursor]) {
			s.note = s.c.F("The bank has %s already: a person once added cannot be removed from here.", api.SanitizeLine(ms[s.cursor].Name()))
			return nil
		}
		if me := s.c.st.Email; me != "" && strings.EqualFold(ms[s.cursor].Email, me) {
			// The person at the keyboard is the company's first admin: gone,
			// the list could not be sent (the walk removed itself, then met
			// "add at least one employee").
			s.note = s.c.T("You are the company's first admin: you stay on its list. Press enter to change your roles.")
			return nil
		}
		s.setMembers(append(ms[:s.cursor:s.cursor], ms[s.cursor+1:]...))
		s.problems = nil
	case key.Matches(msg, keySend):
		return s.send()
	}
	return nil
}

func (s *personnelScreen) editKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keyCancel):
		s.edit = nil
	case key.Matches(msg, keySave):
		m, err := s.edit.member()
		if err != nil {
			s.note = s.c.refusal(err) // flow's sentence in the person's language
			return nil
		}
		ms := s.members()
		if s.edit.index < 0 {
			ms = append(ms, m)
			s.cursor = len(ms) - 1
		} else {
			ms[s.edit.index] = m
		}
		s.setMembers(ms)
		s.edit, s.note, s.problems = nil, "", nil
	default:
		dir := 1
		if msg.String() == "shift+tab" || msg.String() == "up" {
			dir = -1
		}
		s.edit.form.update(msg)
		s.edit.skipHidden(dir)
		s.note = ""
	}
	return nil
}

// send checks the personnel against FinHub's rules and, when they hold,
// adds each person the bank does not have yet.
func (s *personnelScreen) send() tea.Cmd {
	s.problems = s.c.st.Organization.PersonnelProblems(s.c.now())
	if len(s.problems) > 0 {
		return nil
	}
	return s.addNext()
}

// addNext adds the next person the bank does not have, or moves on. The
// login FinHub generates for them is dropped here: never kept, shown or
// saved (each person gets their own access from the bank).
func (s *personnelScreen) addNext() tea.Cmd {
	pending := s.c.st.PendingPeople()
	if len(pending) == 0 {
		return advance
	}
	p := pending[0].API()
	return s.c.run("add", func(ctx context.Context, st flow.State) (flow.State, error) {
		st, _, err := s.c.opts.Engine.AddPerson(ctx, st, p)
		return st, err
	})
}

func (s *personnelScreen) Keys() []key.Binding {
	if s.edit != nil { // save first: a narrow footer drops keys from the end
		keys := []key.Binding{helpOf(s.c, keySave), s.c.keys.Next, s.c.keys.Prev}
		if s.edit.form.fields[s.edit.form.focus].choices != nil {
			keys = append(keys, key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", s.c.T("choose"))))
		}
		return append(keys, helpOf(s.c, keyCancel))
	}
	return []key.Binding{helpOf(s.c, keySend), helpOf(s.c, keyAdd), helpOf(s.c, keyEdit), helpOf(s.c, keyRemove)} // send first: the narrowest footer keeps it
}

// helpOf is b with its help in the person's language.
func helpOf(c *common, b key.Binding) key.Binding {
	h := b.Help()
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(h.Key, c.T(h.Desc)))
}

func (s *personnelScreen) View() string {
	if s.edit != nil {
		return s.editView()
	}
	st := s.c.styles
	name := api.SanitizeLine(s.c.st.Organization.Company.LegalName)
	lines := []string{st.Title.Render(s.c.F("The people of %s", name)),
		st.Muted.Width(s.c.width).Render(s.c.F("Employees (the first an admin), at least one director, and the shareholders: their shares total 100%%.")), ""}
	lines = append(lines, s.table()...)
	lines = append(lines, "", s.total())
	if s.note != "" {
		lines = append(lines, st.Warn.Width(s.c.width).Render(s.note))
	}
	for i, p := range s.problems {
		if i == 3 {
			lines = append(lines, st.Bad.Render(s.c.F("… and %d more", len(s.problems)-3)))
			break
		}
		lines = append(lines, st.Bad.Width(s.c.width).Render("✗ "+s.problemText(p)))
	}
	if s.c.busy() {
		lines = append(lines, st.Muted.Render(s.c.T("Adding the people to the company…")))
	}
	return strings.Join(lines, "\n")
}

// problemText says a problem with the person it is about, by name.
func (s *personnelScreen) problemText(p flow.FieldError) string {
	msg := sentence(s.c.M(p.Text()))
	for _, m := range s.members() {
		if p.Email != "" && strings.EqualFold(m.Email, p.Email) {
			return api.SanitizeLine(m.Name()) + " · " + msg
		}
	}
	return msg
}

// table is the people, one row each, the cursor's highlighted.
func (s *personnelScreen) table() []string {
	st := s.c.styles
	ms := s.members()
	nameW := lipgloss.Width(s.c.T("Name")) // the longest name, 20 at most: the roles need the room more
	for _, m := range ms {
		nameW = min(20, max(nameW, lipgloss.Width(api.SanitizeLine(m.Name()))))
	}
	rolesW := s.rolesWidth(ms, nameW)
	head := fmt.Sprintf("   %-*s %-*s %6s", nameW, s.c.T("Name"), rolesW, s.c.T("Roles"), s.c.T("Share"))
	out := []string{st.Muted.Render(head)}
	rows := max(3, s.c.height-12) // the title, the total and the problems keep their lines
	first := max(0, min(s.cursor-rows/2, len(ms)-rows))
	for i, m := range ms {
		if i < first || i >= first+rows {
			continue
		}
		roles := roleList(s.c, m)
		share := "—"
		if m.Has(flow.RoleShareholder) {
			share = s.c.F("%v%%", flow.ShareValue(m.Share)) // "60 %", "12,5 %" in French, as its totals
		}
		mark := "  "
		switch {
		case s.added(m):
			mark = st.Good.Render("✓ ")
		case len(s.problems.For(m.Email)) > 0 || flow.PersonProblems(m.Person, "p", s.c.now()) != nil:
			mark = st.Bad.Render("✗ ")
		}
		row := fmt.Sprintf("%-*s %-*s %6s", nameW, truncate(api.SanitizeLine(m.Name()), nameW), rolesW, truncate(roles, rolesW), share)
		if i == s.cursor {
			row = st.Accent.Render("▸") + mark + st.Value.Render(row)
		} else {
			row = " " + mark + st.Text.Render(row)
		}
		if m.Owner() {
			row += st.Warn.Render(" ◆ " + s.c.T("owner"))
		}
		out = append(out, truncate(row, s.c.width))
	}
	if hidden := len(ms) - min(rows, len(ms)); hidden > 0 {
		out = append(out, st.Muted.Render(s.c.F("  (%d more: ↑/↓ to see them)", hidden)))
	}
	return out
}

// roleList is m's roles in words, in the person's language ("admin,
// director"), as the personnel table and the company's last screen list
// them.
func roleList(c *common, m flow.Member) string {
	var roles []string
	for _, r := range m.Roles {
		roles = append(roles, strings.ToLower(c.T(roleLabel(r))))
	}
	return strings.Join(roles, ", ")
}

// rolesWidth is the roles column's width: 30, or the longest roles if
// wider ("administrateur, dirigeant, actionnaire" is 38 in French), as far
// as the window has room beside the name, the share and the owner's mark.
func (s *personnelScreen) rolesWidth(ms []flow.Member, nameW int) int {
	longest := 0
	for _, m := range ms {
		longest = max(longest, lipgloss.Width(roleList(s.c, m)))
	}
	room := s.c.width - 3 - nameW - 1 - 1 - 6 - lipgloss.Width(" ◆ "+s.c.T("owner"))
	return max(30, min(longest, room))
}

// total is the running total of the shares, and what it means; the
// owners' legend beside it whenever a ◆ is in the table and the line has
// room (it showed only once the shares were right).
func (s *personnelScreen) total() string {
	st := s.c.styles
	o := s.c.st.Organization
	t := flow.ShareValue(o.RunningTotal())
	var line string
	switch {
	case o.SharesComplete():
		line = st.Good.Render(s.c.F("Shares: %v%% of 100%% ✓", t))
	case o.RunningTotal() > 100:
		line = st.Bad.Render(s.c.F("Shares: %v%% of 100%% (%v%% over)", t, flow.ShareValue(o.RunningTotal()-100)))
	case o.RunningTotal() == 0:
		return st.Warn.Render(s.c.F("Shares: none yet (they must total 100%%)"))
	default:
		line = st.Warn.Render(s.c.F("Shares: %v%% of 100%% (%v%% left to give)", t, flow.ShareValue(100-o.RunningTotal())))
	}
	owners := slices.ContainsFunc(o.Shareholders, func(sh flow.Shareholder) bool { return flow.BeneficialOwner(sh.Share) })
	legend := st.Muted.Render("  " + s.c.F("◆ owner: 25%% or more, ID needed"))
	if owners && lipgloss.Width(line+legend) <= s.c.width {
		line += legend
	}
	return line
}

func (s *personnelScreen) editView() string {
	st := s.c.styles
	title := s.c.T("A new person")
	if s.edit.index >= 0 {
		title = s.c.T("Edit this person")
	}
	lines := []string{st.Title.Render(title)}
	labelW := 16
	if s.c.tr.Lang() == "fr" {
		labelW = 20
	}
	for _, i := range s.edit.rows() {
		lines = append(lines, s.edit.form.row(i, labelW, s.c.width))
	}
	if e := s.edit.form.focusErr(); e != "" { // in the person's language already
		lines = append(lines, st.Bad.Width(s.c.width).Render(e))
	} else if s.note != "" {
		lines = append(lines, st.Bad.Width(s.c.width).Render(s.note)) // said with T or F already
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
