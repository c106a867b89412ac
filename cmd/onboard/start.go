package main

import (
	"time"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/line"
)

// startState is where a run starts, for every mode: the flags' answers
// (a valid --phone included), and the saved progress when it is for the
// same phone. note, a sentence for the person (nil for none), says what
// became of the progress.
func startState(t *target, s settings, f wizardFlags) (st flow.State, started time.Time, note *flow.Text) {
	st, started, note = restoredState(t, s, f)
	return t.organization.start(st), started, note
}

// restoredState is the flags' answers over the saved progress
// (line.Restore).
func restoredState(t *target, s settings, f wizardFlags) (st flow.State, started time.Time, note *flow.Text) {
	return line.Restore(line.Answers{Lang: s.Lang.Value, Email: f.email, FirstName: f.firstName, LastName: f.lastName,
		ExternalID: f.externalID, Country: f.country, BirthDate: f.birthDate, Gender: f.gender, Phone: f.phone, Region: f.region},
		t.progressPath, t.provider.Needs(), time.Now())
}
