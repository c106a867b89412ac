package prism

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/flow"
)

// exitCodes are the codes onboard documents (internal/exit).
func exitCodes() []int { return []int{0, 1, 2, 3} }

// check asserts what onboard may say after a run against a mock.
func check(t *testing.T, p provider, sc scenario, r result) {
	t.Helper()
	switch {
	case r.timedOut:
		t.Fatalf("the run went past its bound of %s:\n%s", runBound, r)
	case !slices.Contains(exitCodes(), r.code):
		t.Errorf("exit %d is not a documented exit code:\n%s", r.code, r)
	case strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine "):
		t.Errorf("a panic:\n%s", r)
	}
	checkSummary(t, p, sc, r)
	for _, line := range strings.Split(r.stdout+"\n"+r.stderr, "\n") {
		checkLine(t, sc, line)
	}
}

// checkSummary: the JSON summary (or status) says "onboarded" only on the
// provider's active statuses, shows each status in its enum or as
// "unknown (X)", and no address but the one given.
func checkSummary(t *testing.T, p provider, sc scenario, r result) {
	t.Helper()
	var s struct {
		Onboarded bool              `json:"onboarded"`
		Email     string            `json:"email"`
		Statuses  map[string]string `json:"statuses"`
	}
	if strings.TrimSpace(r.stdout) == "" {
		return
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Errorf("stdout is not the JSON summary: %v\n%s", err, r)
		return
	}
	for name, want := range p.active {
		if s.Onboarded && s.Statuses[name] != want {
			t.Errorf("onboarded with %s %q (needs %q):\n%s", name, s.Statuses[name], want, r)
		}
	}
	for name, v := range s.Statuses {
		if enum, ok := p.enums[name]; ok && v != "" && !slices.Contains(enum, v) && !strings.HasPrefix(v, "unknown (") {
			t.Errorf("status %s %q is neither documented nor shown as unknown:\n%s", name, v, r)
		}
	}
	if s.Email != "" && s.Email != sc.email && flow.ValidateEmail(s.Email) != nil {
		t.Errorf("email %q shown, which is not an address:\n%s", s.Email, r)
	}
}

// checkLine: a link shown passes flow.CheckLink, a "sent to" names what
// the person gave, and an error line is a sentence.
func checkLine(t *testing.T, sc scenario, line string) {
	t.Helper()
	for _, f := range strings.Fields(line) {
		if strings.Contains(f, "://") && flow.CheckLink(strings.Trim(f, "()<>,.;\"'")) != nil {
			t.Errorf("a link shown that fails its check: %q in %q", f, line)
		}
	}
	gave := func(to string) bool {
		return sc.email != "" && strings.Contains(to, sc.email) || sc.phoneTail != "" && strings.Contains(to, sc.phoneTail)
	}
	if _, to, ok := strings.Cut(line, "sent to "); ok && !gave(to) {
		t.Errorf("%q: not the address or number given", line)
	}
	msg, isErr := strings.CutPrefix(strings.TrimSpace(line), "onboard: ")
	if !isErr {
		msg, isErr = strings.CutPrefix(strings.TrimSpace(line), "✗ ")
	}
	if isErr && (flow.Meaningless(msg) || len(strings.Fields(msg)) < 4) {
		t.Errorf("an error line that is not a sentence: %q", line)
	}
}
