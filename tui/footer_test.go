package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// lastLine is the footer of a view.
func lastLine(v string) string {
	lines := strings.Split(strings.TrimRight(v, "\n"), "\n")
	return strings.TrimRight(lines[len(lines)-1], " ")
}

// TestFullHelp: ? shows every key of the screen in place of its body and
// hides it again; where a field takes ?, the ? is typed and f1 shows the
// keys. The footer is never cut with "…" and always shows how to quit.
func TestFullHelp(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{}, 60, 20)
	foot := lastLine(h.view())
	if strings.Contains(foot, "…") || !strings.HasSuffix(foot, "? all keys • ctrl+c quit") {
		t.Fatalf("the terms' footer at 60 columns: %q", foot)
	}
	h.key('?')
	if v := h.view(); !strings.Contains(v, "Keys") || !strings.Contains(v, "G/end") || !strings.Contains(v, "end") || strings.Contains(v, "Be nice.") {
		t.Fatalf("after ?:\n%s", v)
	}
	h.key('?')
	if v := h.view(); !strings.Contains(v, "Be nice.") {
		t.Fatalf("after ? again:\n%s", v)
	}

	h = newHarness(t, flowtest.New(), flow.State{TermsAccepted: true, AcceptedTerms: "1.0"}, 80, 24)
	h.typeText("06?")
	if v := h.view(); strings.Contains(v, "Keys") || !strings.Contains(lastLine(v), "f1 all keys • ctrl+c quit") {
		t.Fatalf("? typed in the phone number opened the keys:\n%s", v)
	}
	h.press(tea.KeyF1)
	if v := h.view(); !strings.Contains(v, "Keys") || !strings.Contains(v, "shift+tab") {
		t.Fatalf("after f1:\n%s", v)
	}
	h.press(tea.KeyEscape)
	if v := h.view(); strings.Contains(v, "Keys") || !strings.Contains(v, "Your mobile number") {
		t.Fatalf("after esc:\n%s", v)
	}
}

// TestCountryPickerEsc: esc closes the country picker, the country
// unchanged, and goes back to the number.
func TestCountryPickerEsc(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{TermsAccepted: true, AcceptedTerms: "1.0"}, 80, 24)
	h.press(tea.KeyTab, tea.ModShift)
	h.typeText("united")
	mustContain(t, h.view(), "United Kingdom")
	h.press(tea.KeyEscape)
	v := h.view()
	mustContain(t, v, "France +33", "› Number")
	if strings.Contains(v, "United Kingdom") {
		t.Errorf("the picker is still open after esc:\n%s", v)
	}
}

// TestFooterKeepsTheKeyThatMovesOn: in French at 60 columns, the company
// form's footer showed only "f1 toutes les touches • ctrl+c quitter":
// the key that registers the company comes before those reminders.
func TestFooterKeepsTheKeyThatMovesOn(t *testing.T) {
	h, _ := companyForm(t, "fr")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	if foot := lastLine(h.view()); !strings.Contains(foot, "Entrée") {
		t.Errorf("the footer lacks enter at 60 columns: %q", foot)
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24}) // room: the reminders too
	if foot := lastLine(h.view()); !strings.Contains(foot, "Entrée") || !strings.Contains(foot, "ctrl+c") {
		t.Errorf("the footer at 80 columns: %q", foot)
	}
}
