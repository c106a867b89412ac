package sandbox

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

const (
	phoneCodeTTL = 10 * time.Minute
	emailLinkTTL = 48 * time.Hour
	// SandboxPhoneCode is the phone verification code on LinkCy's sandbox
	// ("no SMS, code always 123456"), and so on this one.
	SandboxPhoneCode = "123456"
)

type consumerIDIn struct {
	ConsumerID string `json:"consumerId"`
	Code       string `json:"code"`
}

func (s *Server) handlePhoneSend(w http.ResponseWriter, r *http.Request) error {
	p, in, err := authedBody[consumerIDIn](s, r)
	if err != nil {
		return err
	}
	err = s.st.inTx(r.Context(), func(t *tx) error {
		c, err := s.targetConsumer(t, p, in.ConsumerID)
		if err != nil {
			return err
		}
		if err := s.issueSecret(t, c, "phone", SandboxPhoneCode, phoneCodeTTL); err != nil {
			return err
		}
		return t.send(c.ID, Message{Channel: "sms", Recipient: "+" + c.Digits, Code: SandboxPhoneCode,
			Text: fmt.Sprintf("%s: your verification code is %s. It expires in 10 minutes.", s.opts.PartnerName, SandboxPhoneCode)})
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"ttl": "PT10M"})
	return nil
}

func (s *Server) handlePhoneVerify(w http.ResponseWriter, r *http.Request) error {
	p, in, err := authedBody[consumerIDIn](s, r)
	if err != nil {
		return err
	}
	if err := pattern("code", in.Code, reCode, "6 digits"); err != nil || in.Code == "" {
		return fieldErr(codeInvalidPhoneCode, "code", nil, "The code must be 6 digits.")
	}
	err = s.inTxKeep(r, func(t *tx) error {
		c, err := s.targetConsumer(t, p, in.ConsumerID)
		if err != nil {
			return err
		}
		if err := checkSecret(t, c.ID, "phone", in.Code, codeInvalidPhoneCode); err != nil {
			return err
		}
		if _, err := t.exec("DELETE FROM secrets WHERE consumer_id = ? AND purpose = 'phone'", c.ID); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE consumers SET phone_validated = 1, updated_at = ? WHERE id = ?", unix(t.now), c.ID); err != nil {
			return err
		}
		return t.consumerEvent(EventConsumerUpdated, c, "phone_verified", nil)
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type emailSendIn struct {
	ConsumerID   string `json:"consumerId"`
	EmailSubject string `json:"emailSubject"`
	URLOnSuccess string `json:"urlOnSuccess"`
	URLOnFailure string `json:"urlOnFailure"`
}

func (s *Server) handleEmailSend(w http.ResponseWriter, r *http.Request) error {
	p, in, err := authedBody[emailSendIn](s, r)
	if err != nil {
		return err
	}
	if err := maxLen("emailSubject", in.EmailSubject, 255); err != nil {
		return err
	}
	base := s.publicBase(r)
	err = s.st.inTx(r.Context(), func(t *tx) error {
		c, err := s.targetConsumer(t, p, in.ConsumerID)
		if err != nil {
			return err
		}
		switch {
		case c.Email == "":
			return newErr(http.StatusConflict, codeEmailMissing, "The consumer has no email address; PATCH emailAddress first.")
		case c.EmailVerified:
			return newErr(http.StatusConflict, codeEmailVerified, "This email address is already verified.")
		}
		var last int64
		err = t.row("SELECT COALESCE(MAX(sent_at), 0) FROM email_links WHERE consumer_id = ?", c.ID).Scan(&last)
		if err != nil {
			return err
		}
		if wait := fromUnix(last).Add(s.opts.ResendCooldown).Sub(t.now); last != 0 && wait > 0 {
			e := newErr(http.StatusTooManyRequests, codeResendTooSoon, "An email was sent moments ago; wait before asking again.")
			e.retryAfter = retryIn(wait)
			return e
		}
		token := newToken()
		if _, err := t.exec("INSERT INTO email_links (token, consumer_id, email, sent_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			token, c.ID, c.Email, unix(t.now), unix(t.now.Add(emailLinkTTL))); err != nil {
			return err
		}
		subject := in.EmailSubject
		if subject == "" {
			subject = fmt.Sprintf("[%s] Please verify your email address", s.opts.PartnerName)
		}
		link := base + "/sandbox/email/" + token
		return t.send(c.ID, Message{Channel: "email", Recipient: c.Email, Subject: subject, Link: link,
			Text: "Open this link to verify your email address (valid 48 hours): " + link})
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"ttl": "PT48H"})
	return nil
}

// handleEmailLink is the link in the verification email. Opening it twice,
// or by a mail scanner first, is harmless: it only ever sets "verified".
func (s *Server) handleEmailLink(w http.ResponseWriter, r *http.Request) {
	type view struct {
		Email                       string
		Verified, Expired, Replaced bool
	}
	var v view
	status := http.StatusOK
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var consumerID, email string
		var expires int64
		err := t.row("SELECT consumer_id, email, expires_at FROM email_links WHERE token = ?", r.PathValue("token")).Scan(&consumerID, &email, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			status = http.StatusNotFound
			return nil
		}
		if err != nil {
			return err
		}
		c, err := t.consumer("id = ?", consumerID)
		if err != nil {
			return err
		}
		switch {
		case !strings.EqualFold(c.Email, email):
			v.Replaced, status = true, http.StatusConflict
		case c.EmailVerified:
			v.Verified, v.Email = true, c.Email
		case t.now.After(fromUnix(expires)):
			v.Expired, status = true, http.StatusGone
		default:
			v.Verified, v.Email = true, c.Email
			if _, err := t.exec("UPDATE email_links SET used_at = ? WHERE token = ?", unix(t.now), r.PathValue("token")); err != nil {
				return err
			}
			if _, err := t.exec("UPDATE consumers SET email_verified = 1, updated_at = ? WHERE id = ?", unix(t.now), c.ID); err != nil {
				return err
			}
			return t.consumerEvent(EventConsumerUpdated, c, "email_verified", nil)
		}
		return nil
	})
	if err != nil {
		s.opts.Logger.Error("email link", "err", err)
		http.Error(w, "The sandbox could not read its database.", http.StatusInternalServerError)
		return
	}
	s.pages.render(w, "email", status, v)
}
