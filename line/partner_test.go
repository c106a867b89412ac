package line_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/line"
)

// TestPartnerLogin drives the partner login of status and agent against
// a running sandbox: a sandbox's own login fills in what the settings
// leave empty, a missing password is asked for, a wrong one and an
// unknown consumer are said with what to check.
func TestPartnerLogin(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	ctx := context.Background()
	base := line.PartnerLogin{Provider: env.LinkCyProvider(), Partner: sandbox.DefaultPartnerName, Title: flow.Say("the LinkCy sandbox")}

	_, _, err := base.Credentials()
	if err == nil || !strings.Contains(err.Error(), "no partner login") {
		t.Fatalf("no user: got %v", err)
	}
	var ce *exit.Error
	if !errors.As(err, &ce) || ce.Code != exit.Usage {
		t.Errorf("no user is a usage error: %v", err)
	}

	onSandbox := base
	onSandbox.Sandbox = &[2]string{sandbox.DefaultPartnerUser, sandbox.DefaultPartnerPassword}
	_, err = onSandbox.Find(ctx, api.Lookup{Phone: "+33699999999"})
	if err == nil || !strings.Contains(err.Error(), "has no consumer with") || !strings.Contains(err.Error(), "--phone +33699999999") {
		t.Errorf("an unknown consumer: got %v", err)
	}

	asked := ""
	wrong := base
	wrong.User = sandbox.DefaultPartnerUser
	wrong.Ask = func(user string) (string, error) { asked = user; return "not-the-password", nil }
	partner, user, err := wrong.Open()
	if err != nil || asked != sandbox.DefaultPartnerUser {
		t.Fatalf("the password is asked for the login: asked %q, %v", asked, err)
	}
	err = wrong.LogIn(ctx, partner, user)
	if err == nil || !strings.Contains(err.Error(), "refused the partner login") || strings.Contains(err.Error(), "not-the-password") {
		t.Errorf("a wrong password: got %v", err)
	}

	right := onSandbox
	partner, user, err = right.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := right.LogIn(ctx, partner, user); err != nil {
		t.Fatalf("the sandbox's own login: %v", err)
	}
	kept, err := right.WithTokens(partner.Tokens())
	if err != nil || kept.Tokens().Token != partner.Tokens().Token {
		t.Errorf("a partner from kept tokens: %v", err)
	}
}
