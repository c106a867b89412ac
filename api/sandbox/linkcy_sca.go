package sandbox

import (
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The sandbox's strong customer authentication (Options.SCA), applied to a
// consumer update that changes the phone or an email address already set.
// LinkCy documents the headers and the error codes; what an interaction
// looks like (its 202 body, how a join code is used) is not documented and
// is marked x-inferred in the contract.
const (
	SCAOff      = "off"       // no SCA: every update goes through (the default)
	SCAPush     = "push"      // a push to the sandbox phone, approved on a page
	SCAJoinCode = "join-code" // no device enrolled for pushes: a join code, typed on a page
)

// scaTTL is how long an interaction waits before it counts as declined
// ("declined by user or expired").
const scaTTL = 5 * time.Minute

// The SCA error codes, as LinkCy names them.
const (
	codeSCARequired     = "SCA_REQUIRED"
	codeSCADeviceNotSet = "SCA_DEVICE_NOT_SET"
	codeSCAFactorNotSet = "SCA_FACTOR_NOT_SET"
	codeSCANotFound     = "SCA_INTERACTION_NOT_FOUND"
	codeSCANotCompleted = "SCA_INTERACTION_NOT_COMPLETED"
	codeSCADeclined     = "SCA_INTERACTION_DECLINED"
	codeSCAConsumed     = "SCA_INTERACTION_ALREADY_CONSUMED"
	codeSCADoesNotMatch = "SCA_INTERACTION_DOES_NOT_MATCH"
)

// ValidSCA reports whether mode is a value of Options.SCA.
func ValidSCA(mode string) bool {
	return mode == "" || mode == SCAOff || mode == SCAPush || mode == SCAJoinCode
}

// scaWait is a 202 "Waiting SCA" answer.
type scaWait struct {
	ID       string `json:"id"`
	JoinCode string `json:"joinCode,omitempty"`
}

// needsSCA reports whether an update of c asks for SCA on this sandbox: a
// new phone, or a new address in place of one already set.
func (s *Server) needsSCA(in *updateConsumerIn, c *consumerRow) bool {
	if s.opts.SCA == "" || s.opts.SCA == SCAOff {
		return false
	}
	if in.Phone != nil {
		return true
	}
	return in.EmailAddress != nil && c.Email != "" && !strings.EqualFold(strings.TrimSpace(*in.EmailAddress), c.Email)
}

// scaGate runs the SCA of an update of consumer c: nil, nil lets it
// through (an approved interaction, now consumed); a wait is the 202 to
// answer; an error the refusal.
func (s *Server) scaGate(r *http.Request, c *consumerRow, in *updateConsumerIn) (*scaWait, error) {
	body, _ := json.Marshal(in) // the decoded body, so that spacing and key order do not matter
	digest := hash(c.ID, string(body))
	if id := r.Header.Get("Linkcy-SCA-Id"); id != "" {
		return nil, s.inTxKeep(r, func(t *tx) error { return t.consumeSCA(id, c.ID, digest) })
	}
	strategy := r.Header.Get("Linkcy-SCA-Strategy")
	switch strategy {
	case "", "PUSH_NOTIFICATION", "JOIN_CODE":
	case "FAIL":
		return nil, newErr(http.StatusConflict, codeSCARequired, "The operation requires SCA, current strategy FAIL.")
	case "BY_PASS":
		return nil, newErr(http.StatusConflict, codeSCARequired, "The operation requires SCA: BY_PASS is not allowed on this sandbox (onboard sandbox --sca).")
	default:
		return nil, fieldErr(codeValidation, "Linkcy-SCA-Strategy", strategy, "Linkcy-SCA-Strategy must be PUSH_NOTIFICATION, JOIN_CODE, FAIL or BY_PASS.")
	}
	if f := r.Header.Get("Linkcy-SCA-Factor"); f == "PIN" {
		return nil, newErr(http.StatusBadRequest, codeSCAFactorNotSet, "The user has no SCA PIN enrolled; use BIOMETRY.")
	} else if f != "" && f != "BIOMETRY" {
		return nil, fieldErr(codeValidation, "Linkcy-SCA-Factor", f, "Linkcy-SCA-Factor must be BIOMETRY or PIN.")
	}
	push := strategy != "JOIN_CODE"
	if push && s.opts.SCA == SCAJoinCode {
		return nil, newErr(http.StatusConflict, codeSCADeviceNotSet, "The user has no SCA device set up for push notifications.")
	}
	wait := &scaWait{ID: newID()}
	if !push {
		wait.JoinCode = newJoinCode()
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		if _, err := t.exec(`INSERT INTO sca_interactions (id, consumer_id, request, join_code, status, created_at)
			VALUES (?, ?, ?, ?, 'PENDING', ?)`, wait.ID, c.ID, digest, wait.JoinCode, unix(t.now)); err != nil {
			return err
		}
		if !push {
			return nil
		}
		return t.send(c.ID, Message{Channel: "sms", Recipient: "+" + c.Digits, Link: s.scaPageURL(r, wait.ID),
			Text: fmt.Sprintf("%s: approve the change of your details? Open the link to approve or decline.", s.opts.PartnerName)})
	})
	if err != nil {
		return nil, err
	}
	return wait, nil
}

