package tui

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/wrap"
)

// kycScreen shows the KYC link as a QR code and the URL in full, and
// follows the status with the poll policy: one request at a time, each
// status explained in plain words. A declined, aborted or expired check
// gets a new link.
type kycScreen struct {
	c       *common
	codes   []qrCode // the link's QR codes, rendered once per link
	wait    wait
	checked time.Time
	stopped bool // a non-transient error: enter tries again
	// ended says why the previous link was replaced (declined, aborted),
	// in the person's language.
	ended string
	// docs uploads the documents a documents check needs.
	docs documents
}

func newKYCScreen(c *common) *kycScreen {
	s := &kycScreen{c: c}
	s.wait.restart(c)
	if c.st.KYC.URL != "" && !flow.KYCEnded(c.st.KYCStatus) {
		// Come back to (from a change of number): the link still stands,
		// and so does its QR code. Without it the screen said the
		// window was too small for one, at any size.
		s.codes = newQRCodes(c.st.KYC.URL)
	}
	return s
}

func (s *kycScreen) Label() string { return "KYC" }

func (s *kycScreen) Init() tea.Cmd {
	if s.needLink() {
		return s.newLink()
	}
	return s.poll()
}

func (s *kycScreen) needLink() bool {
	st := s.c.st
	return st.KYC.URL == "" && st.KYCStatus != api.KYCProcessing && st.KYCStatus != api.KYCPendingReview ||
		flow.KYCEnded(st.KYCStatus)
}

func (s *kycScreen) newLink() tea.Cmd {
	s.c.supersede() // a poll of the old link must not land on the new one
	if err := s.c.st.KYCGiveUp(); err != nil {
		return end(EndFailed, err)
	}
	s.wait.restart(s.c)
	s.stopped = false
	return s.c.run("start", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.StartKYC(ctx, st)
	})
}

func (s *kycScreen) poll() tea.Cmd {
	return s.c.run("poll", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.PollKYC(ctx, st)
	})
}

// picking reports whether the screen is asking for documents.
func (s *kycScreen) picking() bool {
	return s.c.needs().Documents && len(s.c.st.KYC.Documents) > 0 && s.c.st.KYC.ID != ""
}

func (s *kycScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case pickerMsg:
		if msg.gen != s.c.gen || !s.picking() {
			return s, nil
		}
		s.docs.form, s.docs.path, s.docs.kind = msg.form, msg.path, msg.kind
		return s, s.docs.form.Init()
	case opMsg, tickMsg:
	default:
		if s.docs.form != nil {
			if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, s.c.keys.Stop) {
				return s, end(EndWaiting, nil)
			}
			cmd := s.docs.update(msg)
			if path, ok := s.docs.picked(); ok {
				s.docs.err = ""
				return s, tea.Batch(cmd, s.docs.upload(s.c, path))
			}
			return s, cmd
		}
	}
	switch msg := msg.(type) {
	case opMsg:
		if msg.op == "upload" && msg.err == nil {
			return s, tea.Batch(s.docs.uploaded(s.c, s.docs.kind), s.result(msg))
		}
		return s, s.result(msg)
	case tickMsg:
		switch msg.what {
		case "poll":
			return s, s.poll()
		case "approved":
			return s, advance
		}
	case tea.KeyPressMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *kycScreen) result(msg opMsg) tea.Cmd {
	s.stopped = false
	if msg.op == "upload" && refusedUpload(msg.err) {
		s.docs.err = s.c.F("%s Choose another file.", s.c.explain(msg.err))
	}
	if (msg.op == "start" || msg.op == "upload") && s.picking() {
		return s.docs.open(s.c) // the next document, or the same one again
	}
	if msg.op == "upload" && msg.err == nil && s.c.st.KYC.URL != "" && s.codes == nil {
		s.codes = newQRCodes(s.c.st.KYC.URL) // the review page (the sandbox's)
	}
	if msg.op == "start" && msg.err == nil && s.c.st.KYC.URL != "" {
		s.codes = newQRCodes(s.c.st.KYC.URL)
	}
	if msg.err == nil {
		s.checked = s.c.now()
		switch st := s.c.st.KYCStatus; st {
		case api.KYCApproved:
			return s.c.tick(900*time.Millisecond, "approved") // a beat to read it
		case api.KYCDeclined, api.KYCAborted:
			s.ended = s.c.T("The last check was declined: this is a new link, to try again.")
			if st == api.KYCAborted {
				s.ended = s.c.T("The last link was left unfinished or expired: this is a new one.")
			}
			return s.newLink()
		}
	}
	if errors.Is(msg.err, flow.ErrKYCRejected) {
		return end(EndFailed, msg.err) // no new link will ever come
	}
	if msg.op == "start" && msg.err != nil {
		s.stopped = true // no link to poll: the banner says why; enter asks again
		return nil
	}
	cmd, ok := s.wait.answered(s.c, msg.err)
	s.stopped = !ok // the banner says why; enter tries again
	return cmd
}

// showsError implements errorShower: a refused document is said under
// the picker, with what to do.
func (s *kycScreen) showsError(m opMsg) bool {
	return s.wait.showsError(m) || m.op == "upload" && refusedUpload(m.err)
}

// refusedUpload: the file itself was refused; choosing another is the way
// on (a failure in transit is retried, and said in the banner).
func refusedUpload(err error) bool {
	_, transient := flow.Retryable(err)
	return err != nil && !transient
}

