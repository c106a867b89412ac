package sandbox

import (
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// weavrSendCode stores a fresh code for channel and puts the message in
// the outbox. A send within weavrSendCooldown of the last is a 429.
func (s *Server) weavrSendCode(t *tx, c *weavrConsumer, channel string) error {
	var sent int64
	err := t.row("SELECT sent_at FROM weavr_codes WHERE consumer_id = ? AND channel = ?", c.ID, channel).Scan(&sent)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sandbox: reading a code: %w", err)
	}
	if err == nil {
		if wait := fromUnix(sent).Add(weavrSendCooldown).Sub(t.now); wait > 0 {
			return &weavrError{status: http.StatusTooManyRequests, reset: wait}
		}
	}
	if _, err := t.exec(`INSERT INTO weavr_codes (consumer_id, channel, code_hash, sent_at, expires_at, attempts) VALUES (?, ?, ?, ?, ?, 0)
		ON CONFLICT (consumer_id, channel) DO UPDATE SET code_hash = excluded.code_hash, sent_at = excluded.sent_at,
		expires_at = excluded.expires_at, attempts = 0`,
		c.ID, channel, hash(WeavrCode), unix(t.now), unix(t.now.Add(weavrCodeTTL))); err != nil {
		return err
	}
	m := Message{Channel: "email", Recipient: c.Email, Subject: "Your verification code", Code: WeavrCode,
		Text: "Your verification code is " + WeavrCode + ". It expires in 5 minutes."}
	if channel == "sms" {
		m = Message{Channel: "sms", Recipient: c.MobileCC + c.MobileNum, Code: WeavrCode,
			Text: WeavrCode + " is your code to verify this mobile number. It expires in 5 minutes."}
	}
	return t.send(c.outboxID(), m)
}

// weavrCheckCode checks a typed code. A wrong one is counted (the error is
// a *weavrCommitted, so the count is kept); past the limit the code is
// burned.
func weavrCheckCode(t *tx, c *weavrConsumer, channel, typed string, limitCode string) error {
	var codeHash []byte
	var expires int64
	var attempts int
	err := t.row("SELECT code_hash, expires_at, attempts FROM weavr_codes WHERE consumer_id = ? AND channel = ?", c.ID, channel).
		Scan(&codeHash, &expires, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return weavrConflict("VERIFICATION_CODE_INVALID")
	}
	if err != nil {
		return fmt.Errorf("sandbox: reading a code: %w", err)
	}
	if expires <= unix(t.now) {
		if channel == "sms" {
			return weavrConflict("VERIFICATION_CODE_EXPIRED")
		}
		return weavrConflict("VERIFICATION_CODE_INVALID")
	}
	if attempts >= weavrCodeAttempts {
		return weavrConflict(limitCode)
	}
	if subtle.ConstantTimeCompare(hash(typed), codeHash) == 1 {
		_, err := t.exec("DELETE FROM weavr_codes WHERE consumer_id = ? AND channel = ?", c.ID, channel)
		return err
	}
	if _, err := t.exec("UPDATE weavr_codes SET attempts = attempts + 1 WHERE consumer_id = ? AND channel = ?", c.ID, channel); err != nil {
		return err
	}
	return &weavrCommitted{weavrConflict("VERIFICATION_CODE_INVALID")}
}

type weavrEmailIn struct {
	Email            string `json:"email"`
	VerificationCode string `json:"verificationCode"`
}

func (s *Server) weavrEmailSend(w http.ResponseWriter, r *http.Request) error {
	if err := s.weavrKeyOK(r, "Api-Key"); err != nil {
		return err
	}
	var in weavrEmailIn
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Email == "" {
		return weavrInvalid("email", "REQUIRED")
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.weavrConsumer("email = ?", in.Email)
		if errors.Is(err, sql.ErrNoRows) {
			return weavrConflict("EMAIL_NOT_FOUND")
		}
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		if c.EmailVerified {
			return weavrConflict("ALREADY_VERIFIED")
		}
		return s.weavrSendCode(t, c, "email")
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) weavrEmailVerify(w http.ResponseWriter, r *http.Request) error {
	if err := s.weavrKeyOK(r, "Api-Key"); err != nil {
		return err
	}
	var in weavrEmailIn
	if err := decode(r, &in); err != nil {
		return err
	}
	switch {
	case in.Email == "":
		return weavrInvalid("email", "REQUIRED")
	case in.VerificationCode == "":
		return weavrInvalid("verificationCode", "REQUIRED")
	case len(in.VerificationCode) != 6 || !weavrDigits.MatchString(in.VerificationCode):
		return weavrInvalid("verificationCode", "REGEX")
	}
	err := s.inTxKeep(r, func(t *tx) error {
		c, err := t.weavrConsumer("email = ?", in.Email)
		if errors.Is(err, sql.ErrNoRows) {
			return weavrConflict("VERIFICATION_CODE_INVALID")
		}
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		if err := weavrCheckCode(t, c, "email", in.VerificationCode, "VERIFICATION_CODE_INVALID"); err != nil {
			return err
		}
		if c.EmailVerified {
			return nil
		}
		if _, err = t.exec("UPDATE weavr_consumers SET email_verified = 1 WHERE id = ?", c.ID); err != nil {
			return err
		}
		return t.weavrUpdated(c, changeEmailVerified)
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) weavrFactors(w http.ResponseWriter, _ *http.Request, a *weavrAuth) error {
	factors := []map[string]string{}
	if a.c.SMSFactor != "" {
		factors = append(factors, map[string]string{"type": "OTP", "status": a.c.SMSFactor, "channel": "SMS"})
	}
	writeJSON(w, http.StatusOK, map[string]any{"factors": factors})
	return nil
}

func (s *Server) weavrOTPEnrol(w http.ResponseWriter, r *http.Request, a *weavrAuth) error {
	if !strings.EqualFold(r.PathValue("channel"), "SMS") {
		return weavrInvalid("channel", "IN", "SMS")
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.weavrFresh(a) // a.c is not this transaction's: it may run again
		if err != nil {
			return err
		}
		if c.SMSFactor == "ACTIVE" {
			return weavrConflict("CHANNEL_ALREADY_REGISTERED")
		}
		if _, err := t.exec("UPDATE weavr_consumers SET sms_factor = 'PENDING_VERIFICATION' WHERE id = ?", c.ID); err != nil {
			return err
		}
		return s.weavrSendCode(t, c, "sms")
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) weavrOTPVerify(w http.ResponseWriter, r *http.Request, a *weavrAuth) error {
	if !strings.EqualFold(r.PathValue("channel"), "SMS") {
		return weavrInvalid("channel", "IN", "SMS")
	}
	var in weavrEmailIn
	if err := decode(r, &in); err != nil {
		return err
	}
	if len(in.VerificationCode) != 6 || !weavrDigits.MatchString(in.VerificationCode) {
		return weavrInvalid("verificationCode", "REGEX")
	}
	err := s.inTxKeep(r, func(t *tx) error {
		c, err := t.weavrFresh(a)
		if err != nil {
			return err
		}
		switch c.SMSFactor {
		case "ACTIVE":
			return weavrConflict("CHANNEL_ALREADY_REGISTERED")
		case "":
			return weavrConflict("STATE_INVALID")
		}
		if err := weavrCheckCode(t, c, "sms", in.VerificationCode, "CHALLENGE_LIMIT_EXCEEDED"); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE weavr_consumers SET sms_factor = 'ACTIVE', mobile_verified = 1 WHERE id = ?", c.ID); err != nil {
			return err
		}
		return t.weavrUpdated(c, changeMobileVerified)
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
