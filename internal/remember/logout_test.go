package remember_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/remember"
)

// TestEndAll: logout says, session by session in the order of their ids,
// whether it ended, cannot be ended (and when its last token lapses), or
// failed; a provider without a logout call is NoLogout.
func TestEndAll(t *testing.T) {
	lapses := time.Date(2030, 1, 2, 3, 4, 5, 0, time.Local)
	kept := map[string]remember.Session{
		"a": {Provider: "linkcy", ConsumerID: "c-ended"},
		"b": {Provider: "weavr", ConsumerID: "c-none", ExpiresAt: lapses},
		"c": {Provider: "finhub", ConsumerID: "c-failed", RefreshToken: "r"},
	}
	end := func(ctx context.Context, k remember.Session) error {
		switch k.ConsumerID {
		case "c-none":
			return remember.End(ctx, struct{}{}, k) // no logout call
		case "c-failed":
			return errors.New("the provider is down")
		}
		return nil
	}
	var out, errOut bytes.Buffer
	remember.EndAll(context.Background(), kept, end, &out, &errOut, i18n.Printer{})
	want := "✓ Ended consumer c-ended's session at LinkCy.\n" +
		"• Weavr has no call to end a session: consumer c-none's token is deleted here and lapses by itself at 2030-01-02 03:04:05.\n"
	if out.String() != want {
		t.Errorf("out:\n%s\nwant:\n%s", out.String(), want)
	}
	if e := errOut.String(); !strings.Contains(e, "Could not end consumer c-failed's session at FinHub (the provider is down)") || strings.Contains(e, " at 20") {
		t.Errorf("errOut: %s", e)
	}
}
