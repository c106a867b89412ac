package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
)

// TestProbeTeamSandbox: serve --sandbox-url asks the sandbox's /healthz
// first, and refuses, with what to do, each sandbox its sessions cannot
// be tenants of; a --shared one is taken with its partner and KYC delay.
func TestProbeTeamSandbox(t *testing.T) {
	ctx := context.Background()
	hc := &http.Client{Timeout: 5 * time.Second}
	shared := startSandbox(t, sandbox.Options{SessionPartners: true, KYCAutoApprove: 6 * time.Second})
	byHand := startSandbox(t, sandbox.Options{SessionPartners: true})
	alone := startSandbox(t, sandbox.Options{})
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"status":"ok"}`)) // what /healthz said before it told more
	}))
	t.Cleanup(old.Close)
	other := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(other.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + ln.Addr().String()
	ln.Close()

	got, err := probeTeamSandbox(ctx, hc, shared.URL+"/", true)
	if err != nil || got.base != shared.URL || got.partner != sandbox.DefaultPartnerName || got.autoApprove != 6*time.Second {
		t.Fatalf("a shared sandbox: %+v, %v", got, err)
	}
	for _, c := range []struct {
		name, url string
		demo      bool
		want      string
		code      int
	}{
		{"down", down, false, "does not answer (", exitError},
		{"down, what to do", down, false, "start it with `onboard sandbox --shared`", exitError},
		{"not --shared", alone.URL, false, "was not started with --shared, so it refuses sessions' tenants: restart it as `onboard sandbox --shared`", exitError},
		{"too old", old.URL, false, "is too old to share its sessions' tenants", exitError},
		{"not a sandbox", other.URL, false, "answered 404 Not Found, not an onboard sandbox's health", exitError},
		{"--demo, KYC by hand", byHand.URL, true, "restart it with `onboard sandbox --shared --kyc-auto-approve 6s`, or serve without --demo", exitUsage},
		{"not a root", shared.URL + "/linkcy/", false, "give the sandbox's root", exitUsage},
		{"not http", "ftp://127.0.0.1:7878", false, "give the sandbox's root", exitUsage},
		{"a password", "http://team:hunter2@127.0.0.1:7878", false, "carries a user name or password", exitUsage},
	} {
		_, err := probeTeamSandbox(ctx, hc, c.url, c.demo)
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: the error shows the password: %v", c.name, err)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || exitCode(err) != c.code {
			t.Errorf("%s: %v (exit %d); want %q, exit %d", c.name, err, exitCode(err), c.want, c.code)
		}
	}
	if _, err := probeTeamSandbox(ctx, hc, byHand.URL, false); err != nil {
		t.Errorf("KYC by hand, without --demo: %v", err)
	}
}

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
		if code != exitUsage || !strings.Contains(errb.String(), "give it to `onboard sandbox --shared` instead") {
			t.Errorf("%v: exit %d\n%s", args, code, errb.String())
		}
		if source := "ONBOARD_SANDBOX_URL names"; (args[0] == "--lan") != strings.Contains(errb.String(), source) {
			t.Errorf("%v: the refusal does not name where the URL came from:\n%s", args, errb.String())
		}
	}
}
