package tui

import (
	"context"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
)

// sideMinWidth is the window width from which the sandbox phone is a
// panel beside the screen rather than a strip under it.
const (
	sideMinWidth = 110
	sideWidth    = 36
	keepMessages = 4
)

// sandboxPhone is the sandbox phone: every SMS and email the sandbox "sent"
// to this run's phone or address, newest last, so a demo needs no second
// terminal. It asks the outbox for those two recipients only (the sandbox
// is shared, and its history may be long), on its own timer, one request
// at a time.
type sandboxPhone struct {
	c     *common
	msgs  []outbox.Message
	since int64
	// stepStart is when the current step began: the strip shows only what
	// arrived since.
	stepStart time.Time
	// asking is whom the held request in flight asks for (nil: none in
	// flight), and gen tells its answer from an abandoned one's.
	asking []string
	gen    int
}

type outboxMsg struct {
	msgs []outbox.Message
	err  error
	gen  int // the held request's (0 when polling)
}

// awaiter is an Outbox that can hold a request until a message arrives
// (outbox.Client): the panel then asks once where it would poll.
type awaiter interface {
	Await(ctx context.Context, recipients []string, since int64, wait time.Duration) ([]outbox.Message, error)
}

// outboxWait is how long the panel lets the sandbox hold its request:
// under the HTTP client's 30 s timeout.
const outboxWait = 20 * time.Second

type outboxTickMsg struct{}

func newSandboxPhone(c *common) sandboxPhone { return sandboxPhone{c: c} }

func (p sandboxPhone) enabled() bool { return p.c.opts.Outbox != nil }

// Init starts the polling.
func (p sandboxPhone) Init() (sandboxPhone, tea.Cmd) {
	if !p.enabled() {
		return p, nil
	}
	return p.fetch()
}

// recipients are this run's phone and email, as far as they are known.
func (p sandboxPhone) recipients() []string {
	var to []string
	if st := p.c.st; st.Phone.National != "" {
		to = append(to, st.Phone.E164())
	}
	if st := p.c.st; st.Email != "" {
		to = append(to, st.Email)
	}
	return to
}

// follow starts a new held request when the recipients changed while one
// was held (an address given later), so that news for the new one does
// not wait behind the old one's wait.
func (p sandboxPhone) follow() (sandboxPhone, tea.Cmd) {
	if p.asking == nil || slices.Equal(p.asking, p.recipients()) {
		return p, nil
	}
	return p.fetch()
}

func (p sandboxPhone) fetch() (sandboxPhone, tea.Cmd) {
	ob, since, parent, to := p.c.opts.Outbox, p.since, p.c.ctx, p.recipients()
	if aw, ok := ob.(awaiter); ok && len(to) > 0 {
		p.gen++
		p.asking = to
		gen := p.gen
		return p, func() tea.Msg {
			ctx, cancel := context.WithTimeout(parent, outboxWait+requestTimeout)
			defer cancel()
			msgs, err := aw.Await(ctx, to, since, outboxWait)
			return outboxMsg{msgs: msgs, err: err, gen: gen}
		}
	}
	p.asking = nil
	return p, func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, requestTimeout)
		defer cancel()
		var out []outbox.Message
		for _, r := range to {
			msgs, err := ob.Messages(ctx, r, since)
			if err != nil {
				return outboxMsg{err: err}
			}
			out = append(out, msgs...)
		}
		slices.SortFunc(out, func(a, b outbox.Message) int { return int(a.ID - b.ID) })
		return outboxMsg{msgs: out}
	}
}

