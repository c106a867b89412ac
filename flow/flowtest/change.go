package flowtest

import (
	"context"

	"github.com/onboard-cli/onboard/api"
)

// scaID is the interaction id the fake hands out.
const scaID = "7d9f3c2e-1b4a-4c8e-9f00-2a6b5c4d3e21"

// ChangeContact implements flow.ContactChanger: with SCA not -1, a change
// first waits for strong customer authentication (interaction scaID,
// approved after f.SCA replays).
func (f *Fake) ChangeContact(_ context.Context, s api.Session, c api.Contact, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.enter(MChange); err != nil {
		return err
	}
	if err := f.authed(s); err != nil {
		return err
	}
	if f.SCA >= 0 {
		if id == "" {
			join := "482913"
			if f.SCAPush {
				join = ""
			}
			return &api.SCAPendingError{Challenge: api.SCAChallenge{ID: scaID, JoinCode: join},
				Err: &api.Error{Provider: "fake", Status: 202, Kind: api.KindSCAPending}}
		}
		if id != scaID {
			return &api.SCAError{Reason: api.SCANotFound, Err: &api.Error{Provider: "fake", Status: 404, Kind: api.KindNotFound}}
		}
		if f.SCA > 0 {
			f.SCA--
			return &api.SCAError{Reason: api.SCANotCompleted, Err: &api.Error{Provider: "fake", Status: 409, Kind: api.KindSCARequired}}
		}
		f.SCA = -1 // spent
	}
	if c.Phone != (api.Phone{}) {
		f.phone, f.mobileCoded, f.phoneChanged = c.Phone, false, true
	}
	if c.Email != "" {
		f.email, f.emailSent, f.emailCoded, f.emailPolls = c.Email, false, false, 0
	}
	return nil
}
