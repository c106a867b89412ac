package flow_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// TestCheckLink: https anywhere, http only on this machine or a private
// network, and nothing that is not a web address.
func TestCheckLink(t *testing.T) {
	good := []string{"https://kyc.example/session/abc", "http://127.0.0.1:7878/sandbox/kyc/x", "http://192.168.1.20:7878/sandbox/kyc/x",
		"http://localhost:7878/p", "http://[::1]:7878/p"}
	bad := []string{"", "string", "do dolore anim amet", "http://kyc.example/session", "javascript:alert(1)", "ftp://kyc.example/x",
		"https://", "/relative/path", "https://user:pw@kyc.example/x", "https://kyc.example/a b", "https://kyc.example/\x1b[31m",
		"https://kyc.example/" + strings.Repeat("a", 2100)}
	for _, l := range good {
		if err := flow.CheckLink(l); err != nil {
			t.Errorf("CheckLink(%q) = %v, want nil", l, err)
		}
	}
	for _, l := range bad {
		if err := flow.CheckLink(l); !errors.Is(err, flow.ErrBadLink) {
			t.Errorf("CheckLink(%.40q) = %v, want ErrBadLink", l, err)
		}
	}
}

// TestStartKYCRefusesABadLink: a KYC link that is not a web address (a
// mock's "string") is never kept, shown or polled.
func TestStartKYCRefusesABadLink(t *testing.T) {
	f := flowtest.New().Registered(api.Phone{CallingCode: "33", National: "612345678"}, "x")
	f.KYCURL = "string"
	e := flow.Engine{P: f}
	st := flow.State{Registered: true, PasswordSet: true, Session: api.Session{Token: "access-0", ConsumerID: "cons_fake"}}
	st, err := e.StartKYC(context.Background(), st)
	if !errors.Is(err, flow.ErrBadLink) || st.KYC.URL != "" {
		t.Fatalf("StartKYC with the link %q: url %q, err %v", f.KYCURL, st.KYC.URL, err)
	}
}

// TestStartKYCTakesItsSandboxLinks: plain http on the run's own sandbox
// (--lan on a network that is not private) is taken; the same link from
// any other host is not.
func TestStartKYCTakesItsSandboxLinks(t *testing.T) {
	for _, tc := range []struct {
		host string
		ok   bool
	}{{"192.0.2.2", true}, {"", false}, {"198.51.100.7", false}} {
		f := flowtest.New().Registered(api.Phone{CallingCode: "33", National: "612345678"}, "x")
		f.KYCURL = "http://192.0.2.2:7878/sandbox/kyc/abc"
		e := flow.Engine{P: f, LinkHost: tc.host}
		st := flow.State{Registered: true, PasswordSet: true, Session: api.Session{Token: "access-0", ConsumerID: "cons_fake"}}
		st, err := e.StartKYC(context.Background(), st)
		if (err == nil) != tc.ok || (st.KYC.URL != "") != tc.ok {
			t.Errorf("sandbox host %q: url %q, err %v; want taken %v", tc.host, st.KYC.URL, err, tc.ok)
		}
	}
}
