package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// bomb panics where it is told to.
type bomb struct{ where string }

func (b bomb) Init() tea.Cmd { return nil }

func (b bomb) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil
	}
	switch k.Text {
	case "u":
		panic("in Update")
	case "c":
		return b, func() tea.Msg { panic("in a Cmd") }
	case "b":
		return b, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("in a batched Cmd") })
	case "s":
		return b, tea.Sequence(func() tea.Msg { panic("in a sequenced Cmd") })
	case "v":
		b.where = "view"
	}
	return b, nil
}

func (b bomb) View() tea.View {
	if b.where == "view" {
		panic("in View")
	}
	return tea.NewView("fine")
}

// runGuarded runs cmd and what it leads to, as Bubble Tea would, and
// reports whether the program was told to quit.
func runGuarded(g *Guard, cmd tea.Cmd) (quit bool) {
	for n := 0; cmd != nil && n < 20; n++ {
		msg := cmd()
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
		if cmds, ok := cmdsOf(msg); ok {
			for _, c := range cmds {
				if runGuarded(g, c) {
					return true
				}
			}
			return false
		}
		_, cmd = g.Update(msg)
	}
	return false
}

func TestGuard(t *testing.T) {
	for _, where := range []string{"u", "c", "b", "s", "v"} {
		t.Run(where, func(t *testing.T) {
			g := NewGuard(bomb{})
			viewQuit := make(chan struct{}, 1)
			g.OnViewCrash(func() { viewQuit <- struct{}{} })
			if runGuarded(g, g.Init()) {
				t.Fatal("quit at start")
			}
			m, cmd := g.Update(tea.KeyPressMsg{Code: rune(where[0]), Text: where})
			if m != g { // Bubble Tea renders the model Update returns: nil panicked again, and printed its stack
				t.Fatalf("a panic %q: Update returned %v, not the guard", where, m)
			}
			quit := runGuarded(g, cmd)
			if where == "v" {
				_ = g.View()
				select { // the quit runs in a goroutine
				case <-viewQuit:
					quit = true
				case <-time.After(5 * time.Second):
				}
			}
			c := g.Crash()
			if c == nil || !quit {
				t.Fatalf("a panic %q: crash %v, quit %v", where, c, quit)
			}
			if len(c.Stack) == 0 || c.String() == "" {
				t.Errorf("the crash has no stack: %+v", c)
			}
			// Once crashed, every message quits.
			if _, cmd := g.Update(tea.KeyPressMsg{Code: 'x', Text: "x"}); cmd == nil || cmd() != tea.Quit() {
				t.Error("a message after the crash did not quit")
			}
		})
	}
}
