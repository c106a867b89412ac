package tui

import tea "charm.land/bubbletea/v2"

// FirstFrame wraps m for its program's first frame (bench/RESULTS.md,
// issue 26). With a width and height of 1 or more (the terminal's, read
// before Run), Init hands m a tea.WindowSizeMsg at once, so Run's own first
// render is a whole screen: without it the size comes as a message from a
// goroutine of Bubble Tea's, which on a busy machine waits its turn for a
// core (Bubble Tea's own size message follows and changes nothing).
// painted, when not nil, is called once, by the first Update after a View
// with content: Run has written that frame by then (third_party/bubbletea
// flushes the first frame with content at once, in the goroutine that
// rendered it). The embedded sandbox's start waits for it, so that the
// first frame is not held up by the database's opening
// (cmd/onboard/paint.go).
func FirstFrame(m tea.Model, width, height int, painted func()) tea.Model {
	f := &firstFrame{m: m, painted: painted}
	if width > 0 && height > 0 {
		f.size = &tea.WindowSizeMsg{Width: width, Height: height}
	}
	return f
}

type firstFrame struct {
	m       tea.Model
	size    *tea.WindowSizeMsg
	painted func()
	viewed  bool // a View had content: the next Update calls painted
}

// Init implements tea.Model: m's Init, then the window's size if known.
func (f *firstFrame) Init() tea.Cmd {
	init := f.m.Init()
	if f.size == nil {
		return init
	}
	var cmd tea.Cmd
	f.m, cmd = f.m.Update(*f.size)
	return tea.Batch(init, cmd)
}

// Update implements tea.Model.
func (f *firstFrame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if f.viewed && f.painted != nil {
		f.painted() // the first frame is out: Run flushed it before it read this message
		f.painted = nil
	}
	var cmd tea.Cmd
	f.m, cmd = f.m.Update(msg)
	return f, cmd
}

// View implements tea.Model.
func (f *firstFrame) View() tea.View {
	v := f.m.View()
	f.viewed = f.viewed || v.Content != ""
	return v
}
