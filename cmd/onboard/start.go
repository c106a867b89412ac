package main

import (
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
)

// startState is where a run starts, for every mode: the flags' answers
// (a valid --phone included), and the saved progress when it is for the
// same phone. note, a sentence for the person (nil for none), says what
// became of the progress.
func startState(t *target, s settings, f wizardFlags) (st flow.State, started time.Time, note *flow.Text) {
	st, started, note = restoredState(t, s, f)
	return t.organization.start(st), started, note
}

// restoredState is the flags' answers over the saved progress.
func restoredState(t *target, s settings, f wizardFlags) (st flow.State, started time.Time, note *flow.Text) {
	st = flow.State{Lang: s.Lang.Value, Email: f.email, FirstName: f.firstName, LastName: f.lastName, ExternalID: f.externalID,
		Country: strings.ToUpper(strings.TrimSpace(f.country))}
	if d, err := flow.ParseBirthDate(f.birthDate, time.Now()); f.birthDate != "" && err == nil {
		st.BirthDate = d
	}
	if g, err := flow.ParseGender(f.gender); f.gender != "" && err == nil {
		st.Gender = g // FinHub's; the full-screen form shows it filled in, as line mode takes it
	}
	if p, err := flow.ParsePhone(f.phone, f.region, assets.CallingCodes()); f.phone != "" && err == nil {
		st.Phone = p.Phone
	}
	started = time.Now()
	p, ok, err := flow.LoadProgress(t.progressPath)
	switch {
	case err != nil:
		return st, started, flow.Say("%s. Starting again; your account with the provider is untouched.", progressTrouble(err))
	case ok && f.phone != "" && st.Phone != (api.Phone{CallingCode: p.CallingCode, National: p.NationalNumber}):
		return st, started, flow.Say("Saved progress is for another phone number; starting with %s.", api.SanitizeLine(f.phone))
	case ok:
		return p.Restore(st), p.StartedAt, flow.Say("Resuming where you left off (%s).", stepLabel(p.Step, t.provider.Needs()))
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
		return flow.Say(flow.Label(step, n))
	}
	return flow.Say("%s", api.SanitizeLine(saved))
}
