package tui

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// kybDocsScreen is the KYB documents step: the company's documents, then
// each beneficial owner's identity document, each picked with the KYC
// screen's file picker (or taken from the organisation file when it names
// one) and uploaded once.
type kybDocsScreen struct {
	c    *common
	docs documents
	// doc is the document being asked for; tried, the files named by the
	// organisation file already tried (a refused one is picked instead).
	doc   flow.KYBFile
	tried map[string]bool
}

func newKYBDocsScreen(c *common) *kybDocsScreen {
	o := &c.st.Organization
	if op, ok := c.opts.Engine.P.(flow.OrganizationProvider); ok && len(o.Documents) == 0 {
		company, _ := op.KYBDocuments() // none named by a file: the provider's list, each to pick
		for _, k := range company {
			o.Documents = append(o.Documents, flow.Document{Type: k})
		}
	}
	return &kybDocsScreen{c: c, tried: map[string]bool{}}
}

func (s *kybDocsScreen) Label() string { return flow.Label(flow.StepKYBDocuments, s.c.needs()) }

func (s *kybDocsScreen) Init() tea.Cmd { return s.next() }

// next asks for the first document not sent yet, or moves on.
func (s *kybDocsScreen) next() tea.Cmd {
	pending := s.c.st.PendingDocuments()
	if len(pending) == 0 {
		return advance
	}
	s.doc = pending[0]
	if s.doc.File != "" && !s.tried[s.doc.Path] {
		s.tried[s.doc.Path] = true
		return s.upload(s.doc.File)
	}
	return openPicker(s.c, s.kind(), s.c.T(s.title()), s.docs.dir)
}

// kind is the document's type: the company's, or the provider's for an
// owner's identity.
func (s *kybDocsScreen) kind() string {
	if s.doc.Owner == nil {
		return s.doc.Type
	}
	if op, ok := s.c.opts.Engine.P.(flow.OrganizationProvider); ok {
		_, owner := op.KYBDocuments()
		return owner
	}
	return "PASSPORT"
}

// title says whose document is asked for.
func (s *kybDocsScreen) title() string {
	if s.doc.Owner == nil {
		return s.c.F("Choose the company's %s", s.c.T(choiceText(s.doc.Type)))
	}
	return s.c.F("Choose the ID document of %s (beneficial owner)", api.SanitizeLine(s.doc.Owner.Name()))
}

func (s *kybDocsScreen) upload(path string) tea.Cmd {
	kind, subject := s.kind(), ""
	if s.doc.Owner != nil {
		a, _ := s.c.st.Org.AddedAs(flow.PersonKey(s.doc.Owner.API()))
		subject = a.PersonID
	}
	return s.c.run("upload", func(ctx context.Context, st flow.State) (flow.State, error) {
		doc, err := flow.ReadDocument(path, kind)
		if err != nil {
			return st, err
		}
		return s.c.opts.Engine.UploadKYB(ctx, st, api.KYBDocument{Document: doc, Subject: subject})
	})
}

func (s *kybDocsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case pickerMsg:
		if msg.gen != s.c.gen {
			return s, nil
		}
		s.docs.form, s.docs.path, s.docs.kind = msg.form, msg.path, msg.kind
		return s, s.docs.form.Init()
	case opMsg:
		if msg.err != nil && refusedUpload(msg.err) {
			s.docs.err = sentence(flow.Explain(msg.err, s.c.needs())) + " " + s.c.T("Choose another file.")
		} else if msg.err == nil {
			s.docs.err = ""
		}
		return s, s.next()
	case tea.KeyPressMsg:
		if key.Matches(msg, s.c.keys.Stop) && s.docs.form == nil {
			return s, end(EndWaiting, nil)
		}
	}
	cmd := s.docs.update(msg)
	if path, ok := s.docs.picked(); ok {
		return s, tea.Batch(cmd, s.upload(path))
	}
	return s, cmd
}

// showsError implements errorShower: a refused file is said under the
// picker, with what to do.
func (s *kybDocsScreen) showsError(m opMsg) bool { return m.op == "upload" && refusedUpload(m.err) }

func (s *kybDocsScreen) Keys() []key.Binding { return s.docs.keys(s.c) }

