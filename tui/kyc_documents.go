package tui

import (
	"cmp"
	"context"
	"os"
	"path/filepath"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/onboard-cli/onboard/flow"
)

// documents is the KYC screen's upload of identity documents, for a
// provider whose check is documents (Needs.Documents): huh's file picker
// for each document the check still needs, then the upload. The picker is
// built in a Cmd (it asks for the working directory) and reads the
// directory in its own Init; every message reaches it while it is open.
type documents struct {
	form *huh.Form
	path *string // the picked file, bound to the form
	kind string  // the document being picked
	err  string  // why the last file was refused
	// dir is the folder of the last file picked: the next picker opens
	// there. sent names the file being uploaded, for the line that
	// confirms it.
	dir, sent string
}

// pickerMsg carries a file picker built off the event loop.
type pickerMsg struct {
	gen  int
	kind string
	form *huh.Form
	path *string
}

// open starts a picker for the first document the check needs.
func (d *documents) open(c *common) tea.Cmd {
	docs := c.st.KYC.Documents
	if len(docs) == 0 {
		return nil
	}
	return openPicker(c, docs[0], c.F("Choose your %s", flow.DocumentName(docs[0])), d.dir)
}

// openPicker builds, in a Cmd, huh's file picker for the document kind
// under title (the KYB screens' too), in lastDir (the folder of the last
// file picked; "" for the documents folder or the working one).
func openPicker(c *common, kind, title, lastDir string) tea.Cmd {
	gen, width := c.gen, c.width
	hint := c.T("PDF, JPEG or PNG · ↑/↓ move · → or enter opens a folder · ← goes up")
	dark, dir := c.styles.IsDark(), cmp.Or(lastDir, c.opts.DocumentsDir)
	return func() tea.Msg {
		if dir == "" {
			dir = "."
			if wd, err := os.Getwd(); err == nil {
				dir = wd
			}
		}
		path := new(string)
		picker := huh.NewFilePicker().Title(title).Description(hint).
			AllowedTypes(flow.DocumentTypes()).CurrentDirectory(dir).Picking(true).ShowPermissions(false).Height(8).Value(path)
		form := huh.NewForm(huh.NewGroup(picker)).WithShowHelp(false).WithWidth(width).
			WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return huh.ThemeBase16(dark) }))
		return pickerMsg{gen: gen, kind: kind, form: form, path: path}
	}
}

// picked is the file the form completed with, once.
func (d *documents) picked() (string, bool) {
	if d.form == nil || d.form.State != huh.StateCompleted {
		return "", false
	}
	d.form = nil
	if *d.path != "" {
		d.dir, d.sent = filepath.Dir(*d.path), filepath.Base(*d.path)
	}
	return *d.path, *d.path != ""
}

// uploaded is the line that confirms the upload of the file last picked
// as a kind of document.
func (d *documents) uploaded(c *common, kind string) tea.Cmd {
	return note(c.F("Uploaded %s as the %s", d.sent, c.T(flow.DocumentLabel(kind))))
}

// upload reads the file and uploads it, in a Cmd.
func (d *documents) upload(c *common, path string) tea.Cmd {
	kind := d.kind
	return c.run("upload", func(ctx context.Context, st flow.State) (flow.State, error) {
		doc, err := flow.ReadDocument(path, kind)
		if err != nil {
			return st, err
		}
		return c.opts.Engine.UploadDocument(ctx, st, doc)
	})
}

// update forwards msg to the open picker.
func (d *documents) update(msg tea.Msg) tea.Cmd {
	if d.form == nil {
		return nil
	}
	m, cmd := d.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		d.form = f
	}
	return cmd
}

// keys are the picker's bindings, each key once (huh lists enter both
// to open a folder and to pick a file).
func (d *documents) keys(c *common) []key.Binding {
	if d.form == nil {
		return nil
	}
	var out []key.Binding
	seen := map[string]bool{}
	for _, b := range d.form.KeyBinds() {
		if k := b.Help().Key; b.Enabled() && !seen[k] {
			seen[k] = true
			b.SetHelp(k, c.T(b.Help().Desc)) // huh's words ("open", "close") in the person's language
			out = append(out, b)
		}
	}
	return out
}

func (d *documents) view(c *common, busy bool) string {
	st := c.styles
	lines := []string{st.Title.Render(c.T("Prove your identity")), "",
		st.Text.Width(c.width).Render(c.T("The bank checks your identity from documents. Still needed:"))}
	for _, k := range c.st.KYC.Documents {
		lines = append(lines, "  • "+c.M(flow.DocumentName(k)))
	}
	lines = append(lines, "")
	switch {
	case busy:
		lines = append(lines, st.Muted.Render(c.T("Uploading…")))
	case d.form != nil:
		lines = append(lines, d.form.View())
	default:
		lines = append(lines, st.Muted.Render(c.T("Opening the file picker…")))
	}
	if d.err != "" {
		lines = append(lines, st.Bad.Width(c.width).Render(d.err))
	}
	return lipgloss.JoinVertical(lipgloss.Left, lines...)
}
