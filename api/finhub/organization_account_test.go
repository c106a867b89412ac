package finhub_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
)

// orgServer plays FinHub's organisation read and activation over real
// HTTP, answering status for both, in FinHub's envelope.
func orgServer(t *testing.T, status string) *finhub.Provider {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data := map[string]any{"id": "org_1", "legalName": "Acme Robotics UAB", "status": status}
		if strings.HasSuffix(r.URL.Path, "/activation") {
			data = map[string]any{"iban": "LT00", "activation": map[string]any{"status": status}}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"success": true, "code": 200, "message": "OK", "data": data})
	}))
	t.Cleanup(srv.Close)
	c, err := finhub.New(api.Config{BaseURL: srv.URL + "/", HTTPClient: srv.Client(), Version: "test", Sandbox: true},
		finhub.Tenant{ID: "tenant"}, finhub.Device{})
	if err != nil {
		t.Fatal(err)
	}
	return finhub.NewProvider(c, finhub.ProviderOptions{})
}

// TestOrgAccount: FinHub's organisation adapter maps the organisation's
// status, from its read and from its activation, to Snapshot's account
// state as every other adapter does: ACTIVE is active, the documented
// steps before it pending, anything else unknown (and shown so).
func TestOrgAccount(t *testing.T) {
	ctx, s := context.Background(), api.Session{Token: "tok", UserID: "user_1"}
	for _, c := range []struct {
		status, shown string
		want          api.Account
	}{
		{"ACTIVE", "ACTIVE", api.AccountActive},
		{"PENDING_ACTIVATION", "PENDING_ACTIVATION", api.AccountPending},
		{"PENDING_VERIFICATION", "PENDING_VERIFICATION", api.AccountPending},
		{"ACTIVATING", "ACTIVATING", api.AccountPending},
		{"active", "unknown (active)", api.AccountUnknown},
		{"SUSPENDED", "unknown (SUSPENDED)", api.AccountUnknown},
		{"", "", api.AccountUnknown},
	} {
		p := orgServer(t, c.status)
		snap, err := p.Organization(ctx, s, "org_1")
		if err != nil || snap.Account != c.want || snap.Status != c.shown || snap.Active != (c.want == api.AccountActive) {
			t.Errorf("%s: read = account %q, status %q, active %v, %v; want %q, %q", c.status, snap.Account, snap.Status, snap.Active, err, c.want, c.shown)
		}
		act, err := p.ActivateOrganization(ctx, s, "org_1", "KYB complete")
		if err != nil || act.Account != c.want || act.Status != c.shown {
			t.Errorf("%s: activation = account %q, status %q, %v; want %q, %q", c.status, act.Account, act.Status, err, c.want, c.shown)
		}
	}
}
