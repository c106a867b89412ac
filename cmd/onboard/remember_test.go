package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/linkcy"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/weavr"
	"github.com/onboard-cli/onboard/internal/keystore"
	"github.com/onboard-cli/onboard/internal/remember"
)

// memKeyring is an OS keyring in memory, or none at all (broken).
type memKeyring struct {
	mu     sync.Mutex
	m      map[string]string
	broken bool
}

func (k *memKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.broken {
		return "", errors.New("no D-Bus session bus")
	}
	v, ok := k.m[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (k *memKeyring) Set(service, user, password string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.broken {
		return errors.New("no D-Bus session bus")
	}
	k.m[service+"/"+user] = password
	return nil
}

func (k *memKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, service+"/"+user)
	return nil
}

func (k *memKeyring) DeleteAll(string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	clear(k.m)
	return nil
}

// TestAgentRemember: with --remember the partner token outlives the run,
// in the OS keyring or, where there is none, in a 0600 file after a
// warning; the next start uses it without the password; onboard logout
// forgets it.
func TestAgentRemember(t *testing.T) {
	const password = "partner-secret-1"
	hs := startSandbox(t, sandbox.Options{PartnerUser: "ops", PartnerPassword: password})
	ctx := context.Background()
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	s := settings{Provider: setting{Value: linkcy.Name}, APIURL: setting{Value: hs.URL + "/linkcy/"},
		Partner: setting{Value: sandbox.DefaultPartnerName}, PartnerUser: setting{Value: "ops"}, PartnerPassword: setting{Value: password}}
	start := func(e *env, s settings) (*linkcy.Partner, error) {
		t.Helper()
		tg, err := openReader(ctx, s, "")
		if err != nil {
			t.Fatal(err)
		}
		defer tg.close()
		p, keep, _, err := agentPartner(ctx, e, s, tg, tg.provider.(*linkcy.Provider), true)
		if err == nil {
			keep()
		}
		return p, err
	}
	wrong := s
	wrong.PartnerPassword = setting{Value: "not-the-password"}
	file := filepath.Join(dir, "state", "onboard", "secrets.json")

	t.Run("no keyring: a 0600 file, said first", func(t *testing.T) {
		var errb bytes.Buffer
		e := &env{stderr: &errb, keyring: &memKeyring{m: map[string]string{}, broken: true}}
		if _, err := start(e, s); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(errb.String(), "No OS keyring here (no D-Bus session bus): once you are logged in, the token will be kept in "+file) {
			t.Errorf("the warning: %q", errb.String())
		}
		info, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(file)
		if info.Mode().Perm() != 0o600 || !strings.Contains(string(data), "eyJ") || strings.Contains(string(data), password) {
			t.Errorf("the file: mode %v, %s", info.Mode().Perm(), data)
		}
		// The next start needs no password: a wrong one is never tried.
		if _, err := start(e, wrong); err != nil {
			t.Fatalf("with the kept token: %v", err)
		}
		var out bytes.Buffer
		if code := execute(t, dir, strings.NewReader(""), &out, &errb, "logout"); code != 0 || !strings.Contains(out.String(), file) {
			t.Fatalf("logout: exit %d %q", code, out.String())
		}
		if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("logout left %s: %v", file, err)
		}
		if _, err := start(e, wrong); err == nil || !strings.Contains(err.Error(), "refused the partner login") {
			t.Errorf("after logout, a wrong password: %v", err)
		}
	})

	t.Run("the OS keyring", func(t *testing.T) {
		var errb bytes.Buffer
		kr := &memKeyring{m: map[string]string{}}
		e := &env{stderr: &errb, keyring: kr}
		if _, err := start(e, s); err != nil {
			t.Fatal(err)
		}
		if errb.Len() != 0 || len(kr.m) != 1 {
			t.Errorf("stderr %q, keyring %d entries", errb.String(), len(kr.m))
		}
		if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a keyring run wrote %s", file)
		}
		if _, err := start(e, wrong); err != nil {
			t.Fatalf("with the kept token: %v", err)
		}
	})
}

