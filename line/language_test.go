package line

import (
	"errors"
	"fmt"
	"testing"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// TestInLanguage: the error a run ends with is said in the person's
// language when it carries its key, after the flag it names, and keeps
// its exit code; an error without a key is left as it is.
func TestInLanguage(t *testing.T) {
	fr := &runner{tr: i18n.New("fr")}
	bad := flow.ValidateEmail("ada")
	for _, c := range []struct {
		err  error
		want string
	}{
		{exit.With(exit.Usage, fmt.Errorf("--email: %w", bad)), "--email: ce n’est pas une adresse e-mail : il n’y a pas de @"},
		{exit.With(exit.Failed, flow.Say("type your password")), "tapez votre mot de passe"},
		{exit.With(exit.Failed, fmt.Errorf("%w, then more", bad)), "this is not an email address: it has no @, then more"},
		{errors.New("disk full"), "disk full"},
		{MissingInput("--phone", ""), "--no-input a besoin de --phone"},
		{MissingInput("", "SMS code:"), "--no-input ne peut pas répondre à \"SMS code\" : un secret ne va jamais sur la ligne de commande ; relancez sans --no-input, ou ajoutez --sandbox-auto sur le bac à sable"},
	} {
		got := fr.inLanguage(c.err)
		if got.Error() != c.want {
			t.Errorf("inLanguage(%q) = %q, want %q", c.err, got, c.want)
		}
		var e *exit.Error
		if errors.As(c.err, &e) && (!errors.As(got, &e) || !errors.Is(got, c.err)) {
			t.Errorf("inLanguage(%q) lost its exit code", c.err)
		}
	}
	if en := (&runner{tr: i18n.New("en")}).inLanguage(bad); en != bad {
		t.Errorf("English changed the error: %v", en)
	}
}
