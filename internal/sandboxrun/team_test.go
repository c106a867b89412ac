package sandboxrun

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/exit"
)

// startSandbox serves a sandbox made with opts for the test.
func startSandbox(t *testing.T, opts sandbox.Options) *httptest.Server {
	t.Helper()
	srv, err := sandbox.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { srv.EndWaits(); hs.Close(); srv.Close() })
	return hs
}

// codeOf is the exit code err carries: exit.Failed without one.
func codeOf(err error) int {
	var ce *exit.Error
	if errors.As(err, &ce) {
		return ce.Code
	}
	return exit.Failed
}

// TestProbeTeam: serve --sandbox-url asks the sandbox's /healthz
// first, and refuses, with what to do, each sandbox its sessions cannot
// be tenants of; a --shared one is taken with its partner and KYC delay.
func TestProbeTeam(t *testing.T) {
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

	got, err := ProbeTeam(ctx, hc, shared.URL+"/", true)
	if err != nil || got.Base != shared.URL || got.Partner != sandbox.DefaultPartnerName || got.AutoApprove != 6*time.Second {
		t.Fatalf("a shared sandbox: %+v, %v", got, err)
	}
	for _, c := range []struct {
		name, url string
		demo      bool
		want      string
		code      int
	}{
		{"down", down, false, "does not answer (", exit.Failed},
		{"down, what to do", down, false, "start it with `onboard sandbox --shared`", exit.Failed},
		{"not --shared", alone.URL, false, "was not started with --shared, so it refuses sessions' tenants: restart it as `onboard sandbox --shared`", exit.Failed},
		{"too old", old.URL, false, "is too old to share its sessions' tenants", exit.Failed},
		{"not a sandbox", other.URL, false, "answered 404 Not Found, not an onboard sandbox's health", exit.Failed},
		{"--demo, KYC by hand", byHand.URL, true, "restart it with `onboard sandbox --shared --kyc-auto-approve 6s`, or serve without --demo", exit.Usage},
		{"not a root", shared.URL + "/linkcy/", false, "give the sandbox's root", exit.Usage},
		{"not http", "ftp://127.0.0.1:7878", false, "give the sandbox's root", exit.Usage},
		{"a password", "http://team:hunter2@127.0.0.1:7878", false, "carries a user name or password", exit.Usage},
	} {
		_, err := ProbeTeam(ctx, hc, c.url, c.demo)
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: the error shows the password: %v", c.name, err)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || codeOf(err) != c.code {
			t.Errorf("%s: %v (exit %d); want %q, exit %d", c.name, err, codeOf(err), c.want, c.code)
		}
	}
	if _, err := ProbeTeam(ctx, hc, byHand.URL, false); err != nil {
		t.Errorf("KYC by hand, without --demo: %v", err)
	}
}
