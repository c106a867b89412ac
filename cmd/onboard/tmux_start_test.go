package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTmuxPaintFirst runs the built binary (a starttest build, whose
// embedded sandbox waits on a named pipe before it opens its database) at
// 80×24. The wizard's first frame, the stepper, the badge and the terms,
// is on the screen while the sandbox is held, before its database exists;
// released, the sandbox answers and the wizard goes on. A sandbox that
// cannot start is said inside the wizard, and the run ends with the same
// line on stderr and the same exit code as line mode, which says it before
// anything.
func TestTmuxPaintFirst(t *testing.T) {
	dir, bin := buildBinary(t, "starttest")
	t.Run("held", func(t *testing.T) {
		home := filepath.Join(dir, "held")
		pipe := filepath.Join(dir, "start.pipe")
		if err := mkfifo(pipe); err != nil {
			t.Fatal(err)
		}
		tm := startTmux(t, startScript(t, home, bin, "ONBOARD_STARTTEST="+pipe+" %[2]s"))
		s := tm.waitFor("Press a to accept version")
		for _, want := range []string{"SANDBOX", "Terms › Phone", "Terms and conditions", "accept"} {
			if !strings.Contains(s, want) {
				t.Fatalf("the first frame has no %q:\n%s", want, s)
			}
		}
		if _, err := os.Stat(filepath.Join(home, "state", "onboard", "sandbox.db")); !os.IsNotExist(err) {
			t.Fatalf("the sandbox's database was opened before the first frame (stat: %v)", err)
		}
		tm.keys("a") // accepted before the sandbox answers: taken once it does
		if err := os.WriteFile(pipe, []byte("go\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		tm.waitFor("Your mobile number")
		tm.press("C-c")
		tm.waitFor("EXIT=130")
	})
	t.Run("agent held", func(t *testing.T) {
		home := filepath.Join(dir, "agent")
		pipe := filepath.Join(dir, "agent.pipe")
		if err := mkfifo(pipe); err != nil {
			t.Fatal(err)
		}
		tm := startTmux(t, startScript(t, home, bin, "ONBOARD_STARTTEST="+pipe+" %[2]s agent"))
		tm.waitFor("Find a consumer")
		if _, err := os.Stat(filepath.Join(home, "state", "onboard", "sandbox.db")); !os.IsNotExist(err) {
			t.Fatalf("the sandbox's database was opened before the console's first frame (stat: %v)", err)
		}
		if err := os.WriteFile(pipe, []byte("go\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		tm.keys("06 12 34 56 78")
		tm.press("Enter")
		tm.waitFor("No consumer") // the partner logged in on first use, and searched
		tm.press("C-c")
		tm.waitFor("EXIT=0")
	})
	t.Run("agent fails", func(t *testing.T) {
		home := filepath.Join(dir, "agentfails")
		newerDatabase(t, filepath.Join(home, "state", "onboard", "sandbox.db"))
		tm := startTmux(t, startScript(t, home, bin, "%[2]s agent 2>"+filepath.Join(home, "err")))
		s := tm.waitFor("Press enter to")
		if !strings.Contains(s, "newer than this onboard") {
			t.Fatalf("the console did not say why the sandbox did not start:\n%s", s)
		}
		tm.press("Enter")
		tm.waitFor("EXIT=1")
		if out, _ := os.ReadFile(filepath.Join(home, "err")); !strings.Contains(string(out), "onboard: sandbox: the database is at schema version 999") {
			t.Fatalf("the console ended with %q", out)
		}
	})
	t.Run("fails", func(t *testing.T) {
		home := filepath.Join(dir, "fails")
		newerDatabase(t, filepath.Join(home, "state", "onboard", "sandbox.db"))
		tm := startTmux(t, startScript(t, home, bin, "%[2]s 2>"+filepath.Join(home, "tui.err")+
			"; echo \"EXIT=$?\"; %[2]s --no-input --accept-terms 2>"+filepath.Join(home, "line.err")+" </dev/null; echo \"LINE=$?\""))
		s := tm.waitFor("Press enter to")
		if !strings.Contains(s, "newer than this onboard") || !strings.Contains(s, "Terms › Phone") {
			t.Fatalf("the wizard did not say why the sandbox did not start:\n%s", s)
		}
		tm.press("Enter")
		s = tm.waitFor("LINE=")
		tuiCode := regexp.MustCompile(`EXIT=(\d+)`).FindStringSubmatch(s)
		lineCode := regexp.MustCompile(`LINE=(\d+)`).FindStringSubmatch(s)
		if tuiCode == nil || lineCode == nil || tuiCode[1] != lineCode[1] || tuiCode[1] == "0" {
			t.Fatalf("exit codes: wizard %v, line mode %v:\n%s", tuiCode, lineCode, s)
		}
		tuiErr, _ := os.ReadFile(filepath.Join(home, "tui.err"))
		lineErr, _ := os.ReadFile(filepath.Join(home, "line.err"))
		if !strings.Contains(string(lineErr), "newer than this onboard") || !strings.Contains(string(tuiErr), strings.TrimSpace(string(lineErr))) {
			t.Fatalf("the wizard ended with %q, line mode with %q", tuiErr, lineErr)
		}
	})
}

// startScript writes a script that runs line (%[2]s is the binary) with
// fresh XDG folders under home, then prints its exit code, and returns
// its path.
func startScript(t *testing.T, home, bin, line string) string {
	t.Helper()
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	body := "#!/bin/sh\nexport XDG_STATE_HOME=%[1]s/state XDG_CONFIG_HOME=%[1]s/config XDG_DATA_HOME=%[1]s/data TERM=xterm-256color LANG=en_GB.UTF-8\n" +
		line + "\necho \"EXIT=$?\"\nsleep 60\n"
	path := filepath.Join(home, "run.sh")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(strings.ReplaceAll(body, "%[1]s", home), "%[2]s", bin)), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

// newerDatabase makes a sandbox database at path whose schema is newer
// than any onboard's.
func newerDatabase(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), "PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
}
