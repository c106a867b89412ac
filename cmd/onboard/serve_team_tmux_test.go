package main

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/pgtest"
)

// startTeamSandbox runs `onboard sandbox --shared` with JSON logs on a SQLite
// file under dir, and returns its root URL and a way to stop it and read
// its log.
func startTeamSandbox(t *testing.T, dir, bin, db, partnerPassword string) (base string, stop func() string) {
	t.Helper()
	cmd := exec.Command(bin, "sandbox", "--shared", "--addr", "127.0.0.1:0", "--db", db,
		"--kyc-auto-approve", "1s", "--log-format", "json")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir+"/data", "XDG_STATE_HOME="+dir+"/state", "XDG_CONFIG_HOME="+dir+"/config",
		"ONBOARD_SANDBOX_PARTNER_PASSWORD="+partnerPassword)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func() string {
		if !stopped {
			stopped = true
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
		}
		return stderr.String()
	}
	t.Cleanup(func() { stop() })
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			first <- sc.Text()
		}
		close(first)
		for sc.Scan() { // the rest of the banner, read so the sandbox never blocks on it
		}
	}()
	select {
	case line := <-first:
		m := regexp.MustCompile(`onboard sandbox on (http://\S+)`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("no address in the sandbox's banner: %q\n%s", line, stderr.String())
		}
		return m[1], stop
	case <-time.After(15 * time.Second):
		t.Fatalf("onboard sandbox --shared did not start:\n%s", stderr.String())
	}
	return "", nil
}

// TestTmuxServeTeam: one `onboard sandbox --shared`, two `onboard serve
// --sandbox-url` processes in front of it, and a real OpenSSH client on
// each in tmux. Both people type the same phone number: each is texted a
// secret of its own (tenants apart: no "already registered"), and both
// end verified. The sandbox and room 2 log JSON (log/slog); neither the
// sandbox's log nor the rooms' hold the partner password, a password, an
// SMS secret, an email link or a session's partner name.
func TestTmuxServeTeam(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("no ssh client (.ci/run installs openssh-client)")
	}
	const partnerPassword, password = "team-Partner-Pw-3141", "Team-S3cure-pass!"
	dir, bin := buildBinary(t)
	known := filepath.Join(dir, "known_hosts")
	db := filepath.Join(dir, "team.db")
	if pgtest.OnPostgres() { // ONBOARD_SANDBOX_TEST_BACKEND=postgres: the team's database
		db = pgtest.URL(t)
	}
	base, stopSandbox := startTeamSandbox(t, dir, bin, db, partnerPassword)
	room1 := startServe(t, dir, bin, "--sandbox-url", base, "--demo")
	room2 := startServe(t, dir, bin, "--sandbox-url", base, "--demo", "--log-format", "json")

	w := startTmux(t, "sleep 600")
	a := w.open("a", 100, 50, sshCommand(room1.port, known, true))
	a.waitFor("Terms and conditions")
	a.keys("a")
	a.waitFor("Lovelace")
	a.press("Enter")
	secretRE := regexp.MustCompile(`your secret is ?(\d{6})`) // read from panelText
	s := a.waitFor("your secret is")
	// The panel may write the number grouped ("+33 6 12 34 56 78"): a
	// regexp that stopped at the first space read "+33" alone.
	phone := strings.ReplaceAll(find(t, regexp.MustCompile(`SMS to (\+\d[\d ]*\d)`), s), " ", "")
	secrets := []string{find(t, secretRE, s)}

	b := w.open("b", 100, 50, sshCommand(room2.port, known, false))
	b.waitFor("Terms and conditions")
	b.keys("a")
	b.waitFor("Lovelace")
	b.press("C-u") // the number field has the focus
	b.keys(phone)
	b.waitFor(phone)
	b.press("Enter")
	s = b.waitFor("your secret is")
	if strings.Contains(s, "already registered") {
		t.Fatalf("room 2's session, with room 1's number, was told it is taken:\n%s", s)
	}
	secrets = append(secrets, find(t, secretRE, s))

	var links []string
	for i, tm := range []*tmux{a, b} {
		links = append(links, finishTeamSession(t, tm, secrets[i], password))
	}
	for i, tm := range []*tmux{a, b} {
		if s := tm.waitFor("EXIT="); !strings.Contains(s, "EXIT=0") {
			t.Errorf("session %d did not end well:\n%s", i+1, s)
		}
	}
	if secrets[0] == secrets[1] {
		t.Errorf("both tenants were texted the secret %s", secrets[0])
	}

	room1.stop()
	room2.stop()
	logs := stopSandbox()
	if n := tenantsWithPhone(t, db, phone); n != 2 {
		t.Errorf("the team sandbox holds %s in %d tenants; want 2, one per session", phone, n)
	}
	checkTeamLogs(t, logs, room1, room2, append(append([]string{partnerPassword, password}, secrets...), links...))
}

