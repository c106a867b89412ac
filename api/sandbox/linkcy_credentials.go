package sandbox

import (
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/onboard-cli/onboard/api"
)

const (
	maxSecretAttempts = 5
	maxLoginFailures  = 5
	lockout           = 15 * time.Minute
)

type resetIn struct {
	ConsumerPhone string `json:"consumerPhone"`
	PartnerName   string `json:"partnerName"`
}

// consumerByPhone validates a reset/login body's phone and partner and
// finds the consumer. Unknown phones get 404: LinkCy only lets existing
// consumers ask for a secret.
func (s *Server) consumerByPhone(t *tx, phone, partnerName string) (*consumerRow, error) {
	if !reFullDigits.MatchString(phone) {
		return nil, fieldErr(codeValidation, "consumerPhone", phone, "consumerPhone must be the full number in digits, calling code first, without +.")
	}
	if !s.knowsPartner(partnerName) {
		return nil, fieldErr(codeUnknownPartner, "partnerName", partnerName, "Unknown partner %q.", partnerName)
	}
	c, err := t.consumer("partner = ? AND phone_digits = ?", partnerName, phone)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, newErr(http.StatusNotFound, codeUserNotFound, "No consumer with this phone number; create the consumer first.")
	}
	return c, err
}

// issueSecret makes a new secret for purpose, enforcing the resend
// cooldown, and returns it.
func (s *Server) issueSecret(t *tx, c *consumerRow, purpose, secret string, ttl time.Duration) error {
	var sentAt int64
	err := t.row("SELECT sent_at FROM secrets WHERE consumer_id = ? AND purpose = ?", c.ID, purpose).Scan(&sentAt)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if err == nil {
		if wait := fromUnix(sentAt).Add(s.opts.ResendCooldown).Sub(t.now); wait > 0 {
			e := newErr(http.StatusTooManyRequests, codeResendTooSoon, "A code was sent moments ago; wait %d s before asking again.", int(math.Ceil(wait.Seconds())))
			e.retryAfter = retryIn(wait)
			return e
		}
	}
	_, err = t.exec(`INSERT INTO secrets (consumer_id, purpose, secret_hash, sent_at, expires_at, attempts) VALUES (?, ?, ?, ?, ?, 0)
		ON CONFLICT (consumer_id, purpose) DO UPDATE SET secret_hash = excluded.secret_hash, sent_at = excluded.sent_at,
		expires_at = excluded.expires_at, attempts = 0`,
		c.ID, purpose, hash(c.ID, purpose, secret), unix(t.now), unix(t.now.Add(ttl)))
	return err
}

// checkSecret compares a typed secret with the live one for purpose. A
// wrong try is counted, and the fifth burns the secret.
func checkSecret(t *tx, consumerID, purpose, typed string, wrongCode string) error {
	var h []byte
	var expires int64
	var attempts int
	err := t.row("SELECT secret_hash, expires_at, attempts FROM secrets WHERE consumer_id = ? AND purpose = ?", consumerID, purpose).Scan(&h, &expires, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return newErr(http.StatusBadRequest, wrongCode, "No code is waiting for this consumer; ask for a new one.")
	}
	if err != nil {
		return err
	}
	if t.now.After(fromUnix(expires)) {
		_, _ = t.exec("DELETE FROM secrets WHERE consumer_id = ? AND purpose = ?", consumerID, purpose)
		return newErr(http.StatusBadRequest, codeSecretExpired, "This code has expired; ask for a new one.")
	}
	if subtle.ConstantTimeCompare(h, hash(consumerID, purpose, typed)) == 1 {
		return nil
	}
	attempts++
	if attempts >= maxSecretAttempts {
		if _, err := t.exec("DELETE FROM secrets WHERE consumer_id = ? AND purpose = ?", consumerID, purpose); err != nil {
			return err
		}
		return &committedError{newErr(http.StatusBadRequest, codeTooManyAttempts, "Too many wrong codes; this one no longer works. Ask for a new one.")}
	}
	if _, err := t.exec("UPDATE secrets SET attempts = ? WHERE consumer_id = ? AND purpose = ?", attempts, consumerID, purpose); err != nil {
		return err
	}
	return &committedError{newErr(http.StatusBadRequest, wrongCode, "%s", triesLeftText(maxSecretAttempts-attempts))}
}