// TestWizardRemember: with --remember a stopped onboarding resumes with
// no password, from a session kept in a 0600 file (this test machine has
// no keyring) that holds no password; onboard logout deletes it.
func TestWizardRemember(t *testing.T) {
	dir := t.TempDir()
	const pw = "S3cure-pass!"
	base := []string{"--phone", "+33612345678", "--sandbox-auto", "--remember"}
	file := filepath.Join(dir, "state", "onboard", "secrets.json")

	// The first run stops at the email step (no answer to it), logged in.
	stderr := partialRun(t, dir, pw+"\n", append(base, "--accept-terms", "--password-stdin")...)
	if !strings.Contains(stderr, "Email address:") || !strings.Contains(stderr, "No OS keyring here") {
		t.Fatalf("first run did not stop at the email, or kept no session:\n%s", stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 || !strings.Contains(string(data), "eyJ") || strings.Contains(string(data), pw) {
		t.Fatalf("the kept session: mode %v, %s", info.Mode().Perm(), data)
	}

	// The second has no password at all, and finishes.
	code, _, stderr := runIn(t, dir, "", append(base, "--no-input", "--email", "ada@example.com")...)
	if code != 0 || !strings.Contains(stderr, "Logged in with the session --remember kept.") {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}

	code, stdout, stderr := runIn(t, dir, "", "logout")
	if code != 0 || !strings.Contains(stdout, "LinkCy has no call to end a session") || !strings.Contains(stdout, file) {
		t.Fatalf("logout: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("logout left %s", file)
	}
}

// TestLogoutEndsTheSession: onboard logout ends a kept Weavr or FinHub
// session at the provider, so a copy of the token is refused afterwards.
func TestLogoutEndsTheSession(t *testing.T) {
	const pw = "Correct-Horse-9!"
	for _, tc := range []struct {
		provider string
		args     []string // a run that stops, logged in, when --sandbox-auto is left out
	}{
		{weavr.Name, []string{"--phone", "+33612345678", "--birth-date", "1990-12-10"}},
		{finhub.Name, []string{"--phone", "+37060012345", "--birth-date", "1990-05-15", "--gender", "female", "--category", "LOW_RISK_INDIVIDUAL"}},
	} {
		t.Run(tc.provider, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"--provider", tc.provider, "--accept-terms", "--email", "ada@example.com",
				"--first-name", "Ada", "--last-name", "Lovelace", "--remember"}, tc.args...)
			file := filepath.Join(dir, "state", "onboard", "secrets.json")

			stderr := partialRun(t, dir, pw+"\n", append(args, "--password-stdin")...)
			if !strings.Contains(strings.ToLower(stderr), "logged in") && !strings.Contains(stderr, "Registered") {
				t.Fatalf("first run, neither logged in nor registered:\n%s", stderr)
			}
			kept, err := remember.ReadSessions(keystore.File{Path: file})
			if err != nil || len(kept) != 1 {
				t.Fatalf("the kept sessions: %v %v", err, kept)
			}
			var session api.Session
			for _, k := range kept {
				session = k.APISession()
			}
			// snapshot reads the account with a copy of the kept token, on
			// the embedded sandbox's database.
			snapshot := func() error {
				tg, err := openTarget(context.Background(), settings{Provider: setting{Value: tc.provider}}, nil, embedded{}, forStatus)
				if err != nil {
					t.Fatal(err)
				}
				defer tg.close()
				_, err = tg.provider.Snapshot(context.Background(), session)
				return err
			}

			// The kept session resumes the onboarding: no password is needed.
			code, _, stderr := runIn(t, dir, "", append(args, "--no-input", "--sandbox-auto")...)
			if code != 0 || !strings.Contains(stderr, "Logged in with the session --remember kept.") {
				t.Fatalf("resumed run: exit %d\n%s", code, stderr)
			}
			if err := snapshot(); err != nil {
				t.Fatalf("before logout, the kept token: %v", err)
			}
			code, stdout, stderr := runIn(t, dir, "", "logout")
			if code != 0 || !strings.Contains(stdout, "Ended consumer") || strings.Contains(stderr, "Could not end") {
				t.Fatalf("logout: exit %d\n%s\n%s", code, stdout, stderr)
			}
			if err := snapshot(); !errors.Is(err, api.ErrUnauthorized) {
				t.Fatalf("after logout, a copy of the kept token: %v", err)
			}
		})
	}
}

// TestLogoutWithNothingKept: with no session kept, logout says nothing
// was kept, not that it no longer is.
func TestLogoutWithNothingKept(t *testing.T) {
	code, stdout, stderr := runIn(t, t.TempDir(), "", "logout")
	if code != 0 || !strings.Contains(stdout, "Nothing of onboard's was kept in") || strings.Contains(stdout, "any more") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}
