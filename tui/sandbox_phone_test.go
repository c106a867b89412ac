package tui

import (
	"context"
	"github.com/charmbracelet/x/ansi"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/internal/i18n"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// awaitingOutbox is an outbox that holds requests (outbox.Client does,
// over HTTP); the panel's commands are never run here, only inspected.
type awaitingOutbox struct{ fakeOutbox }

func (awaitingOutbox) Await(context.Context, []string, int64, time.Duration) ([]outbox.Message, error) {
	return nil, nil
}

// TestOutboxHeldRequests: the panel keeps one held request for whom it
// knows, asks again when an address is given later, ignores the late
// answer of a request it abandoned, asks again at once after news and
// waits OutboxEvery after an empty answer.
func TestOutboxHeldRequests(t *testing.T) {
	var waited time.Duration // what the last timer was set for
	tick := func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		waited = d
		return func() tea.Msg { return fn(time.Time{}) }
	}
	c := &common{ctx: context.Background(), opts: Options{Outbox: awaitingOutbox{}, OutboxEvery: time.Second, Tick: tick},
		st: flow.State{Phone: frPhone}}
	p, cmd := newSandboxPhone(c).Init()
	if cmd == nil || !slices.Equal(p.asking, []string{"+33612345678"}) || p.gen != 1 {
		t.Fatalf("after Init: asking %v, gen %d; want the phone, gen 1", p.asking, p.gen)
	}
	if _, cmd := p.follow(); cmd != nil {
		t.Fatal("follow asked again with the same recipients")
	}

	c.st.Email = "ada@example.com"
	p, cmd = p.follow()
	if cmd == nil || !slices.Equal(p.asking, []string{"+33612345678", "ada@example.com"}) || p.gen != 2 {
		t.Fatalf("after the email was given: asking %v, gen %d; want both, gen 2", p.asking, p.gen)
	}

	late := outbox.Message{ID: 7, Recipient: "+33612345678", Text: "late"}
	p, cmd = p.Update(outboxMsg{gen: 1, msgs: []outbox.Message{late}})
	if cmd != nil || p.gen != 2 || len(p.msgs) != 1 || p.since != 7 {
		t.Fatalf("the abandoned request's answer: cmd %v, gen %d, msgs %v; want it kept, nothing asked", cmd != nil, p.gen, p.msgs)
	}

	news := outbox.Message{ID: 8, Recipient: "ada@example.com", Text: "news"}
	p, cmd = p.Update(outboxMsg{gen: 2, msgs: []outbox.Message{news}})
	if cmd == nil || p.gen != 3 || p.asking == nil {
		t.Fatalf("after news: gen %d, asking %v; want a new held request at once", p.gen, p.asking)
	}

	p, cmd = p.Update(outboxMsg{gen: 3})
	if cmd == nil || p.gen != 3 || p.asking != nil || waited != time.Second {
		t.Fatalf("after an empty answer: gen %d, asking %v, timer %v; want a timer of OutboxEvery, no request in flight", p.gen, p.asking, waited)
	}
	if _, ok := cmd().(outboxTickMsg); !ok {
		t.Fatal("the timer after an empty answer does not ask the outbox again")
	}
}

// TestOutboxFollowsTheAnswer: the answer that brings an address into the
// state starts a held request for it in the same update, not at some
// later message.
func TestOutboxFollowsTheAnswer(t *testing.T) {
	app := New(context.Background(), Options{Engine: flow.Engine{P: flowtest.New()}, Plan: linkcyPlan(), Outbox: awaitingOutbox{},
		State: flow.State{Phone: frPhone}, Tick: noTimers, Theme: "dark"})
	app.Init()
	if !slices.Equal(app.outbox.asking, []string{"+33612345678"}) {
		t.Fatalf("after Init: asking %v, want the phone", app.outbox.asking)
	}
	st := app.c.st
	st.Email = "ada@example.com"
	_, cmd := app.Update(opMsg{gen: app.c.gen, op: "send", st: st})
	if cmd == nil || !slices.Equal(app.outbox.asking, []string{"+33612345678", "ada@example.com"}) {
		t.Fatalf("after the answer that gave the email: asking %v, want the phone and the email", app.outbox.asking)
	}
}

// TestSidePanelGutter: at 120×40 the sandbox phone sits beside the
// screen with a blank column between: the KYC's French text, a full line
// of its column, touched the panel's border.
func TestSidePanelGutter(t *testing.T) {
	st := loggedIn()
	st.Lang = "fr"
	h := newHarness(t, flowtest.New().Registered(frPhone, "x"), st, 120, 40, func(o *Options) { o.Outbox = awaitingOutbox{} })
	view := h.view()
	if !strings.Contains(view, "╭") {
		t.Fatalf("no sandbox phone at 120×40:\n%s", view)
	}
	for _, l := range strings.Split(view, "\n") {
		r := []rune(l)
		if i := slices.Index(r, '│'); i > 0 && r[i-1] != ' ' {
			t.Errorf("a line touches the sandbox phone's border: %q", l)
		}
	}
	// A screen's line as wide as it is given stops a column short of the
	// panel (the harness's QR code leaves the text room to spare).
	if got := h.app.c.width + sideWidth; got >= 120 {
		t.Errorf("the screen's %d columns and the panel's %d leave no gutter in 120", h.app.c.width, sideWidth)
	}
}

// TestStripShowsTheLinkWhole: at 60 columns the strip under the screen
// gives an email's link whole, over the lines it takes: cut with "…" it
// could not be opened, and it was the only copy on the email screen.
func TestStripShowsTheLinkWhole(t *testing.T) {
	c := &common{ctx: context.Background(), opts: Options{Outbox: awaitingOutbox{}}, styles: NewStyles(true),
		tr: i18n.New("en")}
	p := newSandboxPhone(c)
	link := "http://127.0.0.1:39763/sandbox/email/oQKxDYTlIZqicFendhThI-pKbPUu5ELg"
	p.msgs = []outbox.Message{{ID: 1, Channel: "email", Recipient: "ada@example.com", Link: link, Time: time.Now()}}
	strip := ansi.Strip(p.strip(60))
	var joined string
	for _, l := range strings.Split(strip, "\n")[1:] {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("a line is wider than the window: %q", l)
		}
		joined += strings.TrimPrefix(l, "▌ ")
	}
	if joined != link || p.stripHeight(60) != strings.Count(strip, "\n")+1 {
		t.Errorf("the strip (%d lines said) holds:\n%s\nwant the link whole: %s", p.stripHeight(60), strip, link)
	}
	// Beside the screen, the panel breaks it inside its border: each
	// piece is a hyperlink to the whole address, which the terminal opens.
	if side := p.side(120, 30); !strings.Contains(side, ansi.SetHyperlink(link, "id=onboard-1")) {
		t.Errorf("the panel's link is no hyperlink to the whole address:\n%q", side)
	}
}
