package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
)

// tmux runs the built binary in a real terminal of 80×24.
type tmux struct {
	t      *testing.T
	socket string
	target string // the tmux session keys go to and screens come from
	dir    string // startBinary's scratch folder (XDG dirs, logs)
}

func startTmux(t *testing.T, command string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	tm := &tmux{t: t, socket: fmt.Sprintf("onboard-test-%d-%s", os.Getpid(), strings.ReplaceAll(t.Name(), "/", "-")), target: "w"}
	tm.run("new-session", "-d", "-s", "w", "-x", "80", "-y", "24", command)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (tm *tmux) screen() string { return tm.run("capture-pane", "-p", "-t", tm.target) }

// keys types literal text; special keys ("Enter", "Tab") go with press.
func (tm *tmux) keys(text string) { tm.t.Helper(); tm.run("send-keys", "-t", tm.target, "-l", text) }

func (tm *tmux) press(keys ...string) {
	tm.t.Helper()
	tm.run(append([]string{"send-keys", "-t", tm.target}, keys...)...)
}

// open starts another terminal of w×h on the same tmux server, running
// command, and returns it.
func (tm *tmux) open(name string, w, h int, command string) *tmux {
	tm.t.Helper()
	tm.run("new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), command)
	other := *tm
	other.target = name
	return &other
}

// waitFor waits until the screen shows want, and returns the screen.
func (tm *tmux) waitFor(want string) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.screen()
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q; it shows:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// buildBinary builds onboard (with the build tags given) into a scratch
// folder and returns both.
func buildBinary(t *testing.T, tags ...string) (dir, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "onboard")
	if out, err := exec.Command("go", "build", "-tags", strings.Join(tags, ","), "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir, bin
}

// startBinary builds onboard and runs script (a shell script; %[1]s is a
// scratch folder for XDG dirs, %[2]s the binary) in tmux.
func startBinary(t *testing.T, script string, tags ...string) *tmux {
	t.Helper()
	dir, bin := buildBinary(t, tags...)
	path := filepath.Join(dir, "run.sh")
	body := "#!/bin/sh\nexport XDG_STATE_HOME=%[1]s/state XDG_CONFIG_HOME=%[1]s/config XDG_DATA_HOME=%[1]s/data TERM=xterm-256color\n" + script
	if err := os.WriteFile(path, []byte(fmt.Sprintf(body, dir, bin)), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := startTmux(t, path)
	tm.dir = dir
	return tm
}

// TestTmuxWizard walks the whole wizard in the built binary, in a real
// terminal at 80×24, as a person would: keys in, screens read back. The
// KYC is approved by requesting the sandbox's page, the email confirmed by
// opening the link from its outbox.
func TestTmuxWizard(t *testing.T) {
	tm := startBinary(t, `LANG=fr_FR.UTF-8 %[2]s --lang en
echo "EXIT=$?"
sleep 60
`)
	s := tm.waitFor("Terms and conditions")
	if !strings.Contains(s, "SANDBOX") {
		t.Errorf("no SANDBOX badge:\n%s", s)
	}
	tm.keys("a")
	tm.waitFor("Your mobile number")
	tm.waitFor("France +33") // the locale's country
	tm.keys("06 12 34 56 78")
	tm.waitFor("✓ +33 6 12 34 56 78")
	tm.press("Tab", "Tab", "Tab")
	tm.keys("augusta.lovelace@example.com")
	tm.press("Enter")
	s = tm.waitFor("your secret is")
	secret := regexp.MustCompile(`your secret is (\d{6})`).FindStringSubmatch(s)[1]
	tm.waitFor("Code sent to +33 6 12 34 56 78")
	tm.keys(secret[:3] + " " + secret[3:])
	tm.press("Enter")
	tm.waitFor("Your password needs")
	tm.keys("S3cure-pass!")
	if strings.Contains(tm.screen(), "S3cure") {
		t.Fatal("the password shows on the screen")
	}
	tm.press("Enter")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	s = tm.waitFor("/sandbox/kyc/")
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/kyc/[A-Za-z0-9_-]+`).FindString(s)
	if !strings.Contains(s, "▀▀▀▀▀▀") {
		t.Errorf("no QR code at 80×24:\n%s", s)
	}
	tm.approveAndConfirm(link, "augusta.lovelace@example.com")
	s = tm.waitFor("You are a verified customer")
	for _, want := range []string{"✓ Identity      approved", "augusta.lovelace@example.com (verified)", "version 1.0 accepted"} {
		if !strings.Contains(s, want) {
			t.Errorf("the last screen lacks %q:\n%s", want, s)
		}
	}
	tm.press("Enter")
	s = tm.waitFor("EXIT=")
	if !strings.Contains(s, "EXIT=0") || !strings.Contains(s, "You are a verified customer") {
		t.Fatalf("the run did not end well:\n%s", s)
	}
	// The closing line is wrapped at spaces to the window (internal/wrap),
	// not mid-word by the terminal (the address is long enough for the
	// terminal to cut "identity approved").
	closing := s[strings.Index(s, "✓ You are a verified customer"):strings.Index(s, "EXIT=")]
	words := strings.Join(strings.Fields(closing), " ")
	// The phone is written as every screen writes it, in groups, and on
	// one line.
	if !regexp.MustCompile(`\+33[\x{00a0} ]\d([\x{00a0} ]\d\d){4}`).MatchString(closing) {
		t.Errorf("the closing line breaks the phone:\n%s", closing)
	}
	if !regexp.MustCompile(`customer: \+33 \d( \d\d){4}, augusta\.lovelace@example\.com, identity approved \(customer [0-9a-f-]{36}\)\.$`).MatchString(words) {
		t.Errorf("the closing line breaks a word at 80 columns, or its phone is not in groups:\n%s", closing)
	}
}

// approveAndConfirm is the end of a LinkCy walk in the wizard: the KYC at
// link is approved on the sandbox's page, the email step is started, and
// the link the sandbox sent to email is opened, as the person's phone
// would.
func (tm *tmux) approveAndConfirm(link, email string) {
	tm.t.Helper()
	t := tm.t
	res, err := http.PostForm(link, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	tm.waitFor("Confirm your email address")
	tm.press("Enter")
	tm.waitFor("Waiting for the click")
	base := link[:strings.Index(link, "/sandbox/")]
	res, err = http.Get(base + "/sandbox/outbox?recipient=" + url.QueryEscape(email))
	if err != nil {
		t.Fatal(err)
	}
	var ob struct {
		Messages []struct{ Link string } `json:"messages"`
	}
	err = json.NewDecoder(res.Body).Decode(&ob)
	res.Body.Close()
	if err != nil || len(ob.Messages) == 0 {
		t.Fatalf("outbox: %v, %d messages", err, len(ob.Messages))
	}
	res, err = http.Get(ob.Messages[len(ob.Messages)-1].Link)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
}

// TestTmuxInterrupt quits with Ctrl+C on the phone screen: exit 130, the
// terminal restored, and a second run resumes after the terms.
func TestTmuxInterrupt(t *testing.T) {
	tm := startBinary(t, `trap "" INT
export LANG=en_GB.UTF-8
%[2]s
echo "EXIT=$?"
stty -a | grep -o ' echo ' | head -1
read again
%[2]s
echo "EXIT=$?"
sleep 60
`)
	tm.waitFor("Terms and conditions")
	tm.keys("a")
	tm.waitFor("Your mobile number")
	raw := filepath.Join(t.TempDir(), "raw")
	tm.run("pipe-pane", "-o", "-t", "w", "cat >"+raw)
	// tmux starts the recording's shell by itself: wait for it, or a
	// loaded machine stops the recording before it began (seen in CI).
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(raw); err == nil || time.Now().After(deadline) {
			break
		}
	}
	tm.press("C-c")
	s := tm.waitFor("EXIT=")
	if !strings.Contains(s, "Progress saved — run onboard again to continue.") || !strings.Contains(s, "EXIT=130") {
		t.Fatalf("Ctrl+C did not say progress was saved and exit 130:\n%s", s)
	}
	tm.run("pipe-pane", "-t", "w") // stops the recording
	out, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	// Once the wizard has gone, nothing may ask the terminal a question:
	// the answer can be lost, and the exit then waits for it.
	_, after, _ := strings.Cut(string(out), "Progress saved")
	if strings.Contains(after, "\x1b]11;?") || strings.Contains(after, "\x1b[c") {
		t.Errorf("after the wizard ended, onboard queried the terminal: %q", after)
	}
	tm.waitFor("\n echo") // the terminal echoes again
	tm.press("Enter")     // the second run
	tm.waitFor("Your mobile number")
	tm.waitFor("Resuming where you left off") // the second run says it resumes
	tm.press("C-c")
}

// TestTmuxAgent runs `onboard agent` in the built binary at 80×24 against
// a sandbox holding a customer who has set a password: the agent finds
// them by phone, opens them, shows a fresh KYC link as a QR code, and sees
// the approval after the customer's phone approves it on the page.
func TestTmuxAgent(t *testing.T) {
	hs := startSandbox(t, sandbox.Options{})
	c, err := linkcy.New(api.Config{BaseURL: hs.URL + "/linkcy/", Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const partner = sandbox.DefaultPartnerName
	if _, err := c.CreateConsumer(ctx, "", linkcy.CreateConsumerParams{PartnerName: partner, FirstName: "Ada", LastName: "Lovelace",
		Phone: linkcy.Phone{CountryCode: "33", Number: "612345678"}, LastTermsAccepted: "1.0"}); err != nil {
		t.Fatal(err)
	}
	tok, err := c.PartnerLogin(ctx, sandbox.DefaultPartnerUser, partner, sandbox.DefaultPartnerPassword)
	if err != nil {
		t.Fatal(err)
	}
	secret, err := c.RequestPasswordSecretSandbox(ctx, tok.Token, "+33612345678", partner)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ChangePassword(ctx, "+33612345678", sandbox.DefaultPartnerName, secret, "S3cure-pass!"); err != nil {
		t.Fatal(err)
	}

	tm := startBinary(t, `%[2]s agent --api-url `+hs.URL+`/linkcy/ --partner `+partner+`
echo "EXIT=$?"
sleep 60
`)
	tm.waitFor("Find a consumer")
	tm.keys("06 12 34 56 78")
	tm.press("Enter")
	tm.waitFor("1 found")
	tm.press("Enter")
	s := tm.waitFor("→ KYC")
	if !strings.Contains(s, "Ada Lovelace") || !strings.Contains(s, "+33 6 12 34 56 78  verified") {
		t.Fatalf("the detail:\n%s", s)
	}
	tm.keys("k")
	s = tm.waitFor("/sandbox/kyc/")
	if !strings.Contains(s, "▀▀▀▀▀▀") || !strings.Contains(s, "Identity check for Ada Lovelace") {
		t.Fatalf("no QR code at 80×24:\n%s", s)
	}
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/sandbox/kyc/[A-Za-z0-9_-]+`).FindString(s)
	res, err := http.PostForm(link, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	tm.keys("r")
	tm.waitFor("KYC status APPROVED")
	tm.press("Escape")
	tm.waitFor("→ Email")

	// Continue her onboarding: the login is the customer's, typed with
	// nothing on screen, then the keyboard comes back.
	tm.keys("c")
	tm.waitFor("Hand the keyboard to the customer")
	tm.press("Enter")
	tm.waitFor("Welcome back")
	tm.keys("S3cure-pass!")
	if s = tm.screen(); strings.Contains(s, "S3cure") || strings.Contains(s, "•••") {
		t.Fatalf("the customer's password shows:\n%s", s)
	}
	tm.press("Enter")
	tm.waitFor("Hand the keyboard back to the agent")
	tm.press("Enter")
	tm.waitFor("WITH AGENT")
	tm.press("C-c")
	tm.waitFor("Stopped at the email step")
	tm.press("C-c")
	if s = tm.waitFor("EXIT="); !strings.Contains(s, "EXIT=0") {
		t.Fatalf("the console did not end well:\n%s", s)
	}
}

// TestTmuxKilled ends the wizard with SIGTERM and SIGHUP (the terminal
// closed) at successive steps of the built binary at 80×24: each time the
// terminal is given back, progress is kept, and the next run resumes at
// the step the provider's state says: the phone, the SMS secret, then
// the KYC.
func TestTmuxKilled(t *testing.T) {
	tm := startBinary(t, `export LANG=en_GB.UTF-8
for run in 1 2 3 4; do
  %[2]s
  echo "EXIT$run=$?"
  read -r _ && clear
done
sleep 60
`) // read: the next run waits until this one's last lines are read off the screen (its first frame comes at once)
	kill := func(sig syscall.Signal, run int) string {
		t.Helper()
		pid := tm.childPID()
		if err := killPID(pid, sig); err != nil {
			t.Fatalf("signal %v to %d: %v", sig, pid, err)
		}
		s := tm.waitFor(fmt.Sprintf("EXIT%d=", run))
		if !strings.Contains(s, "Progress saved") {
			t.Fatalf("%v said nothing of the progress:\n%s", sig, s)
		}
		tm.run("clear-history", "-t", tm.target)
		tm.press("Enter") // the screen cleared, the next run
		return s
	}
	tm.waitFor("Terms and conditions")
	tm.keys("a")
	tm.waitFor("Your mobile number")
	kill(syscall.SIGTERM, 1)

	tm.waitFor("Resuming where you left off")
	tm.waitFor("Your mobile number") // the terms are not asked again
	tm.keys("+33 6 12 34 56 78")
	tm.waitFor("✓ +33 6 12 34 56 78")
	tm.press("Enter")
	tm.waitFor("Code sent to +33 6 12 34 56 78")
	kill(syscall.SIGHUP, 2)

	tm.waitFor("Resuming where you left off")    // the third run resumes (the note comes just after the first frame)
	tm.waitFor("Code sent to +33 6 12 34 56 78") // at the secret step, with the code already sent
	secret := regexp.MustCompile(`your secret is (\d{6})`).FindStringSubmatch(tm.waitFor("your secret is"))[1]
	tm.keys(secret)
	tm.press("Enter")
	tm.waitFor("Your password needs")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	tm.keys("S3cure-pass!")
	tm.press("Enter")
	tm.waitFor("/sandbox/kyc/")
	kill(syscall.SIGTERM, 3)

	tm.waitFor("Resuming where you left off")
	tm.waitFor("Log in") // no session is kept: the login, then the KYC
	tm.press("C-c")
	tm.waitFor("EXIT4=")
}

// childPID is the pid of the process the pane's shell runs now.
func (tm *tmux) childPID() int {
	tm.t.Helper()
	shell := strings.TrimSpace(tm.run("display-message", "-p", "-t", tm.target, "#{pane_pid}"))
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		data, err := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
		if f := strings.Fields(string(data)); err == nil && len(f) > 0 {
			pid, err := strconv.Atoi(f[0])
			if err == nil {
				return pid
			}
		}
	}
	tm.t.Fatalf("the pane's shell %s runs nothing", shell)
	return 0
}

// TestTmuxQuitAfterResize: the window grows while the wizard runs, then
// the person quits; the terminal holds the shell's lines and onboard's
// closing line at column 0, and nothing of the wizard (tmux used to keep
// the last frame's lines over the shell's).
func TestTmuxQuitAfterResize(t *testing.T) {
	tm := startBinary(t, `trap "" INT
echo "shell line 1"; echo "shell line 2"
LANG=en_GB.UTF-8 %[2]s
echo "EXIT=$?"
sleep 60
`)
	tm.waitFor("Terms and conditions")
	tm.run("resize-window", "-t", tm.target, "-x", "120", "-y", "40")
	wide := tm.waitFor("╭")                       // the sandbox phone beside the terms: the wide layout
	for _, l := range strings.Split(wide, "\n") { // a gutter before the panel (the KYC's text touched it)
		r := []rune(l)
		if i := slices.Index(r, '│'); i > 0 && r[i-1] != ' ' {
			t.Errorf("a line touches the sandbox phone's border: %q", l)
		}
	}
	tm.press("C-c")
	s := tm.waitFor("EXIT=")
	lines := strings.Split(strings.TrimRight(s, "\n "), "\n")
	var kept []string
	for _, l := range lines {
		if l = strings.TrimRight(l, " "); l != "" {
			kept = append(kept, l)
		}
	}
	want := []string{"shell line 1", "shell line 2", "Progress saved — run onboard again to continue.", "EXIT=130"}
	if strings.Join(kept, "\n") != strings.Join(want, "\n") {
		t.Fatalf("after the quit the terminal holds:\n%s\nwant only:\n%s", s, strings.Join(want, "\n"))
	}
}

// TestTmuxLastLinesWrap: the lines a run leaves on the shell are wrapped
// at spaces to the window, a demo's stop and a command's error alike (at
// 60 columns the terminal cut "une" in two).
func TestTmuxLastLinesWrap(t *testing.T) {
	tm := startBinary(t, `export LANG=fr_FR.UTF-8
%[2]s --demo --lang fr
echo "EXIT=$?"
%[2]s --lang fr --provider linkcy --api-url http://127.0.0.1:9/linkcy/ --no-input --phone +33612345678 --accept-terms </dev/null
echo "EXIT2=$?"
sleep 60
`)
	tm.run("resize-window", "-t", tm.target, "-x", "60", "-y", "20")
	tm.waitFor("Conditions générales")
	tm.press("C-c")
	s := tm.waitFor("EXIT2=")
	for _, l := range strings.Split(s, "\n") {
		if w := len([]rune(strings.TrimRight(l, " "))); w >= 60 {
			t.Errorf("a line fills the window (the terminal cut it, nothing wrapped it): %q", l)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(s), " "), "Démo arrêtée ; rien n’a été gardé. onboard --demo en lance une nouvelle.") {
		t.Errorf("the demo's last line is not whole:\n%s", s)
	}
}