// consumeSCA spends the approved interaction id for the operation digest.
func (t *tx) consumeSCA(id, consumerID string, digest []byte) error {
	var owner, status string
	var request []byte
	var created int64
	err := t.row("SELECT consumer_id, request, status, created_at FROM sca_interactions WHERE id = ?", id).Scan(&owner, &request, &status, &created)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != consumerID) {
		return newErr(http.StatusNotFound, codeSCANotFound, "The specified SCA interaction could not be found.")
	}
	if err != nil {
		return err
	}
	if status == "PENDING" && t.now.Sub(fromUnix(created)) > scaTTL {
		status = "DECLINED"
	}
	switch {
	case status == "CONSUMED":
		return newErr(http.StatusConflict, codeSCAConsumed, "The SCA interaction has already been used; create a new one.")
	case status == "DECLINED":
		return newErr(http.StatusConflict, codeSCADeclined, "The SCA interaction was declined by the user or expired.")
	case status == "PENDING":
		return newErr(http.StatusConflict, codeSCANotCompleted, "The SCA interaction is not completed yet.")
	case string(request) != string(digest):
		return newErr(http.StatusConflict, codeSCADoesNotMatch, "The SCA interaction does not match this operation.")
	}
	_, err = t.exec("UPDATE sca_interactions SET status = 'CONSUMED' WHERE id = ?", id)
	return err
}

// newJoinCode is a join code: 8 random letters and digits, "ABCD-2345".
func newJoinCode() string {
	var b [5]byte
	_, _ = rand.Read(b[:])
	s := base32.StdEncoding.EncodeToString(b[:])
	return s[:4] + "-" + s[4:8]
}

// scaPageURL is the page where interaction id is approved or declined.
func (s *Server) scaPageURL(r *http.Request, id string) string {
	return s.publicBase(r) + "/sandbox/sca/" + id
}

// beforeUpdate is what an update of consumer id needs before it is made:
// the new phone, checked, and the SCA this sandbox asks for (a wait to
// answer with 202, or a refusal).
func (s *Server) beforeUpdate(r *http.Request, p *principal, id string, in *updateConsumerIn) (*newPhone, *scaWait, error) {
	phone, err := s.updatedPhone(p, in.Phone)
	if err != nil {
		return nil, nil, err
	}
	wait, err := s.updateSCA(r, p, id, in)
	return phone, wait, err
}

// updateSCA is the SCA of an update of consumer id, when it needs one: a
// consumer it cannot read gets no SCA answer (the update says why).
func (s *Server) updateSCA(r *http.Request, p *principal, id string, in *updateConsumerIn) (*scaWait, error) {
	if s.opts.SCA == "" || s.opts.SCA == SCAOff {
		return nil, nil
	}
	var c *consumerRow
	err := s.st.read(r.Context(), func(t *tx) error {
		var err error
		c, err = t.consumer("id = ?", id)
		if err == nil {
			err = canRead(p, c)
		}
		return err
	})
	if err != nil || !s.needsSCA(in, c) {
		return nil, nil //nolint:nilerr // the update itself answers a consumer it cannot read
	}
	return s.scaGate(r, c, in)
}
