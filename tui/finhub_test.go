package tui

import (
	"context"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestFinHubWizard drives FinHub's plan through Update against the
// sandbox (every request and answer checked against api/finhub/openapi.yaml):
// the category, the details with the password, the documents picked with
// huh's file picker, the review, the consents, the activation code.
func TestFinHubWizard(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	p := env.FinHubProvider()
	docs := t.TempDir()
	pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	for _, name := range []string{"bill.pdf", "passport.pdf"} {
		if err := os.WriteFile(filepath.Join(docs, name), pdf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range map[string]string{"notes.txt": "not a document", "fake.pdf": "not a PDF either"} {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, flowtest.New(), flow.State{Lang: "en"}, 80, 24, func(o *Options) {
		o.Engine.P, o.Plan, o.DocumentsDir = p, finhubPlan(), docs
		o.Engine.Now = nil // the sandbox keeps its own time
	})
	if h.step() != flow.StepCategory {
		t.Fatalf("step %s, want the category", h.step())
	}
	t.Run("category", func(t *testing.T) { h.goldenAs(t) })
	h.press(tea.KeyDown)
	h.press(tea.KeyEnter)
	if h.step() != flow.StepRegister || h.app.c.st.Category != "STANDARD_INDIVIDUAL" {
		t.Fatalf("after the category: step %s, category %q", h.step(), h.app.c.st.Category)
	}
	h.typeText("+37060012345")
	for _, v := range []string{"Ada", "Lovelace", "ada@example.com", "1990-05-15", "f", "Correct-Horse-9!", "Correct-Horse-8!"} {
		h.press(tea.KeyTab)
		h.typeText(v)
	}
	h.press(tea.KeyEnter)
	if h.step() != flow.StepRegister {
		t.Fatal("registered with passwords that differ")
	}
	t.Run("details", func(t *testing.T) { h.goldenAs(t) })
	h.ctrl('t') // shows both passwords, to see where they differ
	if v := h.view(); !strings.Contains(v, "Correct-Horse-9!") || !strings.Contains(v, "Correct-Horse-8!") {
		t.Fatalf("ctrl+t does not show the passwords:\n%s", v)
	}
	h.ctrl('t')
	if strings.Contains(h.view(), "Correct-Horse") {
		t.Fatal("a second ctrl+t does not hide the passwords")
	}
	for range len("Correct-Horse-8!") {
		h.press(tea.KeyBackspace)
	}
	h.typeText("Correct-Horse-9!")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepKYC || h.app.c.st.Session.Token == "" || h.app.c.st.Gender != "FEMALE" {
		t.Fatalf("after registering: step %s, logged in %v, gender %q", h.step(), h.app.c.st.Session.Token != "", h.app.c.st.Gender)
	}
	mustContain(t, h.view(), "bill.pdf")
	t.Run("documents", func(t *testing.T) { h.goldenAs(t) })
	h.press(tea.KeyDown)
	h.press(tea.KeyEnter) // fake.pdf: refused, said once, under the picker
	if v := h.view(); strings.Count(v, "fake.pdf is not a PDF") != 1 || !strings.Contains(v, "Choose another file") {
		t.Fatalf("a file that is not what it says:\n%s", v)
	}
	h.press(tea.KeyUp)
	h.press(tea.KeyEnter) // bill.pdf as the ID document
	mustContain(t, h.view(), "proof of address")
	for range 3 { // past fake.pdf and notes.txt, which the picker does not take
		h.press(tea.KeyDown)
	}
	h.press(tea.KeyEnter) // passport.pdf as the proof of address
	url := h.app.c.st.KYC.URL
	if len(h.app.c.st.KYC.Documents) != 0 || url == "" {
		t.Fatalf("after the uploads: %+v\n%s", h.app.c.st.KYC, h.view())
	}
	if err := env.Phone().Press(context.Background(), url, "approve"); err != nil {
		t.Fatal(err)
	}
	h.tick("poll")
	h.tick("approved")
	if h.step() != flow.StepTerms {
		t.Fatalf("after the approval: step %s", h.step())
	}
	h.key('a')
	if h.step() != flow.StepActivate {
		t.Fatalf("after the consents: step %s", h.step())
	}
	h.typeText("000000")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "4 tries left")
	t.Run("activate, wrong code", func(t *testing.T) { h.goldenAs(t) })
	msg, err := env.Phone().Last(context.Background(), "ada@example.com", func(m outbox.Message) bool { return m.Code != "" })
	if err != nil {
		t.Fatal(err)
	}
	h.typeText(msg.Code)
	h.press(tea.KeyEnter)
	if h.step() != flow.StepDone || !h.app.c.st.Activated {
		t.Fatalf("after the code: step %s, activated %v", h.step(), h.app.c.st.Activated)
	}
}