// finishTeamSession types the SMS secret and the password in tm's
// session, waits for the team sandbox to approve the KYC by itself, opens
// the email link the sandbox phone shows, ends verified and returns the
// link.
func finishTeamSession(t *testing.T, tm *tmux, secret, password string) string {
	t.Helper()
	tm.keys(secret)
	tm.press("Enter")
	tm.waitFor("Your password needs")
	for range 2 {
		tm.keys(password)
		tm.press("Enter")
	}
	tm.waitFor("Confirm your email address")
	tm.press("Enter")
	tm.waitFor("Waiting for the click")
	s := tm.waitFor("/sandbox/email/")
	link := "http" + find(t, regexp.MustCompile(`http(://127\.0\.0\.1:\d+/sandbox/email/[A-Za-z0-9_-]+)`), s)
	res, err := http.Get(link)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("opening the email link %q: %v %v", link, res, err)
	}
	res.Body.Close()
	tm.waitFor("You are a verified customer")
	tm.press("Enter")
	return link
}

// tenantsWithPhone counts the partners whose consumer has phone in the
// sandbox database dsn (a SQLite file or a postgres:// URL).
func tenantsWithPhone(t *testing.T, dsn, phone string) int {
	t.Helper()
	driver := "sqlite"
	if strings.HasPrefix(dsn, "postgres://") {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	// phone is digits after a +, so it is written in the query, which both
	// databases then read alike (their parameters are spelled apart).
	if err := db.QueryRow("SELECT COUNT(DISTINCT partner) FROM consumers WHERE phone_digits = '" + strings.TrimPrefix(phone, "+") + "'").Scan(&n); err != nil {
		t.Fatalf("reading the team sandbox's consumers: %v", err)
	}
	return n
}

// checkTeamLogs: the sandbox's log is JSON with its requests, room 2's
// (--log-format json) is JSON with its sessions, and no log holds any of
// secrets or a session's partner name.
func checkTeamLogs(t *testing.T, sandboxLog string, room1, room2 served, secrets []string) {
	t.Helper()
	if !strings.Contains(sandboxLog, `"msg":"request"`) || !strings.Contains(sandboxLog, `"route":"POST /linkcy/api/partner/consumers"`) {
		t.Errorf("the sandbox's JSON log lacks the requests:\n%s", sandboxLog)
	}
	for _, line := range strings.Split(strings.TrimSpace(room2.stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("room 2 (--log-format json) wrote a line that is not JSON: %q", line)
		}
	}
	if !strings.Contains(room2.stderr.String(), `"msg":"session started"`) || !strings.Contains(room2.stderr.String(), `"tenant":"`) {
		t.Errorf("room 2's JSON log lacks its session:\n%s", room2.stderr.String())
	}
	logs := sandboxLog + room1.stderr.String() + room2.stderr.String()
	for _, secret := range append(secrets, sandbox.DefaultPartnerName+"-") {
		if strings.Contains(logs, secret) {
			t.Errorf("a log holds %q", secret)
		}
	}
}

// find is re's first group in the sandbox phone's text on screen, or
// fails the test showing the screen.
func find(t *testing.T, re *regexp.Regexp, screen string) string {
	t.Helper()
	m := re.FindStringSubmatch(screen) // a panel at the bottom, a line a message
	if m == nil {
		m = re.FindStringSubmatch(panelText(screen)) // a panel at the side, wrapped
	}
	if m == nil {
		t.Fatalf("the screen lacks %s:\n%s", re, screen)
	}
	return m[1]
}

// panelText is the sandbox phone's text on screen, its wrapped lines
// joined again (with nothing between, as a link is cut): the text
// between the panel's borders, each run of non-blank lines one line.
func panelText(screen string) string {
	var b strings.Builder
	for _, line := range strings.Split(screen, "\n") {
		i, j := strings.Index(line, "│"), strings.LastIndex(line, "│")
		if i < 0 || j <= i {
			continue
		}
		text := strings.TrimSpace(line[i+len("│") : j])
		if text == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(text)
	}
	return b.String()
}
