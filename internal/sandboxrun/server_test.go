package sandboxrun

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/exit"
)

func TestChecksRefuseWhatDoesNotParse(t *testing.T) {
	for _, c := range []struct {
		in   Checks
		flag string
	}{
		{Checks{Faults: "5xx=lots", SCA: sandbox.SCAOff}, "--faults"},
		{Checks{SCA: "sms"}, "--sca"},
		{Checks{SCA: sandbox.SCAOff, WebhookSchedule: "soon"}, "--webhook-schedule"},
	} {
		var opts sandbox.Options
		err := c.in.Apply(&opts)
		if err == nil || !strings.Contains(err.Error(), c.flag) {
			t.Errorf("%+v: got %v, want an error naming %s", c.in, err, c.flag)
		}
		var ce *exit.Error
		if !errors.As(err, &ce) || ce.Code != exit.Usage {
			t.Errorf("%+v: %v is not a usage error", c.in, err)
		}
	}
	var opts sandbox.Options
	if err := (Checks{Faults: "5xx=5%", SCA: "push", WebhookSchedule: "100ms,200ms"}).Apply(&opts); err != nil {
		t.Fatal(err)
	}
	if opts.SCA != "push" || len(opts.WebhookSchedule) != 2 || opts.Faults.String() == "" {
		t.Errorf("options not applied: %+v", opts)
	}
}

func TestDBForPrefersTheFlag(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	if db, _ := DBFor("a.db", "b.db"); db != "a.db" {
		t.Errorf("flag: got %q", db)
	}
	if db, _ := DBFor("", "b.db"); db != "b.db" {
		t.Errorf("environment: got %q", db)
	}
	if db, err := DBFor("", ""); err != nil || !strings.HasSuffix(db, "sandbox.db") {
		t.Errorf("default: got %q, %v", db, err)
	}
}

func TestBannerShowsOnlyTheDefaultPassword(t *testing.T) {
	pw, src := PartnerPassword("a-chosen-secret")
	var out bytes.Buffer
	Banner{Base: "http://127.0.0.1:7878", Partner: "p", PartnerUser: "u", Password: pw, Source: src, DB: ":memory:",
		Shared: true, Webhooks: 2}.Print(&out)
	s := out.String()
	if strings.Contains(s, "a-chosen-secret") || !strings.Contains(s, "(from ONBOARD_SANDBOX_PARTNER_PASSWORD)") {
		t.Errorf("a chosen password must not be shown:\n%s", s)
	}
	for _, want := range []string{"LinkCy API      http://127.0.0.1:7878/linkcy/", "SSH rooms join with", "2 endpoint(s)", "bcrypt"} {
		if !strings.Contains(s, want) {
			t.Errorf("banner lacks %q:\n%s", want, s)
		}
	}
	pw, src = PartnerPassword("")
	out.Reset()
	Banner{Base: "http://x", Password: pw, Source: src, FastPasswords: true}.Print(&out)
	if !strings.Contains(out.String(), sandbox.DefaultPartnerPassword) || !strings.Contains(out.String(), "salted SHA-256") {
		t.Errorf("default banner:\n%s", out.String())
	}
}
