package tui

import (
	"fmt"
	"reflect"
	"runtime/debug"
	"sync"

	tea "charm.land/bubbletea/v2"
)

// Crash is a panic a Guard caught: its value and where it happened.
type Crash struct {
	Value any
	Stack []byte
}

// Guard wraps a model so that a panic in its Update, its View or any of
// its Cmds (batched and sequenced ones included) ends the program the
// ordinary way: the terminal is restored by Bubble Tea's own shutdown, and
// the caller says one line and writes the stack to the debug log, never
// to the screen (a panic's value may hold what the person typed).
type Guard struct {
	m    tea.Model
	mu   sync.Mutex
	hit  *Crash
	quit func()
}

// NewGuard wraps m.
func NewGuard(m tea.Model) *Guard { return &Guard{m: m} }

// OnViewCrash sets how a panic in View ends the program (Program.Quit):
// View cannot return a command.
func (g *Guard) OnViewCrash(quit func()) { g.quit = quit }

// Crash returns the panic caught, or nil.
func (g *Guard) Crash() *Crash {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.hit
}

func (g *Guard) record(v any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hit == nil {
		g.hit = &Crash{Value: v, Stack: debug.Stack()}
	}
}

// crashMsg says a Cmd panicked.
type crashMsg struct{}

// Init implements tea.Model.
func (g *Guard) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.record(r)
			cmd = tea.Quit
		}
	}()
	return g.wrap(g.m.Init())
}

// Update implements tea.Model.
func (g *Guard) Update(msg tea.Msg) (out tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(crashMsg); ok || g.Crash() != nil {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.record(r)
			out, cmd = g, tea.Quit // the guard stays the model: Bubble Tea renders it once more
		}
	}()
	m, c := g.m.Update(msg)
	g.m = m
	return g, g.wrap(c)
}

// View implements tea.Model.
func (g *Guard) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			g.record(r)
			v = tea.View{}
			if g.quit != nil {
				go g.quit()
			}
		}
	}()
	return g.m.View()
}

// wrap returns cmd guarded, and the commands of the batch or sequence it
// returns guarded in turn.
func (g *Guard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.record(r)
				msg = crashMsg{}
			}
		}()
		msg = cmd()
		// tea.BatchMsg and Sequence's message are slices of commands,
		// which Bubble Tea runs itself: guard each of them too.
		if v := reflect.ValueOf(msg); isCmds(v) {
			out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				c, _ := v.Index(i).Interface().(tea.Cmd)
				out.Index(i).Set(reflect.ValueOf(g.wrap(c)))
			}
			return out.Interface()
		}
		return msg
	}
}

// isCmds reports whether v is a slice of commands (tea.BatchMsg, or the
// message tea.Sequence returns, whose type is Bubble Tea's own).
func isCmds(v reflect.Value) bool {
	return v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil))
}

// cmdsOf returns the commands msg carries when it is a batch or a sequence.
func cmdsOf(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !isCmds(v) {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// String says the crash in one line, for logs.
func (c *Crash) String() string { return fmt.Sprintf("panic: %v", c.Value) }
