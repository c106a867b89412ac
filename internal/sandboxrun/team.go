package sandboxrun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/exit"
)

// A team's SSH rooms can share one sandbox: `onboard sandbox --shared`
// runs it (on PostgreSQL, several processes), and each `onboard serve
// --sandbox-url URL` gives its sessions tenants of it, as it gives them
// of its embedded sandbox (api/sandbox/tenants.go). The sandbox's flags
// (--db, --lan, --kyc-auto-approve) are then the sandbox's business.

// Team is a shared sandbox serve found at start: its root, the partner
// its sessions are tenants of, and how soon it approves a KYC.
type Team struct {
	Base, Partner string
	AutoApprove   time.Duration
}

// TeamFlagsClash refuses, with a team sandbox named by source (the flag
// or ONBOARD_SANDBOX_URL), the flags that set up the sandbox serve would
// otherwise start; set says which flags were given.
func TeamFlagsClash(set func(string) bool, source string) error {
	for _, name := range []string{"db", "lan", "kyc-auto-approve"} {
		if set(name) {
			return exit.With(exit.Usage, fmt.Errorf("--%s sets up serve's own sandbox, and %s names a team's sandbox instead: drop --%s here (the team's sandbox takes it: onboard sandbox --shared --%s), or leave out %s to serve an embedded sandbox", name, source, name, name, source))
		}
	}
	return nil
}

// ProbeTeam asks the sandbox at rawURL's /healthz whether serve's
// sessions can be its tenants, and refuses, saying what to do, one that
// does not answer, answers something else, is not --shared, is too old
// to say, or (demo) approves no KYC by itself.
func ProbeTeam(ctx context.Context, hc *http.Client, rawURL string, demo bool) (Team, error) {
	u, err := url.Parse(strings.TrimSuffix(rawURL, "/"))
	if err != nil {
		return Team{}, exit.With(exit.Usage, errors.New("--sandbox-url is not a URL: give the sandbox's root, e.g. http://127.0.0.1:7878"))
	}
	if u.User != nil { // never echoed: it may hold a password
		return Team{}, exit.With(exit.Usage, fmt.Errorf("--sandbox-url %q carries a user name or password, which a sandbox never asks for: give its root alone, e.g. http://127.0.0.1:7878", u.Redacted()))
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return Team{}, exit.With(exit.Usage, fmt.Errorf("--sandbox-url %q: give the sandbox's root, e.g. http://127.0.0.1:7878", rawURL))
	}
	base := u.Scheme + "://" + u.Host
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	h, err := fetchHealth(ctx, hc, base)
	if err != nil {
		return Team{}, fmt.Errorf("the team sandbox at %s does not answer (%w): start it with `onboard sandbox --shared`, or check --sandbox-url", base, err)
	}
	switch {
	case h.Status != "ok":
		return Team{}, fmt.Errorf("the team sandbox at %s says its database is %s: look at its log", base, h.Status)
	case h.Partner == "" || h.KYCAutoApprove == "":
		return Team{}, fmt.Errorf("the sandbox at %s is too old to share its sessions' tenants: run the same onboard version for it (onboard sandbox --shared)", base)
	case !h.Shared:
		return Team{}, fmt.Errorf("the sandbox at %s was not started with --shared, so it refuses sessions' tenants: restart it as `onboard sandbox --shared`", base)
	}
	approve, err := time.ParseDuration(h.KYCAutoApprove)
	if err != nil {
		return Team{}, fmt.Errorf("the sandbox at %s says kycAutoApprove %q: %w", base, h.KYCAutoApprove, err)
	}
	if demo && approve <= 0 {
		return Team{}, exit.With(exit.Usage, fmt.Errorf("--demo approves the identity check by itself, and the sandbox at %s approves it by hand: restart it with `onboard sandbox --shared --kyc-auto-approve 6s`, or serve without --demo", base))
	}
	return Team{Base: base, Partner: h.Partner, AutoApprove: approve}, nil
}

// fetchHealth reads the sandbox's /healthz.
func fetchHealth(ctx context.Context, hc *http.Client, base string) (sandbox.Health, error) {
	var h sandbox.Health
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	if err != nil {
		return h, fmt.Errorf("asking for /healthz: %w", err)
	}
	res, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is said once, by the caller
		}
		return h, err
	}
	defer res.Body.Close()
	if err := json.NewDecoder(http.MaxBytesReader(nil, res.Body, 64<<10)).Decode(&h); err != nil || h.Status == "" {
		return h, fmt.Errorf("GET /healthz answered %s, not an onboard sandbox's health", res.Status)
	}
	return h, nil
}
