package i18n

import (
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

func TestT(t *testing.T) {
	fr := New("fr_FR.UTF-8")
	for _, c := range []struct{ in, want string }{
		{"Welcome back", "Bon retour"},
		{"Code sent to +33 6 •• •• •• 78 at 09:30. ", "Code envoyé au +33 6 •• •• •• 78 à 09:30. "},
		{"too soon: try again in a moment", "trop tôt : réessayez dans un instant"},                                           // the value is looked up too
		{"The two passwords differ; type the same one twice.", "Les deux mots de passe diffèrent ; tapez deux fois le même."}, // capital and full stop
		{"The code has 6 digits; this has 2.", "Le code a 6 chiffres ; celui-ci en a 2."},
		{"Something onboard never says", "Something onboard never says"},
		{"", ""},
	} {
		if got := fr.T(c.in); got != c.want {
			t.Errorf("T(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := fr.F("Checked at %s; checking again by itself.", "09:30:00"); got != "Vérifié à 09:30:00 ; nouvelle vérification automatique." {
		t.Errorf("F = %q", got)
	}
	for _, lang := range []string{"en", "", "de", "en_GB.UTF-8"} {
		if p := New(lang); p.T("Welcome back") != "Welcome back" || p.Lang() != "en" {
			t.Errorf("New(%q) is not English", lang)
		}
	}
}

// TestFrenchCoversFlow: every sentence package flow says to a person
// (validation, explanations, KYC statuses) has its French.
func TestFrenchCoversFlow(t *testing.T) {
	fr := New("fr")
	var says []string
	add := func(err error) {
		if err != nil {
			says = append(says, err.Error())
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
		&api.Error{Kind: api.KindInvalidCode, Message: "4 tries left", Err: api.ErrInvalidCode}} {
		says = append(says, flow.Explain(err, api.Needs{}), flow.Explain(err, api.Needs{LoginByEmail: true}))
	}
	for _, s := range []api.KYCStatus{api.KYCNotStarted, api.KYCCreated, api.KYCProcessing, api.KYCPendingReview, api.KYCApproved, api.KYCDeclined, api.KYCAborted, "ODD"} {
		says = append(says, flow.ExplainKYC(s))
	}
	says = append(says, flow.PasswordRules()...)
	if len(says) < 30 {
		t.Fatalf("only %d sentences gathered", len(says))
	}
	for _, s := range says {
		if fr.T(s) == s {
			t.Errorf("no French for %q", s)
		}
	}
}
