package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// weavrUpdateIn is the part of Weavr's consumerUpdate_request the sandbox
// acts on: the email address and the mobile. Other fields are accepted and
// not kept.
type weavrUpdateIn struct {
	Email  *string `json:"email"`
	Mobile *struct {
		CountryCode string `json:"countryCode"`
		Number      string `json:"number"`
	} `json:"mobile"`
}

func (in *weavrUpdateIn) validate(s *Server) error {
	if in.Email != nil && email("email", *in.Email) != nil {
		return weavrInvalid("email", "REGEX")
	}
	if in.Mobile == nil {
		return nil
	}
	switch {
	case !weavrCC.MatchString(in.Mobile.CountryCode):
		return weavrInvalid("mobile.countryCode", "REGEX")
	case !weavrNumber.MatchString(in.Mobile.Number):
		return weavrInvalid("mobile.number", "REGEX")
	}
	n, err := phonenumbers.Parse(in.Mobile.CountryCode+in.Mobile.Number, "")
	if err != nil || !phonenumbers.IsValidNumber(n) || !s.codes[strings.TrimPrefix(in.Mobile.CountryCode, "+")] {
		return weavrConflict("MOBILE_OR_COUNTRY_CODE_INVALID")
	}
	return nil
}

// weavrUpdateConsumer serves PATCH /consumers: the logged-in consumer's
// email or mobile, refused once its KYC is done (CONSUMER_VERIFIED), as
// Weavr documents. A new address or number is unverified again, and the
// SMS factor is enrolled afresh for the new number (what becomes of the
// factor is not documented; the sandbox's choice).
func (s *Server) weavrUpdateConsumer(w http.ResponseWriter, r *http.Request, a *weavrAuth) error {
	var raw json.RawMessage
	if err := decode(r, &raw); err != nil {
		return err
	}
	var in weavrUpdateIn
	if err := json.Unmarshal(raw, &in); err != nil {
		return &weavrError{status: http.StatusBadRequest, message: "The request body does not match the schema."}
	}
	if err := in.validate(s); err != nil {
		return err
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.weavrConsumer("id = ?", a.c.ID)
		if err != nil {
			return err
		}
		changed := false
		if c.KYCStatus == "APPROVED" && (in.Email != nil || in.Mobile != nil) {
			return weavrConflict("CONSUMER_VERIFIED")
		}
		if in.Email != nil && !strings.EqualFold(*in.Email, c.Email) {
			var n int
			if err := t.row("SELECT COUNT(*) FROM weavr_consumers WHERE email = ? AND id <> ?", *in.Email, c.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return weavrConflict("EMAIL_NOT_UNIQUE")
			}
			if _, err := t.exec("UPDATE weavr_consumers SET email = ?, email_verified = 0 WHERE id = ?", *in.Email, c.ID); err != nil {
				return err
			}
			c.Email, changed = *in.Email, true
		}
		if in.Mobile != nil && (in.Mobile.CountryCode != c.MobileCC || in.Mobile.Number != c.MobileNum) {
			if _, err := t.exec("UPDATE weavr_consumers SET mobile_cc = ?, mobile_number = ?, mobile_verified = 0, sms_factor = '' WHERE id = ?",
				in.Mobile.CountryCode, in.Mobile.Number, c.ID); err != nil {
				return err
			}
			changed = true
		}
		if !changed {
			return nil
		}
		return t.weavrUpdated(c, changeProfile)
	})
	if err != nil {
		return err
	}
	return s.weavrGetConsumerFresh(w, r, a)
}

// weavrGetConsumerFresh answers with the consumer as it now is.
func (s *Server) weavrGetConsumerFresh(w http.ResponseWriter, r *http.Request, a *weavrAuth) error {
	var c *weavrConsumer
	err := s.st.read(r.Context(), func(t *tx) error {
		var err error
		c, err = t.weavrConsumer("id = ?", a.c.ID)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c.view())
	return nil
}
