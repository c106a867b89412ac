package tui

import (
	"context"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/api/weavr"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
	"github.com/onboard-cli/onboard/internal/i18n"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC // goldens show times of day
	m.Run()
}

// harness drives an App by hand: Update, then every Cmd it returns,
// feeding their messages back in, the way Bubble Tea would. The wizard's
// timers are never scheduled (Options.Tick), and a spinner's turn is
// dropped, so a run is deterministic and bounded: tests fire timers with
// tick. Every other Cmd is awaited, however slow the machine.
type harness struct {
	t *testing.T
	// model is what receives the messages: app, or the agent console.
	model tea.Model
	app   *App
	fake  *flowtest.Fake
	clock *sandboxtest.Clock
	quit  bool
}

// cmdWait bounds the wait for one Cmd. Only a Cmd that hangs reaches it
// (timers are not scheduled), and the test fails saying so.
const cmdWait = 30 * time.Second

// noTimers is the harness's Options.Tick: a timer that never fires.
func noTimers(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }

func newHarness(t *testing.T, fake *flowtest.Fake, st flow.State, width, height int, mutate ...func(*Options)) *harness {
	t.Helper()
	clk := sandboxtest.NewClock(time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC))
	if st.Lang == "" {
		st.Lang = "en"
	}
	opts := Options{
		Engine: flow.Engine{P: fake, Now: clk.Now}, State: st, Region: "FR", Theme: "dark", Now: clk.Now,
		// Polls wait an hour: the harness drops them; tests poll with h.tick.
		Policy:    flow.Policy{Initial: time.Hour, Factor: 1, Max: time.Hour, Deadline: 24 * time.Hour},
		SecretTTL: 5 * time.Minute, ResendCooldown: 30 * time.Second, Tick: noTimers,
		// A person's run keeps progress; the file itself is cmd's business.
		Save: func(flow.State, flow.Step) error { return nil },
		Plan: linkcyPlan(),
	}
	for _, m := range mutate {
		m(&opts)
	}
	if opts.Printer.Lang() == "en" && st.Lang == "fr" {
		opts.Printer = i18n.Checked("fr")
		t.Cleanup(func() {
			if missing := opts.Printer.Missing(); len(missing) > 0 {
				t.Errorf("said in English in a French run (add them to internal/i18n): %q", missing)
			}
		})
	}
	app := New(context.Background(), opts)
	hs := &harness{t: t, model: app, app: app, fake: fake, clock: clk}
	hs.do(hs.app.Init())
	hs.send(tea.WindowSizeMsg{Width: width, Height: height})
	return hs
}

// send delivers msg and everything that follows from it.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	if h.quit {
		h.t.Fatalf("message %T after the program quit", msg)
	}
	_, cmd := h.model.Update(msg)
	h.do(cmd)
}

// do runs cmd and feeds its messages back, in rounds: every command of a
// round runs at once, and their messages are delivered in order.
func (h *harness) do(cmd tea.Cmd) {
	h.t.Helper()
	round := []tea.Cmd{cmd}
	for n := 0; len(round) > 0; n++ {
		if n > 200 {
			h.t.Fatal("harness: more than 200 rounds; a loop that never waits?")
		}
		var next []tea.Cmd
		for _, msg := range h.runAll(round) {
			if cmds, ok := cmdsOf(msg); ok { // tea.BatchMsg and Sequence's message
				next = append(next, cmds...)
				continue
			}
			switch msg.(type) {
			case tea.QuitMsg, tea.InterruptMsg:
				h.quit = true
				return
			case spinner.TickMsg:
				continue // a spinner turning: nothing to see in a frame
			}
			_, c := h.model.Update(msg)
			next = append(next, c)
		}
		round = next
	}
}

// runAll calls every command at once and returns their messages in
// order. A command still running after cmdWait fails the test.
func (h *harness) runAll(cmds []tea.Cmd) []tea.Msg {
	h.t.Helper()
	out := make([]chan tea.Msg, len(cmds))
	for i, c := range cmds {
		out[i] = make(chan tea.Msg, 1)
		if c == nil {
			out[i] <- nil
			continue
		}
		go func() { out[i] <- c() }()
	}
	deadline := time.NewTimer(cmdWait)
	defer deadline.Stop()
	var msgs []tea.Msg
	for _, ch := range out {
		select {
		case m := <-ch:
			if m != nil {
				msgs = append(msgs, m)
			}
		case <-deadline.C:
			h.t.Fatalf("harness: a command has not answered in %v (a timer not made with Options.Tick, or a call that hangs)", cmdWait)
		}
	}
	return msgs
}

// tick fires the current screen's timer what ("poll", "approved", …).
func (h *harness) tick(what string) {
	h.t.Helper()
	h.send(tickMsg{gen: h.app.c.gen, what: what})
}

func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// answer types each text and presses enter after it: a field at a time
// (the code, the password, the password again).
func (h *harness) answer(texts ...string) {
	h.t.Helper()
	for _, s := range texts {
		h.typeText(s)
		h.press(tea.KeyEnter)
	}
}

func (h *harness) press(code rune, mod ...tea.KeyMod) {
	h.t.Helper()
	k := tea.KeyPressMsg{Code: code}
	for _, m := range mod {
		k.Mod |= m
	}
	h.send(k)
}

func (h *harness) key(r rune) { h.t.Helper(); h.send(tea.KeyPressMsg{Code: r, Text: string(r)}) }

func (h *harness) ctrl(r rune) { h.t.Helper(); h.press(r, tea.ModCtrl) }

// view is the screen as text, without colours.
func (h *harness) view() string { return ansi.Strip(h.model.View().Content) }

func (h *harness) golden() {
	h.t.Helper()
	golden.RequireEqual(h.t, h.view())
}

func (h *harness) step() flow.Step { return h.app.step }

// goldenAs checks the screen against the golden of subtest t (a harness
// that lives across several subtests).
func (h *harness) goldenAs(t *testing.T) {
	t.Helper()
	golden.RequireEqual(t, h.view())
}

// The providers' plans, as their descriptors give them; most tests walk
// LinkCy's.
func linkcyPlan() flow.Plan { return flow.Plan(linkcy.Describe().Plans[0].Steps) }
func weavrPlan() flow.Plan  { return flow.Plan(weavr.Describe().Plans[0].Steps) }
func finhubPlan() flow.Plan { return flow.Plan(finhub.Describe().Plans[0].Steps) }
