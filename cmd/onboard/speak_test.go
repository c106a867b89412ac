package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/internal/help"
)

// frenchConfig writes a config file that sets lang = "fr" in the private
// XDG world under dir, for commands that have no --lang flag.
func frenchConfig(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, "config", "onboard", "config.toml")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("lang = \"fr\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestCobraErrorsInFrench: cobra's and pflag's usage errors are said in
// French under --lang fr (or a French config), with the usage hint, and
// still exit 2; in English they are cobra's own.
func TestCobraErrorsInFrench(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--lang", "fr", "--bogus"}, "onboard: option inconnue : --bogus\n"},
		{[]string{"--lang", "fr", "-x"}, "option courte inconnue"},
		{[]string{"--lang", "fr", "--phone"}, "l’option --phone attend une valeur"},
		{[]string{"--lang", "fr", "--accessible=maybe"}, `valeur "maybe" invalide pour l’option "--accessible"`},
		{[]string{"--lang", "fr", "extra"}, `commande inconnue "extra" pour "onboard"`},
		{[]string{"status", "--phone", "+33612345678", "--email", "a@example.com"}, "s’excluent l’une l’autre"},
		{[]string{"logout", "extra"}, `commande inconnue "extra" pour "onboard logout"`},
	}
	for _, c := range cases {
		dir := t.TempDir()
		frenchConfig(t, dir)
		code, _, stderr := runIn(t, dir, "", c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "Lancez onboard --help") {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant exit 2 and %q with the French hint", c.args, code, stderr, c.want)
		}
		if strings.Contains(stderr, "Run onboard --help") {
			t.Errorf("%q: the English hint too:\n%s", c.args, stderr)
		}
	}
	code, _, stderr := runCmd(t, "", "--bogus")
	if code != exitUsage || stderr != "onboard: unknown flag: --bogus\n"+help.UsageHint+"\n" {
		t.Errorf("in English: exit %d, stderr:\n%s", code, stderr)
	}
}
