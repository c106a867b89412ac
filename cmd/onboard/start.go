package main

import (
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/line"
)

// startState is where a run starts, for every mode: the flags' answers
// (a valid --phone included), and the saved progress when it is for the
// same phone. note, a plain sentence, says what became of the progress.
func startState(t *target, s settings, f wizardFlags) (st flow.State, started time.Time, note string) {
	st = flow.State{Lang: s.Lang.Value, Email: f.email, FirstName: f.firstName, LastName: f.lastName, ExternalID: f.externalID,
		Country: strings.ToUpper(strings.TrimSpace(f.country))}
	if d, err := flow.ParseBirthDate(f.birthDate, time.Now()); f.birthDate != "" && err == nil {
		st.BirthDate = d
	}
	if p, err := flow.ParsePhone(f.phone, f.region, assets.CallingCodes()); f.phone != "" && err == nil {
		st.Phone = p.Phone
	}
	started = time.Now()
	p, ok, err := flow.LoadProgress(t.progressPath)
	switch {
	case err != nil:
		return st, started, line.Capitalize(err.Error()) + ". Starting again; your account with the provider is untouched."
	case ok && f.phone != "" && st.Phone != (api.Phone{CallingCode: p.CallingCode, National: p.NationalNumber}):
		return st, started, "Saved progress is for another phone number; starting with " + f.phone + "."
	case ok:
		return p.Restore(st), p.StartedAt, "Resuming where you left off (" + stepLabel(p.Step, t.provider.Needs()) + ")."
	}
	return st, started, ""
}

// stepLabel is a saved step's name as the stepper shows it ("KYC", not
// "kyc"); a name onboard no longer knows is shown as it was saved.
func stepLabel(saved string, n api.Needs) string {
	if step, ok := flow.ParseStep(saved); ok {
		return flow.Label(step, n)
	}
	return saved
}
