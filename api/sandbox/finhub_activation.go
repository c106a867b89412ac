package sandbox

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
)

// finhubReadiness is what the activation check reports.
type finhubReadiness struct {
	verification string
	missing      []string
}

func (f finhubReadiness) verified() bool  { return f.verification == "APPROVED" }
func (f finhubReadiness) consented() bool { return len(f.missing) == 0 }

func (t *tx) finhubReadiness(c *finhubCustomer) (finhubReadiness, error) {
	var out finhubReadiness
	v, err := t.finhubLatest(c.ID)
	if err != nil {
		return out, err
	}
	if v != nil {
		out.verification = v.Status
	}
	for _, kind := range []string{"terms", "privacy", "data-processing"} {
		var n int
		if err := t.row("SELECT count(*) FROM finhub_consents WHERE customer_id = ? AND consent_type = ?", c.ID, kind).Scan(&n); err != nil {
			return out, err
		}
		if n == 0 {
			out.missing = append(out.missing, finhubConsentName(kind))
		}
	}
	return out, nil
}

// finhubMaybeSendCode emails the activation code once the customer may
// be activated and has none (x-inferred: FinHub says only that the code
// is emailed).
func (t *tx) finhubMaybeSendCode(c *finhubCustomer) error {
	if c.Status == "CS_ACTIVE" || len(c.ActivationHash) > 0 || finhubIsOrg(c) { // an organisation activates with no code
		return nil
	}
	ready, err := t.finhubReadiness(c)
	if err != nil || !ready.verified() || !ready.consented() {
		return err
	}
	return t.finhubSendCode(c)
}

// finhubSendCode emails a new activation code, free-form as FinHub's
// documentation shows them ("ACTIVATION_CODE_MED_12345"), so that a
// client that takes six digits alone fails here too.
func (t *tx) finhubSendCode(c *finhubCustomer) error {
	code := "ACTIVATION_CODE_" + newDigits(6)
	if _, err := t.exec("UPDATE finhub_customers SET activation_hash = ?, activation_tries = 0 WHERE id = ?", hash(code), c.ID); err != nil {
		return err
	}
	c.ActivationHash, c.ActivationTries = hash(code), 0
	return t.send(c.outboxID(), Message{Channel: "email", Recipient: c.Email, Subject: "Activate your account",
		Text: "Your FinHub sandbox activation code is " + code + ". Type it in onboard to activate your account.", Code: code})
}

// finhubFresh reads a's customer again inside this transaction: a.c was
// read by another, and a transaction that runs again (PostgreSQL refused
// it for a conflict) must not see what its failed run did to a.c (an
// activation code marked sent that was never committed).
func (t *tx) finhubFresh(a *finhubAuth) (*finhubCustomer, error) {
	c, err := t.finhubCustomer("id = ?", a.c.ID)
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading FinHub customer %s: %w", a.c.ID, err)
	}
	return c, nil
}

func (s *Server) finhubActivationCheck(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	if r.PathValue("ownerTenantId") != DefaultFinHubTenantID {
		return &finhubError{status: http.StatusNotFound, code: "TENANT_NOT_FOUND", message: "Unknown tenant."}
	}
	var ready finhubReadiness
	err := s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.finhubFresh(a)
		if err != nil {
			return err
		}
		if ready, err = t.finhubReadiness(c); err != nil {
			return err
		}
		return t.finhubMaybeSendCode(c)
	})
	if err != nil {
		return err
	}
	cat, _ := finhubCategoryByID(a.c.Category)
	allowed := ready.verified() && ready.consented() && a.c.Status != "CS_ACTIVE"
	msg := "Customer is ready for activation"
	switch {
	case a.c.Status == "CS_ACTIVE":
		msg = "Customer is already active"
	case !ready.verified():
		msg = "The identity verification is not approved yet"
	case !ready.consented():
		msg = "Some consents are not accepted yet"
	}
	missing := ready.missing
	if missing == nil {
		missing = []string{}
	}
	finhubOK(w, msg, map[string]any{"activationAllowed": allowed, "consentOk": ready.consented(), "verificationOk": ready.verified(),
		"riskLevel": cat.Risk, "message": msg, "verificationStatus": ready.verification, "missingConsents": missing,
		"customerStatus": a.c.Status})
	return nil
}

func (s *Server) finhubActivate(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	var in struct {
		Code   string `json:"code"`
		UserID string `json:"userId"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	var out map[string]any
	err := s.inTxKeep(r, func(t *tx) error {
		c, err := t.finhubFresh(a)
		if err != nil {
			return err
		}
		if c.Status == "CS_ACTIVE" {
			return &finhubError{status: http.StatusConflict, code: "CUSTOMER_ALREADY_ACTIVE", message: "The account is already active.", inBody: true}
		}
		ready, err := t.finhubReadiness(c)
		if err != nil {
			return err
		}
		if !ready.verified() || !ready.consented() {
			return &finhubError{status: http.StatusConflict, code: "ACTIVATION_PREREQUISITES_NOT_MET", inBody: true,
				message: "Activation needs the identity verification approved and the terms, privacy and data-processing consents accepted."}
		}
		if in.UserID != c.UserID {
			return finhubInvalid("userId", "userId is not this customer's user.")
		}
		if len(c.ActivationHash) == 0 || subtle.ConstantTimeCompare(hash(strings.TrimSpace(in.Code)), c.ActivationHash) != 1 {
			tries := c.ActivationTries + 1
			msg := triesLeftText(finhubCodeAttempts - tries)
			if tries >= finhubCodeAttempts {
				// Burned: a new code goes out, as the old can no longer be used.
				if err := t.finhubSendCode(c); err != nil {
					return err
				}
				return &finhubCommitted{&finhubError{status: http.StatusTooManyRequests, code: "TOO_MANY_ATTEMPTS", inBody: true,
					message: "Too many wrong codes: that code is no longer valid, and a new one was emailed."}}
			}
			if _, err := t.exec("UPDATE finhub_customers SET activation_tries = ? WHERE id = ?", tries, c.ID); err != nil {
				return err
			}
			return &finhubCommitted{&finhubError{status: http.StatusBadRequest, code: "INVALID_ACTIVATION_CODE", message: msg, inBody: true}}
		}
		wallet, iban := newID(), "LT"+newDigits(18)
		if _, err := t.exec("UPDATE finhub_customers SET status = 'CS_ACTIVE', activation_hash = NULL, iban = ?, wallet_id = ? WHERE id = ?",
			iban, wallet, c.ID); err != nil {
			return err
		}
		out = map[string]any{"wallet": map[string]any{"walletId": wallet, "iban": iban, "currency": "EUR", "balance": "0"},
			"iban": iban, "activationStatus": "ACTIVATED"}
		return t.finhubEvent(EventFinHubCustomerActivated, c, nil)
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", out)
	return nil
}
