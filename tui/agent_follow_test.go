package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
)

// TestAgentKYCFollows: the KYC link's page reads the consumer again on
// its own, paced by the poll policy (2 s at most at first), so the status
// moves from CREATED to APPROVED with no key pressed, and stops there.
func TestAgentKYCFollows(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	var armed []time.Duration
	h := newAgentHarness(t, dir, func(o *AgentOptions) {
		o.Tick = func(d time.Duration, _ func(time.Time) tea.Msg) tea.Cmd { armed = append(armed, d); return nil }
	})
	a := h.model.(*Agent)
	h.typeText("hopper")
	h.press(tea.KeyEnter)
	h.press(tea.KeyDown)
	h.press(tea.KeyEnter)
	h.key('k')
	if v := h.view(); !strings.Contains(v, "KYC status CREATED") || len(armed) != 1 || armed[0] > 1200*time.Millisecond {
		t.Fatalf("the link's page arms no quick read (%v):\n%s", armed, v)
	}
	for i := range dir.consumers {
		if dir.consumers[i].ConsumerID == a.cur.ConsumerID {
			dir.consumers[i].KYC = api.KYCProcessing
		}
	}
	h.send(tickMsg{gen: a.c.gen, what: "follow"})
	if v := h.view(); !strings.Contains(v, "KYC status PROCESSING") || len(armed) != 2 || armed[1] > 2400*time.Millisecond {
		t.Fatalf("after a follow read (%v):\n%s", armed, v)
	}
	for i := range dir.consumers {
		if dir.consumers[i].ConsumerID == a.cur.ConsumerID {
			dir.consumers[i].KYC = api.KYCApproved
		}
	}
	h.send(tickMsg{gen: a.c.gen, what: "follow"})
	if v := h.view(); !strings.Contains(v, "KYC status APPROVED") || len(armed) != 2 {
		t.Fatalf("approved, it should stop following (%v):\n%s", armed, v)
	}
}
