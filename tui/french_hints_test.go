package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// englishHint finds the English of the forms' hints, the sentences said
// while typing and the help line's keys and descriptions.
var englishHint = regexp.MustCompile(`(?i)\b(the|your|and|to|is|has|must|type|e\.g|optional|female|male|other|keep|typing|works|field|next|previous|register|quit|stop|later|check|again|copy|link|open|browser|new|send|choose|enter|esc|space|shift|tab to)\b`)

// frenchOnly fails when view, less the values the test typed or the fake
// provider gave, has English in it.
func frenchOnly(t *testing.T, view string, values ...string) {
	t.Helper()
	rest := view
	for _, v := range values {
		rest = strings.ReplaceAll(rest, v, "")
	}
	if w := englishHint.FindString(rest); w != "" {
		t.Errorf("English %q left:\n%s", w, view)
	}
}

// TestFrenchHints: under --lang fr the registration form (every field a
// provider may ask for) and the identity check say their hints, their
// refusals while typing and their keys in French.
func TestFrenchHints(t *testing.T) {
	fake := flowtest.New()
	fake.NeedsOf = api.Needs{Names: true, Email: true, BirthDate: true, Gender: true, PasswordAtRegister: true}
	st := flow.State{Lang: "fr", TermsAccepted: true, AcceptedTerms: "1.0"}
	t.Run("register", func(t *testing.T) {
		h := newHarness(t, fake, st, 80, 24)
		if h.step() != flow.StepRegister {
			t.Fatalf("step %s, want the registration", h.step())
		}
		frenchOnly(t, h.view()) // the placeholders and the number's hint
		h.typeText("+33 6 12")
		frenchOnly(t, h.view(), "+33 6 12") // "… continuez"
		h.typeText("x")
		frenchOnly(t, h.view(), "+33 6 12x") // the number's refusal as it is typed
		h.press(tea.KeyBackspace)
		h.typeText("345678")
		for _, v := range []string{"Ada", "Lovelace", "ada@example", "31/31/1990", "x", "short", "other"} {
			h.press(tea.KeyTab)
			h.typeText(v)
		}
		h.press(tea.KeyEnter) // every field refused, each says why
		v := h.view()
		if h.step() != flow.StepRegister || !strings.Contains(v, "Ce n’est pas une adresse e-mail") {
			t.Fatalf("the refusals are not shown:\n%s", v)
		}
		frenchOnly(t, v, "ada@example", "Lovelace")
		h.goldenAs(t)
	})
	t.Run("kyc", func(t *testing.T) {
		st := loggedIn()
		st.Lang = "fr"
		for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 20}} {
			h := newHarness(t, flowtest.New().Registered(frPhone, "x"), st, size[0], size[1])
			if h.step() != flow.StepKYC {
				t.Fatalf("step %s, want the identity check", h.step())
			}
			frenchOnly(t, h.view(), "https://kyc.example/session/abc123")
		}
	})
}
