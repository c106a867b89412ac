package tui

import (
	"strconv"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestLink: a URL is an OSC 8 hyperlink to the whole of it, on one line
// that fits, however long it is.
func TestLink(t *testing.T) {
	long := "http://192.168.1.20:7878/finhub/review/0f1e2d3c4b5a69788796a5b4c3d2e1f0?lang=en"
	for _, w := range []int{100, 60, 30} {
		got := link(lipgloss.NewStyle(), long, w)
		shown := ansi.Strip(got)
		if !strings.Contains(got, ansi.SetHyperlink(long)) || strings.Contains(shown, "\n") || ansi.StringWidth(shown) > w {
			t.Errorf("at %d columns: %q (shows %q)", w, got, shown)
		}
		if w >= len(long) && shown != long {
			t.Errorf("at %d columns the link shows %q", w, shown)
		}
	}
}

// TestWholeLink: a URL wider than the window is shown whole, cut only
// at the window's edge (a hyphen of the id is no place to break), each
// piece a hyperlink to all of it with an id of its own (the renderer
// opens a link again only when it changes).
func TestWholeLink(t *testing.T) {
	long := "http://127.0.0.1:40123/sandbox/finhub/review/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	for _, w := range []int{120, 80, 40, 7} {
		got := wholeLink(lipgloss.NewStyle(), long, w)
		lines := strings.Split(got, "\n")
		var shown strings.Builder
		for i, l := range lines {
			s := ansi.Strip(l)
			if !strings.HasPrefix(l, ansi.SetHyperlink(long, "id=onboard-"+strconv.Itoa(i))) || ansi.StringWidth(s) > w ||
				(i < len(lines)-1 && ansi.StringWidth(s) != w) {
				t.Errorf("at %d columns, line %d is %q", w, i, l)
			}
			shown.WriteString(s)
		}
		if shown.String() != long {
			t.Errorf("at %d columns the lines show %q", w, shown.String())
		}
	}
}

// TestQRSizeSaid: the size the "too small" line asks for is one where the
// QR code shows.
func TestQRSizeSaid(t *testing.T) {
	f := flowtest.New().Registered(frPhone, "x")
	f.KYCScript = []api.KYCStatus{api.KYCCreated}
	h := newHarness(t, f, loggedIn(), 60, 20)
	mustContain(t, strings.Join(strings.Fields(h.view()), " "), "it needs 60×22")
	h = newHarness(t, f, loggedIn(), 60, 22)
	if v := h.view(); strings.Contains(v, "too small") || !strings.Contains(v, "█") {
		t.Errorf("at 60×22, the size it asked for:\n%s", v)
	}
	if raw := h.model.View().Content; !strings.Contains(raw, ansi.SetHyperlink("https://kyc.example/session/abc123")) {
		t.Errorf("the KYC link is no hyperlink:\n%q", raw)
	}
}
