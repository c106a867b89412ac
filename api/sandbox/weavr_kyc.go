package sandbox

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"

	"github.com/onboard-cli/onboard/api/sandbox/defaults"
)

// weavrAdvanceKYC applies what time has done: an auto-approval lands
// (PENDING_REVIEW half-way, then APPROVED). It runs at the start of every
// KYC read, so an injected clock drives it in tests.
func (t *tx) weavrAdvanceKYC(c *weavrConsumer) error {
	if c.KYCAutoAt == 0 || (c.KYCStatus != "INITIATED" && c.KYCStatus != "PENDING_REVIEW") {
		return nil
	}
	now := unix(t.now)
	next, auto := c.KYCStatus, c.KYCAutoAt
	switch {
	case now >= c.KYCAutoAt:
		next, auto = "APPROVED", 0
	case now >= c.KYCStartedAt+(c.KYCAutoAt-c.KYCStartedAt)/2:
		next = "PENDING_REVIEW"
	}
	if next == c.KYCStatus {
		return nil
	}
	if _, err := t.exec("UPDATE weavr_consumers SET kyc_status = ?, kyc_auto_at = ? WHERE id = ?", next, auto, c.ID); err != nil {
		return err
	}
	c.KYCStatus, c.KYCAutoAt = next, auto
	return t.weavrKYCEvent(c)
}

// weavrFresh reads a's consumer again inside this transaction: a.c was
// read by another, and a transaction that runs again (PostgreSQL refused
// it for a conflict) must not see what its failed run did to a.c.
func (t *tx) weavrFresh(a *weavrAuth) (*weavrConsumer, error) {
	c, err := t.weavrConsumer("id = ?", a.c.ID)
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading Weavr consumer %d: %w", a.c.ID, err)
	}
	return c, nil
}

// weavrStartKYC answers POST /consumers/kyc: the email must be verified
// first (409 EMAIL_UNVERIFIED); a check already running gives its
// reference again; a finished one is a 409 saying how it ended.
func (s *Server) weavrStartKYC(w http.ResponseWriter, r *http.Request, a *weavrAuth) error {
	var ref string
	err := s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.weavrFresh(a)
		if err != nil {
			return err
		}
		if err := t.weavrAdvanceKYC(c); err != nil {
			return err
		}
		switch {
		case !c.EmailVerified:
			return weavrConflict("EMAIL_UNVERIFIED")
		case c.KYCStatus == "APPROVED":
			return weavrConflict("KYC_ALREADY_APPROVED")
		case c.KYCStatus == "PENDING_REVIEW":
			return weavrConflict("KYC_PENDING_REVIEW")
		case c.KYCStatus == "REJECTED":
			return weavrConflict("KYC_REJECTED")
		case c.KYCStatus == "INITIATED" && c.KYCReference != "":
			ref = c.KYCReference
			return nil
		}
		ref = newDigits(18)
		var auto int64
		if s.opts.KYCAutoApprove > 0 {
			auto = unix(t.now.Add(s.opts.KYCAutoApprove))
		}
		if _, err := t.exec("UPDATE weavr_consumers SET kyc_status = 'INITIATED', kyc_reference = ?, kyc_started_at = ?, kyc_auto_at = ? WHERE id = ?",
			ref, unix(t.now), auto, c.ID); err != nil {
			return err
		}
		c.KYCStatus = "INITIATED"
		return t.weavrKYCEvent(c)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"reference": ref, "kycLevel": "KYC_LEVEL_2"})
	return nil
}

func (s *Server) weavrGetKYC(w http.ResponseWriter, r *http.Request, a *weavrAuth) error {
	var c *weavrConsumer
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var err error
		if c, err = t.weavrFresh(a); err != nil {
			return err
		}
		return t.weavrAdvanceKYC(c)
	})
	if err != nil {
		return err
	}
	ongoing := "NOT_STARTED"
	if c.KYCStatus == "APPROVED" {
		ongoing = "APPROVED"
	}
	writeJSON(w, http.StatusOK, map[string]string{"fullDueDiligence": c.KYCStatus, "ongoingFullDueDiligence": ongoing, "kycLevel": "KYC_LEVEL_2"})
	return nil
}

