package i18n

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"golang.org/x/text/language"
)

func TestT(t *testing.T) {
	fr := New("fr_FR.UTF-8")
	for _, c := range []struct{ in, want string }{
		{"Welcome back", "Bon retour"},
		{"Something onboard never says", "Something onboard never says"},
		{"", ""},
	} {
		if got := fr.T(c.in); got != c.want {
			t.Errorf("T(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, lang := range []string{"en", "", "de", "en_GB.UTF-8"} {
		if p := New(lang); p.T("Welcome back") != "Welcome back" || p.Lang() != "en" {
			t.Errorf("New(%q) is not English", lang)
		}
	}
}

// TestChecked: a Checked printer says what New's says, and records the
// keys its catalog lacks, through T, F and M alike (the empty key is no
// text); an English one records nothing.
func TestChecked(t *testing.T) {
	fr := Checked("fr")
	if fr.T("Welcome back") != "Bon retour" || len(fr.Missing()) != 0 {
		t.Fatalf("a known key: %q, missing %q", fr.T("Welcome back"), fr.Missing())
	}
	fr.T("Something onboard never says")
	fr.F("Nor this, %s", "x")
	fr.M(flow.Say("nor this sentence"))
	fr.T("")
	want := []string{"Nor this, %s", "Something onboard never says", "nor this sentence"}
	if got := fr.Missing(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Missing() = %q, want %q", got, want)
	}
	if en := Checked("en"); en.T("Something onboard never says") != "Something onboard never says" || en.Missing() != nil {
		t.Error("an English Checked printer records keys")
	}
}

func TestF(t *testing.T) {
	fr, en := New("fr"), New("en")
	for _, c := range []struct {
		format   string
		args     []any
		want, en string
	}{
		{"Checked at %s; checking again by itself.", []any{"09:30:00"}, "Vérifié à 09:30:00 ; nouvelle vérification automatique.", "Checked at 09:30:00; checking again by itself."},
		{"Code sent to %s at %s. ", []any{"+33 6 •• •• •• 78", "09:30"}, "Code envoyé au +33 6 •• •• •• 78 à 09:30. ", "Code sent to +33 6 •• •• •• 78 at 09:30. "},
		// an argument that is a message is translated with it
		{"too soon: try again in %s", []any{flow.HowLong(time.Duration(0))}, "trop tôt : réessayez dans un instant", "too soon: try again in a moment"},
		{"too soon: try again in %s", []any{flow.HowLong(12 * time.Second)}, "trop tôt : réessayez dans 12 s", "too soon: try again in 12 s"},
		{"Step %d of %d: ", []any{3, 7}, "Étape 3 sur 7 : ", "Step 3 of 7: "},
		// French groups thousands, as x/text/message does
		{"Make the window larger: onboard needs %d×%d, this one is %d×%d.", []any{80, 24, 1200, 10}, "Agrandissez la fenêtre : onboard a besoin de 80×24, celle-ci fait 1\u00a0200×10.", "Make the window larger: onboard needs 80×24, this one is 1200×10."},
		{"↓ more below (%s%%)  ", []any{"40"}, "↓ suite (40\u00a0%)  ", "↓ more below (40%)  "},
	} {
		if got := fr.F(c.format, c.args...); got != c.want {
			t.Errorf("fr.F(%q) = %q, want %q", c.format, got, c.want)
		}
		if got := en.F(c.format, c.args...); got != c.en {
			t.Errorf("en.F(%q) = %q, want %q", c.format, got, c.en)
		}
	}
}

// TestErr: a refusal from flow is translated by its key, even wrapped;
// an error without one stays as it is.
func TestErr(t *testing.T) {
	fr := New("fr")
	_, short := flow.NormalizeSecret("12")
	_, letters := flow.NormalizeCode("12a456", "email")
	for _, c := range []struct {
		err  error
		want string
	}{
		{short, "le code a 6 chiffres ; celui-ci en a 2"},
		{fmt.Errorf("checking: %w", short), "le code a 6 chiffres ; celui-ci en a 2"},
		{letters, "le code n’a que des chiffres"},
		{flow.ValidatePassword("S3cure-pass!", "other", api.Phone{}), "les deux mots de passe diffèrent ; tapez deux fois le même"},
		{errors.New("disk full"), "disk full"},
		{nil, ""},
	} {
		if got := fr.Err(c.err); got != c.want {
			t.Errorf("Err(%v) = %q, want %q", c.err, got, c.want)
		}
	}
	if got := New("en").Err(short); got != "the code has 6 digits; this has 2" {
		t.Errorf("English Err = %q", got)
	}
}

func TestKey(t *testing.T) {
	fr, en := New("fr"), New("en")
	for name, want := range map[string]string{"enter": "Entrée", "esc": "Échap", "ctrl+c": "ctrl+c", "space": "espace", "a": "a"} {
		if got := fr.Key(name); got != want {
			t.Errorf("Key(%q) = %q, want %q", name, got, want)
		}
		if got := en.Key(name); got != name {
			t.Errorf("English Key(%q) = %q", name, got)
		}
	}
}

// TestCatalogCompiles: every French entry is a message the catalog takes,
// and uses no more values than its English has.
func TestCatalogCompiles(t *testing.T) {
	if _, err := build(language.French, french()); err != nil {
		t.Fatal(err)
	}
	fr := New("fr")
	for en := range french() {
		n := strings.Count(strings.ReplaceAll(en, "%%", ""), "%")
		args := make([]any, n)
		for i := range args {
			args[i] = "X"
		}
		if got := fr.F(en, args...); strings.Contains(got, "%!") {
			t.Errorf("%q formats as %q", en, got)
		}
	}
}

// TestFrenchCoversFlow: every sentence package flow says to a person
// (validation, explanations, KYC statuses) has its French.
func TestFrenchCoversFlow(t *testing.T) {
	fr := New("fr")
	type say struct{ en, fr string }
	var says []say
	add := func(err error) {
		if err != nil {
			says = append(says, say{err.Error(), fr.Err(err)})
		}
	}
	for _, in := range []string{"", "12", "12a456"} {
		_, err := flow.NormalizeSecret(in)
		add(err)
	}
	phone := api.Phone{CallingCode: "33", National: "612345678"}
	for _, pw := range []string{"short", "long-enough-no-digit!", "S3cure-pass!"} {
		add(flow.ValidatePassword(pw, pw+"x", phone))
		add(flow.ValidatePassword(pw, pw, phone))
	}
	for _, in := range []string{"", "ada@example"} {
		add(flow.ValidateEmail(in))
	}
	for _, in := range []string{"", "1880-01-01", "2020-01-01", "31/12/1990"} {
		_, err := flow.ParseBirthDate(in, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
		add(err)
	}
	for _, in := range []string{"", "abc", "+33 1 23", "06 12 34 56 78"} {
		_, err := flow.ParsePhone(in, "", []string{"33", "44"})
		add(err)
	}
	for _, err := range []error{flow.ErrLoginNeeded, flow.ErrKYCRejected,
		&api.Error{Kind: api.KindUnavailable, Err: api.ErrUnavailable}, &api.Error{Kind: api.KindInvalidCode, Err: api.ErrInvalidCode},
		&api.Error{Kind: api.KindUnauthorized, Err: api.ErrUnauthorized}, &api.Error{Kind: api.KindPhoneTaken, Err: api.ErrPhoneTaken},
		&api.Error{Kind: api.KindNotFound, Err: api.ErrNotFound}, &api.Error{Kind: api.KindSCAPending},
		&api.Error{Kind: api.KindTooManyAttempts, RetryAfter: time.Minute, Err: api.ErrTooManyAttempts},
		&api.Error{Kind: api.KindRateLimited, RetryAfter: 12 * time.Second, Err: api.ErrRateLimited},
		&api.Error{Kind: api.KindInvalidCode, Message: "4 tries left", Err: api.ErrInvalidCode},
		&api.Error{Kind: api.KindInvalidCode, Message: "4 tries left before this code stops working.", Err: api.ErrInvalidCode},
		&api.Error{Kind: api.KindInvalidCode, Message: "1 try left before this code stops working.", Err: api.ErrInvalidCode}} {
		for _, n := range []api.Needs{{}, {LoginByEmail: true}} {
			m := flow.Explanation(err, n)
			says = append(says, say{m.String(), fr.M(m)})
		}
	}
	for _, s := range []api.KYCStatus{api.KYCNotStarted, api.KYCCreated, api.KYCProcessing, api.KYCPendingReview, api.KYCApproved, api.KYCDeclined, api.KYCAborted, "ODD"} {
		m := flow.KYCExplanation(s)
		says = append(says, say{m.String(), fr.M(m)})
	}
	for _, r := range flow.PasswordRules() {
		says = append(says, say{r, fr.T(r)})
	}
	for _, kind := range []string{"GOVERNMENT_ID", "PROOF_OF_ADDRESS", "SOURCE_OF_FUNDS", "BANK_STATEMENT"} {
		m := flow.DocumentName(kind)
		says = append(says, say{m.String(), fr.M(m)})
	}
	for _, name := range []string{"", "/nonexistent/passport.pdf"} {
		_, err := flow.ReadDocument(name, "PASSPORT")
		add(err)
	}
	add(flow.State{KYCStatus: api.KYCDeclined, KYCRestarts: flow.KYCRestarts}.KYCGiveUp())
	add(flow.ValidateName("\u4e2d"))
	add(flow.ValidateCountry("fr"))
	add(flow.ValidateCountry("QQ"))
	_, err := flow.ParseGender("x")
	add(err)
	// The stepper's labels are keys of a table in flow: each has its entry
	// (some read the same in French: KYC, Activation, Mobile).
	cat := french()
	for _, step := range []flow.Step{flow.StepTerms, flow.StepRegister, flow.StepCredentials, flow.StepLogin, flow.StepEmailCode,
		flow.StepPhoneCode, flow.StepKYC, flow.StepActivate, flow.StepCategory, flow.StepDone} {
		for _, n := range []api.Needs{{}, {Names: true}} {
			if _, ok := cat[flow.Label(step, n)]; !ok {
				t.Errorf("no French for the label %q", flow.Label(step, n))
			}
		}
	}
	for _, s := range []api.KYCStatus{api.KYCNotStarted, api.KYCCreated, api.KYCProcessing, api.KYCPendingReview, api.KYCApproved, api.KYCDeclined, api.KYCAborted} {
		m := flow.KYCWord(s)
		says = append(says, say{m.String(), fr.M(m)})
	}
	if len(says) < 30 {
		t.Fatalf("only %d sentences gathered", len(says))
	}
	for _, s := range says {
		if s.fr == s.en {
			t.Errorf("no French for %q", s.en)
		}
	}
}
