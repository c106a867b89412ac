package tui

import "charm.land/lipgloss/v2"

// Styles holds every style the wizard draws with, for a light or a dark
// background. The root builds it from tea.BackgroundColorMsg (or --theme)
// and hands it to every screen.
type Styles struct {
	isDark bool

	Title    lipgloss.Style
	Text     lipgloss.Style
	Muted    lipgloss.Style
	Accent   lipgloss.Style
	Good     lipgloss.Style
	Bad      lipgloss.Style
	Warn     lipgloss.Style
	Label    lipgloss.Style
	Focused  lipgloss.Style
	Value    lipgloss.Style
	Badge    lipgloss.Style
	StepDone lipgloss.Style
	StepNow  lipgloss.Style
	StepTodo lipgloss.Style
	Banner   lipgloss.Style
	Panel    lipgloss.Style
	Box      lipgloss.Style
	URL      lipgloss.Style
}

// NewStyles returns the styles for a dark or a light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		text   = ld(lipgloss.Color("#1F1F24"), lipgloss.Color("#E8E8EE"))
		muted  = ld(lipgloss.Color("#5F5F6E"), lipgloss.Color("#9A9AAE"))
		accent = ld(lipgloss.Color("#5A3FD9"), lipgloss.Color("#A594FF"))
		good   = ld(lipgloss.Color("#0E7A3B"), lipgloss.Color("#5FD78B"))
		bad    = ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF8A80"))
		warn   = ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#FFCC66"))
	)
	s := Styles{isDark: isDark}
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.Text = lipgloss.NewStyle().Foreground(text)
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.Accent = lipgloss.NewStyle().Foreground(accent)
	s.Good = lipgloss.NewStyle().Foreground(good)
	s.Bad = lipgloss.NewStyle().Foreground(bad)
	s.Warn = lipgloss.NewStyle().Foreground(warn)
	s.Label = lipgloss.NewStyle().Foreground(muted).Width(14)
	s.Focused = lipgloss.NewStyle().Foreground(accent).Bold(true).Width(14)
	s.Value = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.Badge = lipgloss.NewStyle().Bold(true).Padding(0, 1).
		Foreground(lipgloss.Color("#1F1F24")).Background(lipgloss.Color("#FFCC66"))
	s.StepDone = lipgloss.NewStyle().Foreground(good)
	s.StepNow = lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true)
	s.StepTodo = lipgloss.NewStyle().Foreground(muted)
	s.Banner = lipgloss.NewStyle().Foreground(bad).Bold(true)
	s.Panel = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(warn).Padding(0, 1)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted).Padding(0, 1)
	s.URL = lipgloss.NewStyle().Foreground(accent).Underline(true)
	return s
}

// qrStyle paints QR codes light-on-dark explicitly, whatever the theme:
// light modules are █ in the foreground colour, dark ones spaces on the
// background, so it scans on light and dark terminals alike. It is the
// same for every theme, so a code is painted once, when it is made.
func qrStyle() lipgloss.Style {
	return lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#000000"))
}

// IsDark reports which background the styles were made for.
func (s Styles) IsDark() bool { return s.isDark }