// committedError is an error answer whose transaction must still commit
// (a counted wrong attempt, a lockout).
type committedError struct{ *apiError }

// Unwrap lets errors.As find the apiError.
func (e *committedError) Unwrap() error { return e.apiError }

// committed is an error answer whose transaction must still commit (a
// counted wrong attempt, a lockout): *committedError for LinkCy's shape,
// *weavrCommitted for Weavr's, *finhubCommitted for FinHub's.
type committed interface {
	error
	answer() error
}

func (e *committedError) answer() error { return e.apiError }

// inTxKeep runs fn in a transaction that commits even when fn returns a
// committed error, whose answer is then returned.
func (s *Server) inTxKeep(r *http.Request, fn func(*tx) error) error {
	var kept committed
	err := s.st.inTx(r.Context(), func(t *tx) error {
		err := fn(t)
		if errors.As(err, &kept) {
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	if kept != nil {
		return kept.answer()
	}
	return nil
}

func (s *Server) handlePasswordReset(w http.ResponseWriter, r *http.Request) error {
	var in resetIn
	if err := decode(r, &in); err != nil {
		return err
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		c, err := s.consumerByPhone(t, in.ConsumerPhone, in.PartnerName)
		if err != nil {
			return err
		}
		secret := newDigits(6)
		if err := s.issueSecret(t, c, "password", secret, s.opts.SecretTTL); err != nil {
			return err
		}
		return t.send(c.ID, Message{Channel: "sms", Recipient: "+" + c.Digits, Secret: secret,
			Text: fmt.Sprintf("%s: your secret is %s. It expires in %s. Never share it.", s.opts.PartnerName, secret, humanDuration(s.opts.SecretTTL))})
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) handlePasswordResetSandbox(w http.ResponseWriter, r *http.Request) error {
	p, err := s.requireAuth(r)
	if err != nil {
		return err
	}
	if !p.isPartner() {
		return newErr(http.StatusForbidden, codeForbidden, "Only a partner can use the sandbox secret helper.")
	}
	var in resetIn
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.PartnerName != p.partner { // another tenant's consumer, on a shared sandbox
		return newErr(http.StatusForbidden, codeForbidden, "A partner token gets secrets for its own consumers only: give the partnerName it logged in with.")
	}
	secret := newDigits(6)
	err = s.st.inTx(r.Context(), func(t *tx) error {
		c, err := s.consumerByPhone(t, in.ConsumerPhone, in.PartnerName)
		if err != nil {
			return err
		}
		return s.issueSecret(t, c, "password", secret, s.opts.SecretTTL)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"passwordChangeSecret": secret})
	return nil
}

type changeIn struct {
	Secret      string `json:"passwordChangeSecret"`
	NewPassword string `json:"newPassword"`
	// ConsumerPhone is a sandbox extension: LinkCy finds the consumer from
	// the secret alone, and so does the sandbox when it is absent; with it,
	// wrong tries are counted against that consumer's secret.
	ConsumerPhone string `json:"consumerPhone"`
	// PartnerName, another extension, says whose consumer the phone is
	// when partners share the sandbox (see consumerForPhone).
	PartnerName string `json:"partnerName"`
}

func (s *Server) handlePasswordChange(w http.ResponseWriter, r *http.Request) error {
	var in changeIn
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.Secret == "" {
		return fieldErr(codeValidation, "passwordChangeSecret", nil, "passwordChangeSecret is required.")
	}
	if in.NewPassword == "" {
		return fieldErr(codeValidation, "newPassword", nil, "newPassword is required.")
	}
	if err := s.sharedChangeNamesItsTenant(in); err != nil {
		return err
	}
	// A caller out of phone-less guesses is refused before bcrypt works.
	done, err := s.phonelessGuess(r, in)
	if err != nil {
		return err
	}
	// Hashed before the transaction: the writer is not held while bcrypt
	// works. A wrong secret or a weak password wastes the hash.
	hashed, err := s.pw.hash(in.NewPassword)
	if err != nil {
		done(nil)
		return err
	}
	var tokens map[string]any
	err = s.inTxKeep(r, func(t *tx) error {
		c, err := s.consumerForSecret(t, in)
		if err != nil {
			return err
		}
		if err := checkSecret(t, c.ID, "password", in.Secret, codeInvalidSecret); err != nil {
			return err
		}
		if rule := api.CheckPassword(in.NewPassword, c.Digits); rule != nil {
			// The secret stays valid: a weak password costs no try.
			return fieldErr(codeWeakPassword, "newPassword", nil, "The password needs %s.", rule.Text)
		}
		if _, err := t.exec("DELETE FROM secrets WHERE consumer_id = ? AND purpose = 'password'", c.ID); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE consumers SET password_hash = ?, phone_validated = 1, failed_logins = 0, locked_until = 0,
			updated_at = ? WHERE id = ?`, hashed, unix(t.now), c.ID); err != nil {
			return err
		}
		if err := t.consumerEvent(EventConsumerUpdated, c, "password_set", nil); err != nil {
			return err
		}
		tokens, err = s.issueTokens(t, principal{kind: "consumer", subject: c.ID, partner: c.Partner})
		return err
	})
	done(err)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, tokens)
	return nil
}

// consumerForSecret finds whose secret was typed: by the phone when given,
// otherwise by matching the secret against every live one, where a miss
// counts against them all (countPhonelessMiss).
func (s *Server) consumerForSecret(t *tx, in changeIn) (*consumerRow, error) {
	if in.ConsumerPhone != "" {
		return s.consumerForPhone(t, in)
	}
	rows, err := t.query("SELECT consumer_id, secret_hash FROM secrets WHERE purpose = 'password' AND expires_at >= ?", unix(t.now))
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading secrets: %w", err)
	}
	var match string
	for rows.Next() {
		var id string
		var h []byte
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sandbox: reading secrets: %w", err)
		}
		if subtle.ConstantTimeCompare(h, hash(id, "password", in.Secret)) == 1 {
			match = id
		}
	}
	rows.Close()
	if match == "" {
		return nil, countPhonelessMiss(t)
	}
	return t.consumer("id = ?", match)
}

type loginIn struct {
	ConsumerPhone     string `json:"consumerPhone"`
	AccountOwnerPhone string `json:"accountOwnerPhone"`
	Username          string `json:"username"`
	PartnerName       string `json:"partnerName"`
	Password          string `json:"password"`
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	var in loginIn
	if err := decode(r, &in); err != nil {
		return err
	}
	switch {
	case in.Password == "":
		return fieldErr(codeValidation, "password", nil, "password is required.")
	case in.Username != "":
		return s.partnerLogin(w, r, in)
	case in.AccountOwnerPhone != "":
		return newErr(http.StatusBadRequest, codeValidation, "The sandbox has no corporates; log in with consumerPhone.")
	case in.ConsumerPhone == "":
		return fieldErr(codeValidation, "consumerPhone", nil, "consumerPhone (or username for a partner) is required.")
	}
	bad := newErr(http.StatusUnauthorized, codeBadCredentials, "The phone number or the password is wrong.")
	first := s.checkFirst(r.Context(), in.Password, func(t *tx) ([]byte, error) {
		c, err := s.consumerByPhone(t, in.ConsumerPhone, in.PartnerName)
		if err != nil {
			return nil, err
		}
		return c.PasswordHash, nil
	})
	var tokens map[string]any
	err := s.inTxKeep(r, func(t *tx) error {
		c, err := s.consumerByPhone(t, in.ConsumerPhone, in.PartnerName)
		var ae *apiError
		if errors.As(err, &ae) && ae.status == http.StatusNotFound {
			return bad // do not tell which phones exist
		}
		if err != nil {
			return err
		}
		if until := fromUnix(c.LockedUntil); t.now.Before(until) {
			e := newErr(http.StatusTooManyRequests, codeAccountLocked, "Too many wrong passwords; try again in %d minutes or set a new password.", int(math.Ceil(until.Sub(t.now).Minutes())))
			e.retryAfter = until.Sub(t.now)
			return e
		}
		if !first.matches(s.pw, c.PasswordHash, in.Password) {
			failures, locked := c.FailedLogins+1, int64(0)
			if failures >= maxLoginFailures {
				failures, locked = 0, unix(t.now.Add(lockout))
			}
			if _, err := t.exec("UPDATE consumers SET failed_logins = ?, locked_until = ? WHERE id = ?", failures, locked, c.ID); err != nil {
				return err
			}
			if locked != 0 {
				e := newErr(http.StatusTooManyRequests, codeAccountLocked, "Too many wrong passwords; try again in 15 minutes or set a new password.")
				e.retryAfter = lockout
				return &committedError{e}
			}
			return &committedError{bad}
		}
		if _, err := t.exec("UPDATE consumers SET failed_logins = 0, locked_until = 0 WHERE id = ?", c.ID); err != nil {
			return err
		}
		tokens, err = s.issueTokens(t, principal{kind: "consumer", subject: c.ID, partner: c.Partner})
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, tokens)
	return nil
}

func (s *Server) partnerLogin(w http.ResponseWriter, r *http.Request, in loginIn) error {
	lock := s.lockName(in.PartnerName)
	var wait time.Duration
	if err := s.st.read(r.Context(), func(t *tx) (err error) { wait, err = partnerLocked(t, lock); return err }); err != nil {
		return err
	}
	if wait > 0 {
		e := newErr(http.StatusTooManyRequests, codeAccountLocked, "Too many wrong partner passwords; try again in %d minutes.", int(math.Ceil(wait.Minutes())))
		e.retryAfter = wait
		return e
	}
	userOK := subtle.ConstantTimeCompare([]byte(in.Username), []byte(s.opts.PartnerUser)) == 1
	passOK := subtle.ConstantTimeCompare([]byte(in.Password), []byte(s.opts.PartnerPassword)) == 1
	if !userOK || !passOK || !s.knowsPartner(in.PartnerName) {
		return s.partnerRefused(r, in.PartnerName, lock)
	}
	var tokens map[string]any
	err := s.st.inTx(r.Context(), func(t *tx) error {
		if err := partnerSuccess(t, lock); err != nil {
			return err
		}
		var err error
		tokens, err = s.issueTokens(t, principal{kind: "partner", subject: in.Username, partner: in.PartnerName})
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, tokens)
	return nil
}

// partnerRefused answers a wrong partner login, counting it against lock
// (shared by every process on the database): the one that reaches
// maxSecretAttempts locks it. Only a partner that exists is counted:
// unknown names are not kept, so guessing them costs the sandbox nothing.
func (s *Server) partnerRefused(r *http.Request, partner, lock string) error {
	if s.knowsPartner(partner) {
		var locked bool
		if err := s.st.inTx(r.Context(), func(t *tx) (err error) { locked, err = partnerFailure(t, lock); return err }); err != nil {
			return err
		}
		if locked {
			e := newErr(http.StatusTooManyRequests, codeAccountLocked, "Too many wrong partner passwords; try again in 15 minutes.")
			e.retryAfter = lockout
			return e
		}
	}
	return newErr(http.StatusUnauthorized, codeBadCredentials, "The partner name, username or password is wrong.")
}

func (s *Server) handleRefresh(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		RefreshToken string `json:"refreshToken"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	if in.RefreshToken == "" {
		return fieldErr(codeValidation, "refreshToken", nil, "refreshToken is required.")
	}
	var tokens map[string]any
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var p principal
		var expires int64
		var used bool
		err := t.row("SELECT subject, kind, partner, expires_at, used FROM refresh_tokens WHERE token_hash = ?", hash(in.RefreshToken)).
			Scan(&p.subject, &p.kind, &p.partner, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) || used || t.now.After(fromUnix(expires)) {
			return newErr(http.StatusUnauthorized, codeInvalidToken, "This refresh token is not valid any more; log in again.")
		}
		if err != nil {
			return err
		}
		if _, err := t.exec("UPDATE refresh_tokens SET used = 1 WHERE token_hash = ?", hash(in.RefreshToken)); err != nil {
			return err
		}
		tokens, err = s.issueTokens(t, p)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, tokens)
	return nil
}

// humanDuration writes a lifetime as an SMS would: "5 minutes", "30 seconds".
func humanDuration(d time.Duration) string {
	switch {
	case d >= time.Minute && d%time.Minute == 0:
		if d == time.Minute {
			return "1 minute"
		}
		return fmt.Sprintf("%d minutes", d/time.Minute)
	case d >= time.Second:
		return fmt.Sprintf("%d seconds", d/time.Second)
	}
	return d.String()
}
