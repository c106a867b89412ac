package main

import (
	"context"
	"net/http"

	"github.com/onboard-cli/onboard/internal/sandboxrun"
)

// A team's SSH rooms can share one sandbox: `onboard sandbox --shared`
// runs it, and each `onboard serve --sandbox-url URL` gives its sessions
// tenants of it (internal/sandboxrun/team.go).

// sessionsSandbox is the sandbox serve's sessions are tenants of: the
// team's at --sandbox-url (or ONBOARD_SANDBOX_URL), probed first, or an
// embedded one started now. stop ends the embedded one (nothing for a
// team's); about is the banner's word on it.
func sessionsSandbox(ctx context.Context, e *env, f serveFlags, hc *http.Client) (base, partner, about string, stop func(), err error) {
	source := "--sandbox-url"
	if f.sandboxURL == "" {
		f.sandboxURL, source = e.getenv("ONBOARD_SANDBOX_URL"), "ONBOARD_SANDBOX_URL"
	}
	if f.sandboxURL != "" {
		if err := sandboxrun.TeamFlagsClash(f.set, source); err != nil {
			return "", "", "", nil, err
		}
		team, err := sandboxrun.ProbeTeam(ctx, hc, f.sandboxURL, f.demo)
		if err != nil {
			return "", "", "", nil, err
		}
		return team.Base, team.Partner, "a team's, shared with other rooms", func() {}, nil
	}
	emb := embedded{db: f.db, autoApprove: f.kycApproveIn, sessions: true}
	if f.demo && emb.autoApprove == 0 {
		emb.autoApprove = demoApproveAfter
	}
	if emb.host, err = lanHost(e.getenv, f.lan); err != nil {
		return "", "", "", nil, err
	}
	srv, base, stop, err := startEmbedded(ctx, emb)
	if err != nil {
		return "", "", "", nil, err
	}
	return base, srv.PartnerName(), "shared", stop, nil
}
