package remember

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
	"github.com/onboard-cli/onboard/internal/keystore"
)

// TestKeeperKeepsAndForgets: a session kept for a consumer is found again
// by a keeper for the same provider and API, not by one for another API;
// an expired one with no refresh token is not used; an empty session
// forgets it. The file holds the token, and only the file.
func TestKeeperKeepsAndForgets(t *testing.T) {
	store := keystore.File{Path: filepath.Join(t.TempDir(), "secrets.json")}
	var stderr bytes.Buffer
	base := Session{Provider: "weavr", APIURL: "https://api.example/"}
	k := New(store, base, true, i18n.Printer{}, &stderr)
	now := time.Now()
	k.KeepNow(flow.State{ConsumerID: "c1", Session: api.Session{Token: "tok-1", ExpiresAt: now.Add(time.Hour)}})
	if got, ok := New(store, base, true, i18n.Printer{}, &stderr).load("c1", now); !ok || got.Token != "tok-1" {
		t.Fatalf("the kept session was not found again: %+v %v", got, ok)
	}
	other := base
	other.APIURL = "https://other.example/"
	if _, ok := New(store, other, true, i18n.Printer{}, &stderr).load("c1", now); ok {
		t.Error("a keeper for another API found the session")
	}
	if _, ok := k.load("c1", now.Add(2*time.Hour)); ok {
		t.Error("an expired session without a refresh token was used")
	}
	if w := k.Warning(); w == nil || !strings.Contains(w.String(), store.Path) {
		t.Errorf("the file keeper's warning: %v", w)
	}
	k.KeepFrom(flow.State{ConsumerID: "c1"}) // the session ended: forget it
	if kept, err := ReadSessions(store); err != nil || len(kept) != 0 {
		t.Errorf("after an empty session: %v, %v", kept, err)
	}
	if stderr.Len() != 0 {
		t.Errorf("a keep that worked said: %s", stderr.String())
	}
}

// TestNilKeeperKeepsNothing: without --remember the keeper is nil, and
// every call on it is a no-op, as line mode calls it.
func TestNilKeeperKeepsNothing(t *testing.T) {
	var k *Keeper
	k.KeepNow(flow.State{ConsumerID: "c1", Session: api.Session{Token: "t"}})
	k.KeepFrom(flow.State{ConsumerID: "c1", Session: api.Session{Token: "t"}})
	if _, ok := k.load("c1", time.Now()); ok || k.Warning() != nil {
		t.Error("a nil keeper kept something")
	}
}
