package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/flow"
)

// runCmd runs onboard with args and stdin in a private XDG world.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	return runIn(t, dir, stdin, args...)
}

func runIn(t *testing.T, dir, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(t, dir, strings.NewReader(stdin), &out, &errb, args...)
	return code, out.String(), errb.String()
}

// execute runs onboard with args in the private XDG world under dir, as
// main would, and returns its exit code.
func execute(t *testing.T, dir string, stdin io.Reader, stdout, stderr io.Writer, args ...string) int {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	for _, k := range []string{"ONBOARD_API_URL", "ONBOARD_PARTNER", "ONBOARD_PROVIDER", "ONBOARD_LANG", "LANG", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(k, "")
	}
	e := &env{getenv: os.Getenv, stdin: stdin, stdout: stdout, stderr: stderr,
		restoreTerminal: func() {}, exit: func(code int) { t.Errorf("the interrupt watcher exited %d", code) },
		keyring: &memKeyring{broken: true}} // tests never touch this machine's keyring
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	runErr := keepErrors(root)
	err := root.ExecuteContext(context.Background())
	if err != nil {
		errorHandler(stderr, err)
	} else if err = *runErr; err != nil {
		reportError(stderr, err)
	}
	return exitCode(err)
}

// summaryOf is the JSON summary a --json run printed.
func summaryOf(t *testing.T, stdout string) flow.Summary {
	t.Helper()
	var s flow.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("stdout is not the JSON summary: %v\n%s", err, stdout)
	}
	return s
}

// noSecretsIn fails when a file under dir (the sandbox's database aside)
// holds the password or a token that is not redacted.
func noSecretsIn(t *testing.T, dir, password string) {
	t.Helper()
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.Contains(filepath.Base(p), ".db") {
			return nil
		}
		data, _ := os.ReadFile(p)
		if bytes.Contains(data, []byte(password)) {
			t.Errorf("%s holds the password", p)
		}
		if bytes.Contains(data, []byte(`"token":"`)) && !bytes.Contains(data, []byte(`"token":"[redacted]"`)) {
			t.Errorf("%s holds a token", p)
		}
		return nil
	})
}

// TestHeadlessREADMECommand is the must-pass command.
func TestHeadlessREADMECommand(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--no-input", "--phone", "+33612345678", "--accept-terms", "--password-stdin", "--email", "ada@example.com", "--sandbox-auto", "--json", "--debug", filepath.Join(dir, "debug.log")}
	code, stdout, stderr := runIn(t, dir, "S3cure-pass!\n", args...)
	if code != 0 {
		t.Fatalf("exit %d\nstderr:\n%s", code, stderr)
	}
	s := summaryOf(t, stdout)
	if !s.Onboarded || s.KYC != "APPROVED" || !s.EmailVerified || s.Phone != "+33612345678" || s.Statuses["overall"] != "ACTIVE" || !s.Sandbox {
		t.Fatalf("summary = %+v", s)
	}
	// Secrets reach no log, no state file and no output.
	noSecretsIn(t, dir, "S3cure-pass!")
	if strings.Contains(stdout+stderr, "S3cure-pass!") {
		t.Error("the output holds the password")
	}
	log, _ := os.ReadFile(filepath.Join(dir, "debug.log"))
	if !bytes.Contains(log, []byte("POST /api/partner/login")) && !bytes.Contains(log, []byte("POST /api/partner/passwords/change")) {
		t.Errorf("the debug log is empty or unexpected: %s", log)
	}
	if bytes.Contains(log, []byte(`"token":"ey`)) {
		t.Error("the debug log holds a token")
	}

	// A second run on the same machine: the phone is known; it logs in and is done.
	code, stdout, stderr = runIn(t, dir, "S3cure-pass!\n", args[:len(args)-2]...)
	if code != 0 || !strings.Contains(stderr, "already registered") {
		t.Fatalf("second run: exit %d\n%s\n%s", code, stderr, stdout)
	}
}

func TestNoInputNamesTheMissingFlag(t *testing.T) {
	tests := []struct {
		args []string
		flag string
	}{
		{[]string{"--no-input"}, "--accept-terms"},
		{[]string{"--no-input", "--accept-terms"}, "--phone"},
		{[]string{"--no-input", "--accept-terms", "--phone", "+33612345679", "--sandbox-auto"}, "--password-stdin"},
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(t, "", tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.flag) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %s", tt.args, code, stderr, tt.flag)
		}
	}
	code, _, stderr := runCmd(t, "", "--no-input", "--accept-terms", "--phone", "+33612345679")
	if code != exitUsage || !strings.Contains(stderr, "secrets never go on the command line") || strings.Contains(stderr, "SMS sent") ||
		strings.Contains(stderr, "Terms and conditions") {
		t.Errorf("--no-input without --sandbox-auto: exit %d, stderr %q; want 2 before any SMS is sent", code, stderr)
	}
	full := []string{"--password-stdin", "--email", "ada@example.com", "--sandbox-auto"}
	code, _, stderr = runCmd(t, "S3cure-pass!\n", append(full, "--no-input", "--accept-terms=9.9", "--phone", "+33612345679")...)
	if code != exitUsage || !strings.Contains(stderr, "current terms are version 1.0") {
		t.Errorf("--accept-terms=9.9: exit %d %q", code, stderr)
	}
	code, _, stderr = runCmd(t, "", "--no-input", "--accept-terms", "--phone", "+33 1 23") // checked before what is missing
	if code != exitUsage || !strings.Contains(stderr, "not a valid number") {
		t.Errorf("bad phone: exit %d %q", code, stderr)
	}
	code, _, stderr = runCmd(t, "", "--provider", "acme")
	if code != exitUsage || !strings.Contains(stderr, "unknown provider") {
		t.Errorf("bad provider: exit %d %q", code, stderr)
	}
}