// Update takes the outbox's answers and asks again: at once after a held
// request that brought news (more may follow), else after OutboxEvery (a
// held request that came back empty: the wait ran out, or the sandbox is
// stopping).
func (p sandboxPhone) Update(msg tea.Msg) (sandboxPhone, tea.Cmd) {
	switch msg := msg.(type) {
	case outboxMsg:
		for _, m := range msg.msgs {
			if m.ID > p.since {
				p.since = m.ID
				p.msgs = append(p.msgs, m)
			}
		}
		if len(p.msgs) > keepMessages {
			p.msgs = slices.Clone(p.msgs[len(p.msgs)-keepMessages:])
		}
		if msg.gen != p.gen {
			return p, nil // an abandoned request's late answer
		}
		held := p.asking != nil
		p.asking = nil
		if held && len(msg.msgs) > 0 {
			return p.fetch()
		}
		return p, p.c.opts.Tick(p.c.opts.OutboxEvery, func(time.Time) tea.Msg { return outboxTickMsg{} })
	case outboxTickMsg:
		return p.fetch()
	}
	return p, nil
}

func (p sandboxPhone) sideWidth(winW int) int {
	if p.enabled() && winW >= sideMinWidth {
		return sideWidth
	}
	return 0
}

func (p sandboxPhone) stripHeight(winW int) int { return len(p.stripLines(winW)) }

// stripLines is the strip under the screen, for narrow windows: the newest
// message of this step under a heading, its link whole over as many lines
// as it takes (cut with "…", the email's link at 60 columns could not be
// opened), any other text on one; none when there is nothing to show.
func (p sandboxPhone) stripLines(winW int) []string {
	if !p.enabled() || winW >= sideMinWidth || len(p.msgs) == 0 || p.msgs[len(p.msgs)-1].Time.Before(p.stepStart.Truncate(time.Millisecond)) {
		return nil
	}
	s := p.c.styles
	m := p.msgs[len(p.msgs)-1]
	head, text := p.describe(m)
	lines := []string{truncate(s.Warn.Render(p.c.T("▌ sandbox phone · "))+s.Muted.Render(head), winW)}
	if m.Link == "" {
		return append(lines, truncate(s.Warn.Render("▌ ")+s.Text.Render(text), winW))
	}
	for _, l := range strings.Split(wholeLink(s.URL, text, winW-2), "\n") {
		lines = append(lines, s.Warn.Render("▌ ")+l)
	}
	return lines
}

// describe is one message as the phone shows it: the text is the
// provider's, as it sent it.
func (p sandboxPhone) describe(m outbox.Message) (head, text string) {
	to := api.SanitizeLine(m.Recipient)
	head = p.c.F("SMS to %s", to)
	if m.Channel == "email" {
		head = p.c.F("Email to %s", to)
	}
	text = api.SanitizeLine(m.Text)
	if m.Link != "" { // the link is what a demo needs, in full
		text = api.SanitizeLine(m.Link)
	}
	return head + " · " + m.Time.Local().Format("15:04:05"), text
}

// strip is stripLines as one block ("" for none).
func (p sandboxPhone) strip(winW int) string { return strings.Join(p.stripLines(winW), "\n") }

// side is the panel beside the screen, for wide windows.
func (p sandboxPhone) side(winW, h int) string {
	if p.sideWidth(winW) == 0 {
		return ""
	}
	s := p.c.styles
	inner := sideWidth - 4
	lines := []string{s.Warn.Bold(true).Render(p.c.T("Sandbox phone")), ""}
	if len(p.msgs) == 0 {
		lines = append(lines, s.Muted.Width(inner).Render(p.c.T("The SMS and emails the sandbox sends to you appear here.")))
	}
	for i := len(p.msgs) - 1; i >= 0; i-- {
		head, text := p.describe(p.msgs[i])
		body := s.Text.Width(inner).Render(text)
		if p.msgs[i].Link != "" { // a link, as the strip gives it: a hyperlink the terminal opens whole, broken anywhere
			body = wholeLink(s.URL, text, inner)
		}
		lines = append(lines, s.Muted.Render(head), body, "")
	}
	return s.Panel.Width(sideWidth).Height(max(3, h-2)).MaxHeight(h).Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}
