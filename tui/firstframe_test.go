package tui

import (
	"bytes"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// sizeShower shows its window's size, and nothing before it knows it.
type sizeShower struct{ w, h int }

func (s *sizeShower) Init() tea.Cmd { return nil }

func (s *sizeShower) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m, ok := msg.(tea.WindowSizeMsg); ok {
		s.w, s.h = m.Width, m.Height
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return s, tea.Quit
	}
	return s, nil
}

func (s *sizeShower) View() tea.View {
	if s.w == 0 {
		return tea.View{}
	}
	return tea.NewView("shown at 80x24")
}

// stackWriter keeps the output and the stack of the write that first
// carried want.
type stackWriter struct {
	mu    sync.Mutex
	out   bytes.Buffer
	want  string
	stack string
}

func (w *stackWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.out.Write(p)
	if w.stack == "" && strings.Contains(w.out.String(), w.want) {
		w.stack = string(debug.Stack())
	}
	return len(p), nil
}

// TestFirstFrameFromRun: with the window's size known before Run, the
// first frame is a whole screen written by Run itself, before its event
// loop reads any message and with no renderer tick (the patched Bubble
// Tea of third_party/bubbletea at 1 fps would otherwise hold it a
// second); painted is told once that frame is out, on the next message.
func TestFirstFrameFromRun(t *testing.T) {
	w := &stackWriter{want: "shown at 80x24"}
	var painted int
	p := tea.NewProgram(FirstFrame(&sizeShower{}, 80, 24, func() { painted++ }),
		tea.WithInput(nil), tea.WithOutput(w), tea.WithFPS(1), tea.WithWindowSize(80, 24))
	go func() {
		p.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	}()
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	w.mu.Lock()
	stack := w.stack
	w.mu.Unlock()
	if stack == "" {
		t.Fatalf("the frame was never written:\n%q", w.out.String())
	}
	if !strings.Contains(stack, "(*Program).render(") || !strings.Contains(stack, "(*Program).Run(") || strings.Contains(stack, "eventLoop") || strings.Contains(stack, "renderLoop") {
		t.Errorf("the first frame was not written by Run's own first render:\n%s", stack)
	}
	w.mu.Lock()
	if n := strings.Count(w.out.String(), "shown at 80x24"); n != 1 {
		t.Errorf("the screen was drawn %d times, want once: Bubble Tea's own size message, the same size, erased and drew it again", n)
	}
	w.mu.Unlock()
	if painted != 1 {
		t.Errorf("painted was called %d times, want 1", painted)
	}
}

// TestFirstFrameWithoutSize: with no size (not a terminal) the model
// waits for Bubble Tea's own size message, as it would unwrapped.
func TestFirstFrameWithoutSize(t *testing.T) {
	m := &sizeShower{}
	f := FirstFrame(m, 0, 0, nil)
	f.Init()
	if m.w != 0 || f.View().Content != "" {
		t.Fatalf("a size was made up: %dx%d", m.w, m.h)
	}
	f.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if f.View().Content == "" {
		t.Fatal("the size message did not reach the model")
	}
}
