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

// TestFrench walks the wizard in French at 80×24 (--lang fr): goldens of
// a screen per step, and no English left in the wizard's own words.
func TestFrench(t *testing.T) {
	english := regexp.MustCompile(`\b(Press|Your|password|Terms|Phone|Email|verified|to|continue|quit|the|and)\b`)
	check := func(t *testing.T, h *harness) {
		t.Helper()
		golden := h.view()
		// The fake provider's terms and values are not the wizard's words.
		for _, keep := range []string{"# Terms", " Terms ", "Be nice.", "Keep your password to yourself.", "https://bank.example/terms", "https://kyc.example/session/abc123"} {
			golden = strings.ReplaceAll(golden, keep, "")
		}
		if w := english.FindString(golden); w != "" {
			t.Errorf("English %q left:\n%s", w, h.view())
		}
		h.goldenAs(t)
	}
	fr := func(st flow.State) flow.State { st.Lang = "fr"; return st }

	t.Run("terms", func(t *testing.T) {
		check(t, newHarness(t, flowtest.New(), fr(flow.State{}), 80, 24))
	})
	t.Run("phone", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), fr(flow.State{TermsAccepted: true, AcceptedTerms: "1.0"}), 80, 24)
		h.typeText("06 12")
		h.press(tea.KeyEnter)
		check(t, h)
	})
	t.Run("password", func(t *testing.T) {
		h := newHarness(t, flowtest.New(), fr(flow.State{TermsAccepted: true, AcceptedTerms: "1.0", Phone: frPhone, Registered: true, ConsumerID: "cons_fake"}), 80, 24)
		h.answer("123456", "short")
		check(t, h)
	})
	t.Run("kyc", func(t *testing.T) {
		check(t, newHarness(t, flowtest.New().Registered(frPhone, "x"), fr(loggedIn()), 80, 24))
	})
	t.Run("done", func(t *testing.T) {
		st := fr(loggedIn())
		st.KYCStatus, st.EmailVerified, st.Snapshot.Account = api.KYCApproved, true, api.AccountActive
		check(t, newHarness(t, flowtest.New().Registered(frPhone, "x"), st, 80, 24))
	})
}
