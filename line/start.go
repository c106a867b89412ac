package line

import (
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
)

// Answers are the wizard's flags a run starts from, in both front ends.
type Answers struct {
	Lang, Email, FirstName, LastName, ExternalID, Country string
	BirthDate, Gender, Phone                              string
	// Region is the country a phone number without its +code is read in.
	Region string
}

// Restore is where a run starts: the answers a (a valid phone included)
// over the progress saved at progressPath when it is for the same phone,
// with when the onboarding started; note, a sentence for the person (nil
// for none), says what became of the progress. n is what the provider
// needs, for the resumed step's name.
func Restore(a Answers, progressPath string, n api.Needs, now time.Time) (st flow.State, started time.Time, note *flow.Text) {
	st = flow.State{Lang: a.Lang, Email: a.Email, FirstName: a.FirstName, LastName: a.LastName, ExternalID: a.ExternalID,
		Country: strings.ToUpper(strings.TrimSpace(a.Country))}
	if d, err := flow.ParseBirthDate(a.BirthDate, now); a.BirthDate != "" && err == nil {
		st.BirthDate = d
	}
	if g, err := flow.ParseGender(a.Gender); a.Gender != "" && err == nil {
		st.Gender = g // FinHub's; the full-screen form shows it filled in, as line mode takes it
	}
	if p, err := flow.ParsePhone(a.Phone, a.Region, assets.CallingCodes()); a.Phone != "" && err == nil {
		st.Phone = p.Phone
	}
	started = now
	p, ok, err := flow.LoadProgress(progressPath)
	switch {
	case err != nil:
		return st, started, flow.Say("%s. Starting again; your account with the provider is untouched.", progressTrouble(err))
	case ok && a.Phone != "" && st.Phone != (api.Phone{CallingCode: p.CallingCode, National: p.NationalNumber}):
		return st, started, flow.Say("Saved progress is for another phone number; starting with %s.", api.SanitizeLine(a.Phone))
	case ok:
		return p.Restore(st), p.StartedAt, flow.Say("Resuming where you left off (%s).", stepLabel(p.Step, n))
	}
	return st, started, nil
}

// progressTrouble says why the saved progress could not be read, as the
// start of a sentence (a front end capitalises it).
func progressTrouble(err error) *flow.Text {
	if m, ok := err.(*flow.Text); ok {
		return m
	}
	return flow.Say("%s", api.SanitizeLine(err.Error()))
}

// stepLabel is a saved step's name as the stepper shows it ("KYC", not
// "kyc"); a name onboard no longer knows is shown as it was saved.
func stepLabel(saved string, n api.Needs) *flow.Text {
	if step, ok := flow.ParseStep(saved); ok {
		if step == flow.StepCredentials && n.SMSSecret {
			// The step starts again at its code, which the stepper names
			// so ("Resuming … (Password)" showed over the code's field).
			return flow.Say("Secret")
		}
		return flow.Say(flow.Label(step, n))
	}
	return flow.Say("%s", api.SanitizeLine(saved))
}
