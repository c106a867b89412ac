package line_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/line"
)

// TestAskSecretNeedsATerminal: without a terminal a secret is never read
// from stdin's text; the refusal names where it can come from, and is a
// usage error.
func TestAskSecretNeedsATerminal(t *testing.T) {
	var out bytes.Buffer
	pw, err := line.AskSecret(strings.NewReader("typed-in-a-pipe\n"), &out, false, i18n.Printer{}, flow.Say("the password for %s", "ada@example.com"), "--password-stdin")
	var ce *exit.Error
	if pw != "" || !errors.As(err, &ce) || ce.Code != exit.Usage {
		t.Fatalf("got %q, %v; want a usage error", pw, err)
	}
	if want := "cannot ask for the password for ada@example.com: give it with --password-stdin"; !strings.Contains(err.Error(), want) {
		t.Errorf("%v lacks %q", err, want)
	}
	if out.Len() != 0 {
		t.Errorf("nothing is asked: %q", out.String())
	}
}
