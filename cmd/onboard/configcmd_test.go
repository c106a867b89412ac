package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/internal/config"
)

// TestConfigCmd shows each setting with its source, flag over env over
// file over default, and never a secret's value.
func TestConfigCmd(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config", "onboard", "config.toml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte("partner = \"from-file\"\npartner_user = \"ops\"\ntheme = \"light\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ONBOARD_API_KEY", "key-that-must-not-show")
	t.Setenv("ONBOARD_PARTNER_PASSWORD", "password-that-must-not-show")
	t.Setenv("ONBOARD_PROFILE_ID", "4242")
	code, stdout, stderr := runIn(t, dir, "", "config", "--theme", "dark")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"config file   " + cfg + "\n",
		"partner           from-file", "config file\n",
		"partner_user      ops",
		"theme             dark                               flag --theme",
		"profile_id        4242                               env ONBOARD_PROFILE_ID",
		"api_url           none: the embedded sandbox         default",
		"lang              en                                 default",
		"api_key           set (hidden)                       env ONBOARD_API_KEY",
		"partner_password  set (hidden)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	code, js, _ := runIn(t, dir, "", "config", "--json")
	var out struct {
		ConfigFile string       `json:"configFile"`
		Settings   []config.Row `json:"settings"`
	}
	if err := json.Unmarshal([]byte(js), &out); code != 0 || err != nil || out.ConfigFile != cfg || len(out.Settings) != 10 {
		t.Fatalf("config --json: exit %d %v\n%s", code, err, js)
	}
	for _, r := range out.Settings {
		if r.Key == "theme" && (r.Value != "light" || r.Source != "config file") {
			t.Errorf("theme = %+v", r)
		}
		if r.Key == "api_key" && (r.Value != "set" || !r.Secret) {
			t.Errorf("api_key = %+v", r)
		}
	}
	if strings.Contains(stdout+js, "must-not-show") {
		t.Error("config shows a secret")
	}

	if err := os.WriteFile(cfg, []byte("colour = \"blue\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runIn(t, dir, "", "config"); code != exitUsage || !strings.Contains(stderr, "keys: provider, api_url") {
		t.Errorf("an unknown key: exit %d %q", code, stderr)
	}
}