// weavrSimulateVerify is the simulator's POST /consumers/{id}/verify: the
// email and mobile verified and the KYC approved, as Weavr's sandbox does.
func (s *Server) weavrSimulateVerify(w http.ResponseWriter, r *http.Request) error {
	if err := s.weavrKeyOK(r, "Programme-Key"); err != nil {
		// The simulator's spec answers every error but a 400 with its
		// DefaultError, a JSON message.
		return &weavrError{status: http.StatusUnauthorized, message: "The programme-key header is missing or wrong: send the programme's API key in it."}
	}
	id := r.PathValue("consumer_id")
	if !weavrDigits.MatchString(id) {
		return weavrInvalid("consumer_id", "REGEX")
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.weavrConsumer("id = ?", id)
		if errors.Is(err, sql.ErrNoRows) {
			return &weavrError{status: http.StatusNotFound, code: "CONSUMER_NOT_FOUND"}
		}
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		if _, err := t.exec(`UPDATE weavr_consumers SET email_verified = 1, mobile_verified = 1, sms_factor = 'ACTIVE',
			kyc_status = 'APPROVED', kyc_auto_at = 0 WHERE id = ?`, id); err != nil {
			return err
		}
		return t.weavrSimulated(c)
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// weavrSimulated writes the events of the simulator's verify on c (as it
// was before): each of email, mobile and KYC that it changed.
func (t *tx) weavrSimulated(c *weavrConsumer) error {
	if !c.EmailVerified {
		if err := t.weavrUpdated(c, changeEmailVerified); err != nil {
			return err
		}
	}
	if !c.MobileOK {
		if err := t.weavrUpdated(c, changeMobileVerified); err != nil {
			return err
		}
	}
	if c.KYCStatus == "APPROVED" {
		return nil
	}
	c.KYCStatus = "APPROVED"
	return t.weavrKYCEvent(c)
}

func weavrExplainKYC(status string) string {
	switch status {
	case "INITIATED":
		return "The check has started and is not done yet."
	case "PENDING_REVIEW":
		return "The check is waiting for a person to review it."
	case "APPROVED":
		return "The identity is approved. You can close this page."
	case "REJECTED":
		return "The identity check was rejected."
	}
	return ""
}

// weavrKYCPage stands in for the partner's page that embeds Weavr's KYC
// component: GET /sandbox/weavr/kyc?reference=…, with the simulator's
// buttons. The reference is the capability, as it is for the component.
func (s *Server) weavrKYCPage(w http.ResponseWriter, r *http.Request) {
	// Weavr's advance writes as it reads: the writer's transaction.
	s.kycPage(w, r, s.st.inTx, func(t *tx) (kycPageView, error) {
		c, err := t.weavrByReference(r.URL.Query().Get("reference"))
		if err != nil {
			return kycPageView{}, err
		}
		if err := t.weavrAdvanceKYC(c); err != nil {
			return kycPageView{}, err
		}
		return kycPageView{Phone: maskPhone(c.MobileCC[1:] + c.MobileNum), Status: c.KYCStatus, Explain: weavrExplainKYC(c.KYCStatus),
			Open: c.KYCStatus == "INITIATED" || c.KYCStatus == "PENDING_REVIEW"}, nil
	})
}

func (t *tx) weavrByReference(ref string) (*weavrConsumer, error) {
	if len(ref) < 12 || !weavrDigits.MatchString(ref) {
		return nil, sql.ErrNoRows
	}
	return t.weavrConsumer("kyc_reference = ?", ref)
}

// weavrKYCAction ends the check as the page's button says, then shows the
// page again (post/redirect/get).
func (s *Server) weavrKYCAction(w http.ResponseWriter, r *http.Request) {
	actions := map[string]string{"approve": "APPROVED", "decline": "REJECTED", "review": "PENDING_REVIEW", "abort": "NOT_STARTED"}
	s.kycAction(w, r, actions, func(t *tx, next string) error {
		c, err := t.weavrByReference(r.URL.Query().Get("reference"))
		if err != nil {
			return err
		}
		if c.KYCStatus != "INITIATED" && c.KYCStatus != "PENDING_REVIEW" {
			return nil // already over: a second click changes nothing
		}
		ref := c.KYCReference
		if next == "NOT_STARTED" {
			ref = "" // abandoned: the next start gives a new reference
		}
		if _, err = t.exec("UPDATE weavr_consumers SET kyc_status = ?, kyc_auto_at = 0, kyc_reference = ? WHERE id = ?", next, ref, c.ID); err != nil {
			return err
		}
		c.KYCStatus = next
		return t.weavrKYCEvent(c)
	})
}

// WeavrKYCPage is the KYC page template of a sandbox at base (its root
// URL): the page that stands in for a partner's KYC component.
func WeavrKYCPage(base string) string { return defaults.WeavrKYCPage(base) }
