package main

import (
	"net"
	"strings"
	"testing"
)

// TestStatusInFrench: under a French config (status has no --lang), the
// status of the onboarding in progress, its "continue" line, and logout
// speak French; --json stays as it is documented.
func TestStatusInFrench(t *testing.T) {
	dir := t.TempDir()
	partialRun(t, dir, "S3cure-pass!\n", "--phone", "+33612345678", "--accept-terms", "--password-stdin",
		"--first-name", "Ada", "--last-name", "Lovelace")
	frenchConfig(t, dir)
	code, stdout, stderr := runIn(t, dir, "", "status")
	if code != 0 {
		t.Fatalf("status: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Ada Lovelace, client ", "(linkcy, bac à sable)", "téléphone    +33 6 12 34 56 78, non vérifié",
		"conditions   acceptées", "mot de passe non défini", "fait         Conditions, Téléphone",
		"suivant      Mot de passe. Définissez un mot de passe avec un secret envoyé par\n", "SMS au +33612345678.",
		"continuer    lancez onboard : il reprend à cette étape"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the French status lacks %q:\n%s", want, stdout)
		}
	}
	if _, js, _ := runIn(t, dir, "", "status", "--json"); !strings.Contains(js, `"nextAction": "Set a password with a secret sent by SMS`) {
		t.Errorf("status --json is not the documented English:\n%s", js)
	}
	if code, stdout, _ := runIn(t, dir, "", "logout"); code != 0 || !strings.Contains(stdout, "onboard n’avait rien gardé dans") {
		t.Errorf("logout: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ := runIn(t, dir, "", "config"); code != 0 || !strings.Contains(stdout, "fichier de configuration") || !strings.Contains(stdout, "aucune : le bac à sable intégré") {
		t.Errorf("config: exit %d\n%s", code, stdout)
	}
}

// TestErrorTextInFrench: a command's own errors (settings, lookups, a
// provider that cannot be reached) are said in French under --lang fr or
// a French config, with their exit codes; in English they are unchanged.
func TestErrorTextInFrench(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	unreachable := "http://" + closed.Addr().String() + "/"
	closed.Close()
	t.Setenv("ONBOARD_PARTNER_PASSWORD", "partner-pass")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--lang", "fr", "--provider", "nope"}, exitUsage, `fournisseur "nope" inconnu (flag --provider) ; choisissez`},
		{[]string{"--lang", "fr", "--theme", "pink"}, exitUsage, `le thème "pink" (flag --theme) n’est ni auto, ni light, ni dark`},
		{[]string{"--lang", "fr", "--api-url", "http://192.0.2.1/"}, exitUsage, "est en http simple vers une autre machine"},
		{[]string{"status", "--provider", "weavr", "--phone", "+33612345678"}, exitUsage, "un partenaire ne peut pas chercher les clients Weavr"},
		{[]string{"status", "--api-url", unreachable, "--partner-user", "u", "--phone", "+33612345678"}, exitUsage, "pas de nom de partenaire : donnez --partner"},
		{[]string{"status", "--provider", "weavr", "--email", "ada@example.com"}, exitUsage,
			"l’entrée standard n’est pas un terminal, onboard ne peut donc pas demander le mot de passe de ada@example.com : donnez-le avec --password-stdin"},
		{[]string{"status", "--api-url", unreachable, "--partner", "p", "--partner-user", "u", "--phone", "+33612345678"}, exitError,
			"impossible de joindre le fournisseur pour l’instant ; vérifiez votre connexion"},
	}
	for _, c := range cases {
		dir := t.TempDir()
		frenchConfig(t, dir)
		code, _, stderr := runIn(t, dir, "", c.args...)
		if code != c.code || !strings.HasPrefix(stderr, "onboard: ") || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant exit %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
	code, _, stderr := runCmd(t, "", "--provider", "nope")
	if code != exitUsage || !strings.Contains(stderr, `onboard: unknown provider "nope" (flag --provider); choose`) {
		t.Errorf("in English: exit %d, stderr:\n%s", code, stderr)
	}
}
