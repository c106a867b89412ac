//go:build crashtest

package main

import tea "charm.land/bubbletea/v2"

// crashHook, in a crashtest build only, panics on F12 where
// ONBOARD_CRASHTEST says (update, cmd or view), so the tmux test can
// check that a crash restores the terminal and says one line.
func crashHook(m tea.Model, getenv func(string) string) tea.Model {
	return &crasher{m: m, where: getenv("ONBOARD_CRASHTEST")}
}

type crasher struct {
	m     tea.Model
	where string
	armed bool
}

func (c *crasher) Init() tea.Cmd { return c.m.Init() }

func (c *crasher) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "f12" {
		switch c.where {
		case "update":
			panic("crashtest: in Update, typed secret-0000")
		case "cmd":
			return c, func() tea.Msg { panic("crashtest: in a Cmd") }
		case "view":
			c.armed = true
			return c, nil
		}
	}
	m, cmd := c.m.Update(msg)
	c.m = m
	return c, cmd
}

func (c *crasher) View() tea.View {
	if c.armed {
		panic("crashtest: in View")
	}
	return c.m.View()
}