func (s *kycScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.keys
	url := s.c.st.KYC.URL
	switch {
	case key.Matches(msg, k.Copy) && url != "":
		return tea.Batch(tea.SetClipboard(url), note(s.c.T("Link copied (where the terminal allows it).")))
	case key.Matches(msg, k.Open) && url != "" && s.c.opts.OpenURL != nil:
		open, failed, opened := s.c.opts.OpenURL, s.c.T("Could not open a browser here; scan the code or copy the link."), s.c.T("Opened the link in your browser.")
		return func() tea.Msg {
			if err := open(url); err != nil {
				return bannerMsg{text: failed}
			}
			return bannerMsg{text: opened, ok: true}
		}
	case key.Matches(msg, k.NewLink) && !s.c.busy() && !s.c.needs().Documents:
		return s.newLink()
	case key.Matches(msg, k.Stop):
		return end(EndWaiting, nil)
	case key.Matches(msg, k.Enter) && (s.wait.over || s.stopped) && !s.c.busy():
		s.wait.restart(s.c)
		s.stopped = false
		return s.Init() // a link if there is none yet, else a poll
	}
	return nil
}

func (s *kycScreen) Keys() []key.Binding {
	k := s.c.keys
	if s.picking() {
		return append(s.docs.keys(s.c), k.Stop)
	}
	var out []key.Binding
	if s.c.st.KYC.URL != "" {
		out = append(out, k.Copy)
		if s.c.opts.OpenURL != nil {
			out = append(out, k.Open)
		}
	}
	if s.wait.over || s.stopped {
		out = append(out, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("check again"))))
	}
	if s.c.needs().Documents {
		return append(out, k.Stop) // the documents are sent: no new link to ask for
	}
	return append(out, k.NewLink, k.Stop)
}

// scanLine is what the QR code is for: the person's own check, or (for
// documents) the sandbox's reviewer page.
func (s *kycScreen) scanLine() string {
	if s.c.needs().Documents {
		return s.c.T("Sandbox: this page stands in for the bank's reviewers. Open it, on this machine or a phone, to approve or reject your documents.")
	}
	return s.c.T("Scan the code with your phone's camera, or open the link below.")
}

func (s *kycScreen) View() string {
	st := s.c.styles
	if s.picking() {
		return s.docs.view(s.c, s.c.busy())
	}
	url := s.c.st.KYC.URL
	if url == "" {
		status := s.statusLines(s.c.width)
		return lipgloss.JoinVertical(lipgloss.Left, append([]string{st.Title.Render(s.c.T("Prove your identity")), ""}, status...)...)
	}
	status := s.statusLines(s.c.width)
	urlLine := link(st.URL, url, s.c.width)
	if q, ok := fit(s.codes, s.c.width, s.c.height-1); ok {
		textW := s.c.width - q.w - 2
		if textW >= 24 {
			text := append([]string{st.Title.Render(s.c.T("Prove your identity")), "",
				st.Text.Render(wrap.Words(s.scanLine(), textW)), ""}, s.statusLines(textW)...) // at spaces: not "ci-|dessous"
			col := lipgloss.NewStyle().Width(textW).MarginLeft(2).Render(lipgloss.JoinVertical(lipgloss.Left, text...))
			return lipgloss.JoinVertical(lipgloss.Left, lipgloss.JoinHorizontal(lipgloss.Top, q.render(), col), urlLine)
		}
		if q.h+2+len(status) <= s.c.height {
			return lipgloss.JoinVertical(lipgloss.Left, append([]string{q.render(), urlLine}, status...)...)
		}
	}
	// No QR code: the link is the way on, so it is shown whole, not
	// shortened around "…" (wholeLink, as the company's review page).
	urlLine = wholeLink(st.URL, url, s.c.width)
	w, h := smallest(s.codes) // beside its text (24 columns or more), as View lays it out
	if s.c.needs().Documents {
		lines := []string{st.Title.Render(s.c.T("Prove your identity")), "", st.Text.Width(s.c.width).Render(s.scanLine()), "", urlLine, ""}
		return lipgloss.JoinVertical(lipgloss.Left, append(lines, status...)...)
	}
	lines := []string{st.Title.Render(s.c.T("Prove your identity")), "",
		st.Warn.Width(s.c.width).Render(s.c.F("The window is too small for the QR code (it needs %d×%d). Enlarge it, or open this link on your phone:", max(minWidth, w+2+24+s.c.frameW), max(minHeight, h+1+s.c.frameH))),
		"", urlLine, ""}
	return lipgloss.JoinVertical(lipgloss.Left, append(lines, status...)...)
}

// statusLines explain the status and what the wizard is doing about it.
func (s *kycScreen) statusLines(w int) []string {
	st := s.c.styles
	w = max(20, w)
	if s.c.st.KYCStatus == api.KYCApproved {
		return []string{st.Good.Render("✓ " + s.c.M(flow.KYCExplanation(api.KYCApproved)))}
	}
	status := s.c.st.KYCStatus
	var lines []string
	if s.ended != "" {
		lines = append(lines, st.Warn.Width(w).Render(s.ended), "")
	}
	lines = append(lines, st.Text.Width(w).Render(s.c.M(flow.KYCExplanation(status))))
	switch {
	case s.wait.over:
		lines = append(lines, "", st.Warn.Width(w).Render(stillWaiting(s.c)))
	case s.stopped:
		lines = append(lines, "", st.Warn.Render(s.c.T("Press enter to try again.")))
	case s.wait.troubleLine(s.c) != "":
		lines = append(lines, "", st.Warn.Width(w).Render(s.wait.troubleLine(s.c)))
	case s.c.busy() && s.checked.IsZero():
		lines = append(lines, "", st.Muted.Render(s.c.T("Checking…")))
	case !s.checked.IsZero():
		lines = append(lines, "", st.Muted.Render(s.c.F("Checked at %s; checking again by itself.", s.checked.Local().Format("15:04:05"))))
	}
	return lines
}
