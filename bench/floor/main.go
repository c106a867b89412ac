// Command floor is the cold-start floor of the benchmarks: the least a
// Bubble Tea v2 program can do, one line on the screen, built and run by
// the harness beside onboard so that their start-up is compared on the
// same machine in the same run. FLOOR_FPS sets its frame rate (Bubble
// Tea's default, 60, when unset), for the frame-rate sweep.
package main

import (
	"fmt"
	"os"
	"strconv"

	tea "charm.land/bubbletea/v2"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() tea.View {
	v := tea.NewView("floor ready")
	v.AltScreen = true
	return v
}

func main() {
	var opts []tea.ProgramOption
	if n, err := strconv.Atoi(os.Getenv("FLOOR_FPS")); err == nil && n > 0 {
		opts = append(opts, tea.WithFPS(n))
	}
	if _, err := tea.NewProgram(model{}, opts...).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
