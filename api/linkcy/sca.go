package linkcy

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/internal/lazyregexp"
)

// The values of LinkCy's SCA headers (Linkcy-SCA-Strategy, -Factor).
const (
	SCAPushNotification = "PUSH_NOTIFICATION"
	SCAJoinCode         = "JOIN_CODE"
	SCAFail             = "FAIL"
	// SCAByPass skips SCA; LinkCy allows it on sandboxes only, and the
	// client never sends it to anything else.
	SCAByPass    = "BY_PASS"
	SCABiometry  = "BIOMETRY"
	SCAPIN       = "PIN"
	headerSCAID  = "Linkcy-Sca-Id"
	headerSCAStr = "Linkcy-Sca-Strategy"
	headerSCAFac = "Linkcy-Sca-Factor"
)

// The SCA error codes LinkCy documents.
const (
	CodeSCAFactorNotSet = "SCA_FACTOR_NOT_SET"
	CodeSCANotFound     = "SCA_INTERACTION_NOT_FOUND"
	CodeSCANotCompleted = "SCA_INTERACTION_NOT_COMPLETED"
	CodeSCADeclined     = "SCA_INTERACTION_DECLINED"
	CodeSCAConsumed     = "SCA_INTERACTION_ALREADY_CONSUMED"
	CodeSCADoesNotMatch = "SCA_INTERACTION_DOES_NOT_MATCH"
)

// SCA is how a call that "might require SCA" asks for it. The zero value
// is BY_PASS on a sandbox and LinkCy's default (PUSH_NOTIFICATION,
// BIOMETRY) elsewhere.
type SCA struct {
	Strategy string // PUSH_NOTIFICATION, JOIN_CODE, FAIL or BY_PASS
	Factor   string // BIOMETRY or PIN
	// ID replays the call with a completed interaction.
	ID string
}

// scaHeaders are the headers for sca. BY_PASS goes to a sandbox only:
// elsewhere it is dropped and LinkCy's default applies.
func (c *Client) scaHeaders(sca SCA) http.Header {
	h := http.Header{}
	strategy := sca.Strategy
	if strategy == "" && c.sandbox && sca.ID == "" {
		strategy = SCAByPass
	}
	if strategy == SCAByPass && !c.sandbox {
		strategy = ""
	}
	if strategy != "" {
		h.Set(headerSCAStr, strategy)
	}
	if sca.Factor != "" {
		h.Set(headerSCAFac, sca.Factor)
	}
	if sca.ID != "" {
		h.Set(headerSCAID, sca.ID)
	}
	if len(h) == 0 {
		return nil
	}
	return h
}

var scaReasons = map[string]api.SCAReason{
	CodeSCARequired: api.SCARequired, CodeSCADeviceNotSet: api.SCANoDevice, CodeSCAFactorNotSet: api.SCAFactorNotSet,
	CodeSCANotFound: api.SCANotFound, CodeSCANotCompleted: api.SCANotCompleted, CodeSCADeclined: api.SCADeclined,
	CodeSCAConsumed: api.SCAAlreadyUsed, CodeSCADoesNotMatch: api.SCADoesNotMatch,
}

// reUUID is the format of an interaction id (the spec's format: uuid).
var reUUID = lazyregexp.New(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// reJoinCode is what a join code may look like before it is shown: short,
// printable, nothing a terminal would act on.
var reJoinCode = lazyregexp.New(`^[A-Za-z0-9-]{4,32}$`)

// scaError gives an SCA refusal or wait its neutral form; other errors
// pass through.
func scaError(e *api.Error, body []byte) error {
	if e.Kind == api.KindSCAPending {
		var w struct {
			ID       string `json:"id"`
			JoinCode string `json:"joinCode"`
		}
		_ = json.Unmarshal(body, &w) // an unreadable body is a wait without an id: nothing to replay
		ch := api.SCAChallenge{}
		if reUUID.MatchString(w.ID) {
			ch.ID = w.ID
		}
		if reJoinCode.MatchString(w.JoinCode) {
			ch.JoinCode = w.JoinCode
		}
		return &api.SCAPendingError{Challenge: ch, Err: e}
	}
	if r, ok := scaReasons[e.Code]; ok {
		return &api.SCAError{Reason: r, Err: e}
	}
	return e
}

// ChangeContact changes the consumer's phone number or email address
// (LinkCy's consumer update, with the consumer's own token); a new number
// is then verified with the phone code, a new address with the email link.
// It asks for strong customer authentication by push, and with a join code
// where the person has no device set up for pushes; on a sandbox it tries
// BY_PASS first, which a sandbox that demands SCA refuses. scaID replays
// the update with the approved interaction.
func (p *Provider) ChangeContact(ctx context.Context, s api.Session, c api.Contact, scaID string) error {
	params := UpdateConsumerParams{EmailAddress: c.Email}
	if c.Phone != (api.Phone{}) {
		params.Phone = &Phone{CountryCode: c.Phone.CallingCode, Number: c.Phone.National}
	}
	update := func(sca SCA) error {
		_, err := p.c.UpdateConsumerSCA(ctx, s.Token, s.ConsumerID, params, sca)
		return err
	}
	if scaID != "" {
		return update(SCA{ID: scaID})
	}
	err := update(SCA{})
	if r, ok := api.SCAFailure(err); ok && r == api.SCARequired && p.c.sandbox {
		err = update(SCA{Strategy: SCAPushNotification})
	}
	if r, ok := api.SCAFailure(err); ok && r == api.SCANoDevice {
		err = update(SCA{Strategy: SCAJoinCode})
	}
	return err
}
