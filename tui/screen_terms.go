package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// errDeclined is the ending when the person declines the terms.
var errDeclined error = flow.Say("you declined the terms: a bank cannot open an account without them. Run onboard again if you change your mind")

// termsScreen shows the terms in a scrollable viewport with their version;
// the person accepts or declines them. Terms known before the fetch
// (Options.Terms) are shown at once; an accept pressed before the
// provider's arrive is applied when they do, if they are the same version.
type termsScreen struct {
	c        *common
	vp       viewport.Model
	spin     spinner.Model
	declined bool
	// pending is an accept waiting for the fetched terms.
	pending bool
}

func newTermsScreen(c *common) *termsScreen {
	s := &termsScreen{c: c, vp: viewport.New(), spin: newSpinner(c)}
	s.vp.KeyMap.Up.SetKeys("up", "k")
	s.vp.KeyMap.Down.SetKeys("down", "j")
	s.resize()
	return s
}

func (s *termsScreen) Label() string { return "Terms" }

func (s *termsScreen) Init() tea.Cmd {
	if s.fetched() {
		return nil
	}
	var spin tea.Cmd
	if !s.loaded() {
		spin = s.spin.Tick
	}
	return tea.Batch(spin, s.c.run("terms", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.LoadTerms(ctx, st)
	}))
}

// terms are the terms shown: the provider's once fetched, else those
// known before (Options.Terms).
func (s *termsScreen) terms() api.Terms {
	if s.fetched() {
		return s.c.st.Terms
	}
	return s.c.opts.Terms
}

// fetched reports whether the provider's terms are in the state.
func (s *termsScreen) fetched() bool { return s.c.st.Terms.Version != "" }

// loaded reports whether there are terms to show.
func (s *termsScreen) loaded() bool { return s.terms().Version != "" }

func (s *termsScreen) resize() {
	if !s.loaded() {
		return
	}
	w := max(20, s.c.width-2)
	s.vp.SetWidth(w)
	s.vp.SetHeight(max(3, s.c.height-4))
	s.vp.SetContent(lipgloss.NewStyle().Width(w).Render(api.Sanitize(strings.TrimSpace(s.terms().Content))))
}

func (s *termsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		switch {
		case msg.err != nil:
			s.pending = false
			return s, nil // the banner says why; enter tries again
		case msg.op == "terms":
			s.resize()
			if s.pending && s.c.st.Terms.Version == s.c.opts.Terms.Version {
				s.pending = false
				return s, s.accept()
			}
			s.pending = false
		case msg.op == "accept":
			return s, advance
		}
		return s, nil
	case spinner.TickMsg:
		return s, turn(&s.spin, !s.loaded(), msg)
	case tea.KeyPressMsg:
		switch {
		case !s.loaded():
			if key.Matches(msg, s.c.keys.Enter) && !s.c.busy() {
				return s, s.Init()
			}
			return s, nil
		case s.declined:
			switch {
			case key.Matches(msg, s.c.keys.Back):
				s.declined = false
			case key.Matches(msg, s.c.keys.Stop):
				return s, end(EndDeclined, errDeclined)
			}
			return s, nil
		case key.Matches(msg, s.c.keys.Accept) && !s.fetched():
			s.pending = true // taken once the provider's terms arrive
			if s.c.busy() {
				return s, nil
			}
			return s, s.Init()
		case s.c.busy():
			return s, nil
		case key.Matches(msg, s.c.keys.Accept):
			return s, s.accept()
		case key.Matches(msg, s.c.keys.Decline):
			s.declined = true
			return s, nil
		}
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return s, cmd
}

// accept records the version shown; it is sent to the provider with the
// registration (or patched onto the consumer after a login).
func (s *termsScreen) accept() tea.Cmd {
	version := s.c.st.Terms.Version
	return s.c.run("accept", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.AcceptTerms(ctx, st, version)
	})
}

func (s *termsScreen) Keys() []key.Binding {
	k := s.c.keys
	switch {
	case !s.loaded():
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("try again")))}
	case s.declined:
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("read them again"))),
			key.NewBinding(key.WithKeys("q"), key.WithHelp("q", s.c.T("leave")))}
	}
	return []key.Binding{k.Accept, k.Decline, k.Down, k.PageDown}
}

func (s *termsScreen) View() string {
	st := s.c.styles
	t := s.terms()
	if !s.loaded() {
		if s.c.busy() {
			return s.spin.View() + " " + s.c.T("Loading the terms and conditions…")
		}
		return st.Muted.Render(s.c.T("The terms could not be loaded."))
	}
	title := st.Title.Render(s.c.T("Terms and conditions")) + st.Muted.Render(s.c.F("  version %s", api.SanitizeLine(t.Version)))
	if s.declined {
		return lipgloss.JoinVertical(lipgloss.Left, title, "",
			st.Warn.Width(s.c.width).Render(s.c.T("A bank cannot open an account for you without your agreement to its terms, so onboarding stops here.")),
			"", st.Text.Width(s.c.width).Render(s.c.T("Nothing was created. Press esc to read them again, or q to leave; run onboard again whenever you like.")))
	}
	pct := int(s.vp.ScrollPercent() * 100)
	foot := st.Muted.Render(api.SanitizeLine(t.URL))
	if !s.vp.AtBottom() {
		foot = st.Muted.Render(s.c.F("↓ more below (%s%%)  ", itoa(pct))) + foot
	}
	return lipgloss.JoinVertical(lipgloss.Left, title, "", s.vp.View(), foot,
		st.Text.Render(s.c.F("Press a to accept version %s, d to decline.", api.SanitizeLine(t.Version))))
}
