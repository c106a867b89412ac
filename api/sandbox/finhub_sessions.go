package sandbox

import (
	"crypto/subtle"
	"database/sql"
	"errors"
	"net/http"
	"strings"
)

type finhubSessionIn struct {
	Username     string `json:"username"`
	Password     string `json:"password"`
	TenantKey    string `json:"tenantKey"`
	TenantSecret string `json:"tenantSecret"`
}

// finhubIssue opens a session for c and returns the answer, which the
// handler writes once the transaction has committed.
func finhubIssue(t *tx, c *finhubCustomer, message string) (map[string]any, error) {
	token, refresh, sid := newToken(), newToken(), newID()
	exp := t.now.Add(finhubAccessTTL)
	if _, err := t.exec(`INSERT INTO finhub_sessions (token_hash, refresh_hash, session_id, customer_id, expires_at, refresh_expires)
		VALUES (?, ?, ?, ?, ?, ?)`, hash(token), hash(refresh), sid, c.ID, unix(exp), unix(t.now.Add(DefaultRefreshTTL))); err != nil {
		return nil, err
	}
	return map[string]any{"sessionId": sid, "userId": c.UserID, "token": token, "refreshToken": refresh,
		"expiresAt": exp.UTC().Format("2006-01-02T15:04:05.000000000"), "success": true, "message": message, "errorType": "NONE"}, nil
}

func (s *Server) finhubCreateSession(w http.ResponseWriter, r *http.Request) error {
	var in finhubSessionIn
	if err := decode(r, &in); err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(in.TenantKey), []byte(DefaultFinHubTenantKey)) != 1 ||
		subtle.ConstantTimeCompare([]byte(in.TenantSecret), []byte(DefaultFinHubTenantSecret)) != 1 {
		return &finhubError{status: http.StatusForbidden, code: "INVALID_TENANT_CREDENTIALS", message: "The tenant key or secret is not right."}
	}
	bad := &finhubError{status: http.StatusUnauthorized, code: "INVALID_CREDENTIALS", message: "The email address or password is not right."}
	first := s.checkFirst(r.Context(), in.Password, func(t *tx) ([]byte, error) {
		c, err := t.finhubCustomer("id = ? AND user_id = ?", r.PathValue("customerId"), r.PathValue("userId"))
		if err != nil {
			return nil, err
		}
		return c.PasswordHash, nil
	})
	var session map[string]any // written once the session is committed
	err := s.inTxKeep(r, func(t *tx) error {
		c, err := t.finhubCustomer("id = ? AND user_id = ?", r.PathValue("customerId"), r.PathValue("userId"))
		if errors.Is(err, sql.ErrNoRows) {
			return bad
		}
		if err != nil {
			return err
		}
		if left := fromUnix(c.LockedUntil).Sub(t.now); left > 0 {
			return &finhubError{status: http.StatusTooManyRequests, code: "ACCOUNT_LOCKED",
				message: "Too many wrong passwords; try again later.", retryAfter: left}
		}
		if !strings.EqualFold(in.Username, c.Email) || !first.matches(s.pw, c.PasswordHash, in.Password) {
			fails, locked := c.FailedLogins+1, int64(0)
			if fails >= finhubLoginAttempts {
				fails, locked = 0, unix(t.now.Add(finhubLockout))
			}
			if _, err := t.exec("UPDATE finhub_customers SET failed_logins = ?, locked_until = ? WHERE id = ?", fails, locked, c.ID); err != nil {
				return err
			}
			return &finhubCommitted{bad}
		}
		if _, err := t.exec("UPDATE finhub_customers SET failed_logins = 0 WHERE id = ?", c.ID); err != nil {
			return err
		}
		session, err = finhubIssue(t, c, "Session created successfully")
		return err
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", session)
	return nil
}

func (s *Server) finhubRefreshSession(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		RefreshToken string `json:"refreshToken"`
	}
	if err := decode(r, &in); err != nil {
		return err
	}
	bad := &finhubError{status: http.StatusUnauthorized, code: "INVALID_TOKEN", message: "The refresh token is not valid."}
	var session map[string]any // written once the session is committed
	err := s.st.inTx(r.Context(), func(t *tx) error {
		var customer string
		var until int64
		err := t.row("SELECT customer_id, refresh_expires FROM finhub_sessions WHERE refresh_hash = ?", hash(in.RefreshToken)).Scan(&customer, &until)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (customer != r.PathValue("customerId") || !t.now.Before(fromUnix(until)))) {
			return bad
		}
		if err != nil {
			return err
		}
		c, err := t.finhubCustomer("id = ? AND user_id = ?", customer, r.PathValue("userId"))
		if errors.Is(err, sql.ErrNoRows) {
			return bad
		}
		if err != nil {
			return err
		}
		// A refresh token is spent by its use: the old session ends.
		if _, err := t.exec("DELETE FROM finhub_sessions WHERE refresh_hash = ?", hash(in.RefreshToken)); err != nil {
			return err
		}
		session, err = finhubIssue(t, c, "Session refreshed successfully")
		return err
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Success", session)
	return nil
}

// finhubAuth is who an authenticated request comes from.
type finhubAuth struct {
	c         *finhubCustomer
	tokenHash []byte
}

// finhubAuthed checks the bearer token, and that a {customerId} in the
// path is the token's own customer: one customer cannot touch another.
func (s *Server) finhubAuthed(fn func(http.ResponseWriter, *http.Request, *finhubAuth) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || raw == "" {
			return &finhubError{status: http.StatusUnauthorized, code: "INVALID_TOKEN", message: "A bearer token is required."}
		}
		var a finhubAuth
		err := s.st.read(r.Context(), func(t *tx) error {
			var customer string
			var exp int64
			err := t.row("SELECT customer_id, expires_at FROM finhub_sessions WHERE token_hash = ?", hash(raw)).Scan(&customer, &exp)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && !t.now.Before(fromUnix(exp))) {
				return &finhubError{status: http.StatusUnauthorized, code: "INVALID_TOKEN", message: "The token is not valid or has expired."}
			}
			if err != nil {
				return err
			}
			a.c, err = t.finhubCustomer("id = ?", customer)
			return err
		})
		if err != nil {
			return err
		}
		if id := r.PathValue("customerId"); id != "" && id != a.c.ID {
			return &finhubError{status: http.StatusForbidden, code: "FORBIDDEN", message: "This token is not this customer's."}
		}
		a.tokenHash = hash(raw)
		return fn(w, r, &a)
	}
}

func (s *Server) finhubEndSession(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
	err := s.st.inTx(r.Context(), func(t *tx) error {
		_, err := t.exec("DELETE FROM finhub_sessions WHERE token_hash = ?", a.tokenHash)
		return err
	})
	if err != nil {
		return err
	}
	finhubOK(w, "Session ended", nil)
	return nil
}