func (s *kybDocsScreen) View() string {
	st := s.c.styles
	lines := []string{st.Title.Render(s.c.T("The company's documents")),
		st.Text.Width(s.c.width).Render(s.c.T("The bank verifies the business (KYB) and its beneficial owners from these.")), ""}
	pending := map[string]bool{}
	for _, f := range s.c.st.PendingDocuments() {
		pending[f.Path] = true
	}
	for _, f := range s.c.st.Organization.KYBFiles() {
		name := s.c.T(choiceText(f.Type))
		if f.Owner != nil {
			name = s.c.F("ID document of %s", api.SanitizeLine(f.Owner.Name()))
		}
		if pending[f.Path] {
			lines = append(lines, "  • "+name)
		} else {
			lines = append(lines, st.Good.Render("  ✓ ")+name)
		}
	}
	lines = append(lines, "")
	switch {
	case s.c.busy():
		lines = append(lines, st.Muted.Render(s.c.T("Uploading…")))
	case s.docs.form != nil:
		lines = append(lines, s.docs.form.View())
	default:
		lines = append(lines, st.Muted.Render(s.c.T("Opening the file picker…")))
	}
	if s.docs.err != "" {
		lines = append(lines, st.Bad.Width(s.c.width).Render(s.c.T(s.docs.err)))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}

// kybReviewScreen is the KYB review step: the verification is submitted,
// then followed with the poll policy until the bank's reviewers decide
// (on the sandbox, its reviewer page stands in for them).
type kybReviewScreen struct {
	c       *common
	wait    wait
	stopped bool
}

func newKYBReviewScreen(c *common) *kybReviewScreen {
	s := &kybReviewScreen{c: c}
	s.wait.restart(c)
	return s
}

func (s *kybReviewScreen) Label() string { return flow.Label(flow.StepKYBReview, s.c.needs()) }

func (s *kybReviewScreen) Init() tea.Cmd {
	if s.c.st.Org.KYB.ID == "" || s.c.st.Org.KYB.Status == api.KYCDeclined {
		return s.c.run("start", func(ctx context.Context, st flow.State) (flow.State, error) {
			return s.c.opts.Engine.StartVerification(ctx, st)
		})
	}
	return s.poll()
}

func (s *kybReviewScreen) poll() tea.Cmd {
	return s.c.run("poll", func(ctx context.Context, st flow.State) (flow.State, error) {
		return s.c.opts.Engine.PollVerification(ctx, st)
	})
}

func (s *kybReviewScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case opMsg:
		if msg.err == nil {
			switch s.c.st.Org.KYB.Status {
			case api.KYCApproved:
				return s, advance
			case api.KYCDeclined:
				return s, end(EndDeclined, errors.New("the bank declined the business verification; its support says why and what to send"))
			}
		}
		if msg.op == "start" && msg.err != nil {
			s.stopped = true
			return s, nil
		}
		cmd, ok := s.wait.answered(s.c, msg.err)
		s.stopped = !ok
		return s, cmd
	case tickMsg:
		if msg.what == "poll" {
			return s, s.poll()
		}
	case tea.KeyPressMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *kybReviewScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k, url := s.c.keys, s.c.st.Org.KYB.URL
	switch {
	case key.Matches(msg, k.Open) && url != "" && s.c.opts.OpenURL != nil:
		open := s.c.opts.OpenURL
		return func() tea.Msg {
			if err := open(url); err != nil {
				return bannerMsg{text: "Could not open a browser here; copy the link."}
			}
			return bannerMsg{text: "Opened the link in your browser.", ok: true}
		}
	case key.Matches(msg, k.Copy) && url != "":
		return tea.Batch(tea.SetClipboard(url), note("Link copied (where the terminal allows it)."))
	case key.Matches(msg, k.Stop):
		return end(EndWaiting, nil)
	case key.Matches(msg, k.Enter) && (s.wait.over || s.stopped) && !s.c.busy():
		s.wait.restart(s.c)
		s.stopped = false
		return s.Init()
	}
	return nil
}

// showsError implements errorShower: the wait says its own trouble.
func (s *kybReviewScreen) showsError(m opMsg) bool { return s.wait.showsError(m) }

func (s *kybReviewScreen) Keys() []key.Binding {
	k := s.c.keys
	var out []key.Binding
	if s.c.st.Org.KYB.URL != "" {
		out = append(out, k.Copy)
		if s.c.opts.OpenURL != nil {
			out = append(out, k.Open)
		}
	}
	if s.wait.over || s.stopped {
		out = append(out, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("check again"))))
	}
	return append(out, k.Stop)
}

func (s *kybReviewScreen) View() string {
	st := s.c.styles
	lines := []string{st.Title.Render(s.c.T("The bank reviews the company")),
		st.Text.Width(s.c.width).Render(s.c.T("Its reviewers check the company's documents and its beneficial owners (KYB). This takes 2 to 5 business days at a real bank.")), ""}
	if url := s.c.st.Org.KYB.URL; url != "" {
		lines = append(lines, st.Text.Width(s.c.width).Render(s.c.T("Sandbox: this page stands in for the bank's reviewers. Open it to approve or decline the company.")),
			wholeLink(st.URL, url, s.c.width), "")
		if s.c.opts.Demo { // its sandbox approves by itself (cmd/onboard/demo.go)
			lines = append(lines, st.Muted.Width(s.c.width).Render(s.c.T("A demo: the sandbox approves the company by itself a few seconds after this link shows.")), "")
		}
	}
	lines = append(lines, st.Text.Width(s.c.width).Render(s.c.T(kybStatusText(s.c.st.Org.KYB.Status))))
	switch {
	case s.wait.over:
		lines = append(lines, "", st.Warn.Width(s.c.width).Render(s.c.T(stillWaiting(s.c))))
	case s.stopped:
		lines = append(lines, "", st.Warn.Render(s.c.T("Press enter to try again.")))
	case s.wait.troubleLine(s.c) != "":
		lines = append(lines, "", st.Warn.Width(s.c.width).Render(s.c.T(s.wait.troubleLine(s.c))))
	case s.c.busy():
		lines = append(lines, "", st.Muted.Render(s.c.T("Checking…")))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}

// kybStatusText says where the business verification stands.
func kybStatusText(status api.KYCStatus) string {
	switch status {
	case "", api.KYCNotStarted:
		return "Submitting the company for verification…"
	case api.KYCApproved:
		return "The company is verified."
	case api.KYCDeclined:
		return "The bank declined the business verification."
	}
	return "Submitted: the bank's reviewers are checking the company. You can stop here and run onboard again later."
}
