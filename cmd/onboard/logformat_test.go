package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
)

// TestSandboxJSONLogs: a sandbox logging with --log-format json writes one
// slog JSON object a line, with the route and status of each request, and
// no line holds the partner password or the consumer's password, though a
// whole onboarding went through it; text is charm's lines; anything else
// is a usage error.
func TestSandboxJSONLogs(t *testing.T) {
	const partnerPassword, password = "partner-Pw-7781", "S3cure-pass!-5512"
	var logs syncBuffer
	logger, err := newSlogger(&logs, "sandbox", "json")
	if err != nil {
		t.Fatal(err)
	}
	hs := startSandbox(t, sandbox.Options{Logger: logger, PartnerPassword: partnerPassword, KYCAutoApprove: 1})
	code, stdout, stderr := runCmd(t, password+"\n", "--api-url", hs.URL+"/linkcy/", "--partner", sandbox.DefaultPartnerName,
		"--no-input", "--phone", "+33612345690", "--accept-terms", "--password-stdin", "--email", "ada@example.com", "--sandbox-auto", "--json")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	routes := map[string]bool{}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		if rec["msg"] == "request" {
			routes[rec["route"].(string)] = true
		}
	}
	if !routes["POST /linkcy/api/partner/passwords/change"] || !routes["POST /linkcy/api/partner/consumers"] {
		t.Errorf("the routes logged: %v", routes)
	}
	msgs, err := outbox.NewClient(hs.URL, hs.Client()).Messages(context.Background(), "", 0)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("the outbox: %v %v", msgs, err)
	}
	secrets := []string{partnerPassword, password, `"token":"ey`, "Bearer "}
	for _, m := range msgs {
		for _, s := range []string{m.Secret, m.Code, m.Link} {
			if s != "" {
				secrets = append(secrets, s)
			}
		}
	}
	for _, secret := range secrets {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the JSON log holds %q", secret)
		}
	}

	var remote bytes.Buffer
	rl, _ := newSlogger(&remote, "serve", "json")
	rl.Info("session started", "remote", &net.TCPAddr{IP: net.IPv4(192, 0, 2, 7), Port: 50022})
	if !strings.Contains(remote.String(), `"remote":"192.0.2.7:50022"`) || !strings.Contains(remote.String(), `"logger":"serve"`) {
		t.Errorf("a session's line: %s", remote.String())
	}

	var text bytes.Buffer
	tl, err := newSlogger(&text, "sandbox", "text")
	if err != nil {
		t.Fatal(err)
	}
	tl.Info("request", "status", 200)
	if s := text.String(); !strings.Contains(s, "sandbox") || !strings.Contains(s, "status=200") || strings.HasPrefix(s, "{") {
		t.Errorf("the text line: %q", s)
	}
	if _, err := newSlogger(&text, "sandbox", "xml"); err == nil || !strings.Contains(err.Error(), "give text or json") {
		t.Errorf("--log-format xml: %v", err)
	}
}
