package sandbox

import (
	"net/http"
	"strings"
)

func (s *Server) finhubConsent(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	in, err := finhubReadConsent(r)
	if err != nil {
		return err
	}
	if !in.Accepted {
		// FinHub answers some refusals with 200 and success false.
		return &finhubError{status: http.StatusBadRequest, code: "CONSENT_NOT_ACCEPTED", message: "A consent is recorded only when accepted is true.", inBody: true}
	}
	if strings.TrimSpace(in.Version) == "" {
		return finhubInvalid("version", "version is required.")
	}
	err = s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.finhubFresh(a)
		if err != nil {
			return err
		}
		if _, err := t.exec(`INSERT INTO finhub_consents (customer_id, consent_type, version, accepted_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (customer_id, consent_type) DO UPDATE SET version = excluded.version, accepted_at = excluded.accepted_at`,
			c.ID, in.kind, in.Version, unix(t.now)); err != nil {
			return err
		}
		if err := t.finhubEvent(EventFinHubCustomerUpdated, c, map[string]any{"change": "consent", "consentType": in.name}); err != nil {
			return err
		}
		return t.finhubMaybeSendCode(c)
	})
	if err != nil {
		return err
	}
	in.accepted(w, a.c.ID)
	return nil
}
