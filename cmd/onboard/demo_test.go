package main

import (
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
)

// TestDemoHeadless: --demo fills in a sample person, starts on a fresh
// sandbox each time (the same run twice does not meet "already
// registered") and leaves no progress file behind.
func TestDemoHeadless(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--demo", "--no-input", "--accept-terms", "--password-stdin", "--sandbox-auto", "--json", "--phone", "+33 6 12 34 56 78"}
	for run := 1; run <= 2; run++ {
		code, stdout, stderr := runIn(t, dir, "S3cure-pass!\n", args...)
		if code != 0 {
			t.Fatalf("run %d: exit %d\n%s", run, code, stderr)
		}
		s := summaryOf(t, stdout)
		if !s.Onboarded || !strings.HasPrefix(s.Email, "ada.") || s.Phone != "+33612345678" {
			t.Errorf("run %d: summary %+v: want the sample email and the given phone", run, s)
		}
		if strings.Contains(stderr, "already registered") || !strings.Contains(stderr, "DEMO:") {
			t.Errorf("run %d: not a fresh demo:\n%s", run, stderr)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "state", "onboard", "progress-*")); len(m) > 0 {
		t.Errorf("a demo left progress files: %v", m)
	}
	if _, err := os.Stat(filepath.Join(dir, "state", "onboard", "sandbox.db")); err == nil {
		t.Error("a demo wrote the sandbox database")
	}
}

// TestSamplePerson: whatever the dice, the sample phone is one the phone
// screen accepts, and flags given win.
func TestSamplePerson(t *testing.T) {
	for seed := range uint64(2000) {
		var f wizardFlags
		samplePerson(&f, rand.New(rand.NewPCG(seed, 0)).IntN)
		if _, err := flow.ParsePhone(f.phone, "", assets.CallingCodes()); err != nil || f.firstName == "" || !strings.HasSuffix(f.email, "@example.com") {
			t.Fatalf("seed %d: %+v: %v", seed, f, err)
		}
	}
	var sample wizardFlags
	samplePerson(&sample, rand.New(rand.NewPCG(1, 0)).IntN)
	if _, err := flow.ParseBirthDate(sample.birthDate, time.Now()); err != nil || sample.gender == "" {
		t.Errorf("the sample person lacks what Weavr and FinHub ask: %+v: %v", sample, err)
	}
	f := wizardFlags{phone: "+44 7700 900123", email: "me@example.org", birthDate: "1970-01-02"}
	samplePerson(&f, rand.New(rand.NewPCG(1, 0)).IntN)
	if f.phone != "+44 7700 900123" || f.email != "me@example.org" || f.birthDate != "1970-01-02" {
		t.Errorf("samplePerson overrode flags: %+v", f)
	}
}

func TestDemoAndLANRefuseAnAPIURL(t *testing.T) {
	for _, flag := range []string{"--demo", "--lan"} {
		code, _, stderr := runCmd(t, "", flag, "--api-url", "https://api.example.com/", "--partner", "acme", "--no-input")
		if code != exitUsage || !strings.Contains(stderr, "cannot go with --api-url") {
			t.Errorf("%s --api-url: exit %d, %q", flag, code, stderr)
		}
	}
	t.Setenv("ONBOARD_LAN_IP", "127.0.0.1")
	code, _, stderr := runCmd(t, "", "--lan", "--no-input")
	if code != exitUsage || !strings.Contains(stderr, "not an address a phone can reach") {
		t.Errorf("ONBOARD_LAN_IP=127.0.0.1: exit %d, %q", code, stderr)
	}
}

// machineIP is an address of this machine other than loopback.
func machineIP(t *testing.T) string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
			return n.IP.String()
		}
	}
	t.Skip("this machine has no address besides loopback")
	return ""
}

// TestLANLinks: with --lan, the KYC link a phone opens uses the LAN
// address, never localhost.
func TestLANLinks(t *testing.T) {
	ip := machineIP(t)
	t.Setenv("ONBOARD_LAN_IP", ip)
	code, _, stderr := runCmd(t, "S3cure-pass!\n", "--lan", "--no-input", "--phone", "+33612345678", "--accept-terms",
		"--password-stdin", "--email", "ada@example.com", "--sandbox-auto")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	link := regexp.MustCompile(`http://\S+/sandbox/kyc/\S+`).FindString(stderr)
	if !strings.HasPrefix(link, "http://"+ip+":") {
		t.Errorf("KYC link %q: want it on %s\n%s", link, ip, stderr)
	}
}

// TestTmuxDemo runs `onboard --demo` as an audience would see it: the
// DEMO badge, Ada filled in, the identity check approving itself while
// the QR code shows, and Ctrl+C saying nothing was kept.
func TestTmuxDemo(t *testing.T) {
	tm := startBinary(t, `trap "" INT
export LANG=en_GB.UTF-8
%[2]s --demo
echo "EXIT=$?"
sleep 60
`)
	s := tm.waitFor("Terms and conditions")
	if !strings.Contains(s, "DEMO") || strings.Contains(s, "SANDBOX") {
		t.Errorf("want the DEMO badge alone:\n%s", s)
	}
	tm.keys("a")
	tm.waitFor("Lovelace")
	tm.press("Enter")
	s = tm.waitFor("your secret is")
	tm.keys(regexp.MustCompile(`your secret is (\d{6})`).FindStringSubmatch(s)[1])
	tm.press("Enter")
	tm.waitFor("Your password needs")
	for range 2 {
		tm.keys("S3cure-pass!")
		tm.press("Enter")
	}
	tm.waitFor("▀▀▀▀▀▀")                     // the QR code
	tm.waitFor("Confirm your email address") // approved with no one pressing anything
	tm.press("C-c")
	s = tm.waitFor("EXIT=")
	if !strings.Contains(s, demoStopped) || !strings.Contains(s, "EXIT=130") {
		t.Errorf("Ctrl+C in a demo:\n%s", s)
	}
}

// TestSampleCompany: the company a demo fills in for "for my company"
// passes flow's organisation rules, its people's and roles' included, for
// any sample person; only the documents are left to pick (the wizard's
// KYB screen asks for each).
func TestSampleCompany(t *testing.T) {
	for seed := range uint64(20) {
		var f wizardFlags
		samplePerson(&f, rand.New(rand.NewPCG(seed, seed)).IntN)
		org := sampleCompany(f)
		if p := append(flow.CompanyProblems(org.Company, time.Now()), org.PersonnelProblems(time.Now())...); len(p) > 0 {
			t.Fatalf("the sample company for %s breaks the rules: %v", f.phone, p)
		}
		if ms := org.Members(); len(ms) != 2 || ms[0].Email != f.email {
			t.Fatalf("the sample people: %+v", ms)
		}
	}
}
