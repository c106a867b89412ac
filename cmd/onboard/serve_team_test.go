package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// TestServeTeamFlags: alongside --sandbox-url (or ONBOARD_SANDBOX_URL),
// serve refuses the flags that set up a sandbox of its own, before it
// listens, and says where they go.
func TestServeTeamFlags(t *testing.T) {
	shared := startSandbox(t, sandbox.Options{SessionPartners: true})
	for _, args := range [][]string{
		{"--sandbox-url", shared.URL, "--db", "team.db"},
		{"--sandbox-url", shared.URL, "--kyc-auto-approve", "3s"},
		{"--lan"}, // the URL from ONBOARD_SANDBOX_URL
	} {
		t.Setenv("ONBOARD_SANDBOX_URL", shared.URL)
		var out, errb bytes.Buffer
		code := execute(t, t.TempDir(), strings.NewReader(""), &out, &errb, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		if code != exitUsage || !strings.Contains(errb.String(), "or leave out ") {
			t.Errorf("%v: exit %d\n%s", args, code, errb.String())
		}
		if source := "ONBOARD_SANDBOX_URL names"; (args[0] == "--lan") != strings.Contains(errb.String(), source) {
			t.Errorf("%v: the refusal does not name where the URL came from:\n%s", args, errb.String())
		}
	}
}