// TestLineModeReasks feeds a line-mode run from a reader: wrong answers are
// re-asked, then the run completes.
func TestLineModeReasks(t *testing.T) {
	input := strings.Join([]string{
		"maybe",             // accept the terms? → re-asked
		"y",                 //
		"+33 1 23",          // an invalid phone → re-asked
		"+33 6 12 34 56 77", //
		"short",             // a weak password → re-asked
		"S3cure-pass!",      //
		"S3cure-pass?",      // confirmation differs → re-asked
		"S3cure-pass!",      //
	}, "\n") + "\n"
	code, stdout, stderr := runCmd(t, input, "--email", "ada@example.com", "--sandbox-auto")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Answer y or n", "This is not a valid number", "The password needs at least 8 characters", "The two passwords differ", "Email verified"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "APPROVED") {
		t.Errorf("stdout = %s", stdout)
	}
}

func TestDeclinedTerms(t *testing.T) {
	code, _, stderr := runCmd(t, "n\n", "--phone", "+33612345678")
	if code != exitError || !strings.Contains(stderr, "you declined the terms") {
		t.Fatalf("exit %d %q", code, stderr)
	}
}

func TestSettingsPrecedence(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("ONBOARD_CONFIG", "")
	if err := os.MkdirAll(filepath.Join(dir, "onboard"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "onboard", "config.toml"), []byte("partner = \"from-file\"\nlang = \"fr\"\napi_url = \"https://file.example/\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ONBOARD_PARTNER", "from-env")
	t.Setenv("ONBOARD_API_URL", "")
	root := newRootCmd(&env{getenv: os.Getenv})
	if err := root.ParseFlags([]string{"--api-url", "https://flag.example/"}); err != nil {
		t.Fatal(err)
	}
	s, err := resolveSettings(root.Flags(), os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if s.APIURL.Value != "https://flag.example/" || s.APIURL.Source != "flag --api-url" ||
		s.Partner.Value != "from-env" || s.Lang.Value != "fr" || s.Lang.Source != "config file" || s.Provider.Source != "default" {
		t.Fatalf("settings = %+v", s)
	}
}

// TestProxyFromEnvironment: behind a corporate proxy, HTTP_PROXY is
// honoured (run as a separate process: Go reads the variables once).
func TestProxyFromEnvironment(t *testing.T) {
	dir, bin := buildBinary(t)
	seen := make(chan string, 1)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case seen <- r.URL.String():
		default: // onboard tries again after a 502; the first is enough
		}
		http.Error(w, "proxy says no", http.StatusBadGateway)
	}))
	defer proxy.Close()
	// Plain http, so the proxy sees the request itself: --insecure, which
	// must say so.
	cmd := exec.Command(bin, "--insecure", "--api-url", "http://api.example.invalid/", "--partner", "acme", "--phone", "+33612345678", "--accept-terms")
	cmd.Env = append(os.Environ(), "HTTP_PROXY="+proxy.URL, "NO_PROXY=", "XDG_STATE_HOME="+dir+"/state", "XDG_CONFIG_HOME="+dir+"/config")
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	select {
	case u := <-seen:
		if !strings.HasPrefix(u, "http://api.example.invalid/") {
			t.Errorf("the proxy was asked for %q", u)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the proxy saw no request; onboard said:\n%s", out.String())
	}
	// The warning came before the request; its pipe may lag a little.
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(out.String(), "! INSECURE: talking to http://api.example.invalid/ without TLS"); {
		if time.Now().After(deadline) {
			t.Fatalf("--insecure said nothing:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestPlainHTTPRefused: plain http to another machine would send the
// password in clear; it is refused unless --insecure, which says so.
func TestPlainHTTPRefused(t *testing.T) {
	code, _, stderr := runCmd(t, "", "--no-input", "--api-url", "http://bank.example/api/", "--partner", "acme", "--phone", "+33612345678")
	if code != exitUsage || !strings.Contains(stderr, "plain http to another machine") || !strings.Contains(stderr, "use https") {
		t.Errorf("plain http: exit %d %q", code, stderr)
	}
	code, _, stderr = runCmd(t, "", "status", "--api-url", "ftp://bank.example/", "--phone", "+33612345678")
	if code != exitUsage || !strings.Contains(stderr, "not an http(s) address") {
		t.Errorf("ftp: exit %d %q", code, stderr)
	}
	// --insecure lets it through, loudly; loopback and https need no word.
	for _, c := range []struct {
		url      string
		insecure bool
		ok, warn bool
	}{
		{"http://bank.example/", true, true, true},
		{"http://127.0.0.1:8080/linkcy/", false, true, false},
		{"http://localhost:8080/", false, true, false},
		{"https://bank.example/", false, true, false},
		{"https://bank.example/", true, true, false},
		{"http://10.0.0.7/", false, false, false},
	} {
		s := settings{APIURL: setting{Value: c.url, Source: "flag --api-url"}, Insecure: c.insecure}
		if err := checkTransport(s); (err == nil) != c.ok {
			t.Errorf("checkTransport(%s, insecure %v) = %v", c.url, c.insecure, err)
		}
		if w := insecureWarning(s); (w != "") != c.warn || (c.warn && !strings.Contains(w, "without TLS")) {
			t.Errorf("insecureWarning(%s, %v) = %q", c.url, c.insecure, w)
		}
	}
}

// startSandbox runs a sandbox with opts on a local port for one test.
func startSandbox(t *testing.T, opts sandbox.Options) *httptest.Server {
	t.Helper()
	srv, err := sandbox.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { srv.EndWaits(); hs.Close(); srv.Close() })
	return hs
}
