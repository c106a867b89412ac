package sandbox

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// principal is who a request's token says it comes from.
type principal struct {
	kind    string // "consumer" or "partner"
	subject string // consumer id, or the partner user
	partner string
}

func (p *principal) isPartner() bool { return p != nil && p.kind == "partner" }

type claims struct {
	Kind    string `json:"typ"`
	Partner string `json:"ptn"`
	jwt.RegisteredClaims
}

// issueTokens signs an access token and stores a fresh refresh token.
func (s *Server) issueTokens(t *tx, p principal) (map[string]any, error) {
	c := claims{Kind: p.kind, Partner: p.partner, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   p.subject,
		Issuer:    "onboard-sandbox",
		IssuedAt:  jwt.NewNumericDate(t.now),
		ExpiresAt: jwt.NewNumericDate(t.now.Add(s.opts.AccessTTL)),
		ID:        newID(),
	}}
	access, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.key)
	if err != nil {
		return nil, err
	}
	refresh := newToken()
	if _, err := t.exec(`INSERT INTO refresh_tokens (token_hash, subject, kind, partner, expires_at) VALUES (?, ?, ?, ?, ?)`,
		hash(refresh), p.subject, p.kind, p.partner, unix(t.now.Add(DefaultRefreshTTL))); err != nil {
		return nil, err
	}
	out := map[string]any{"token": access, "refreshToken": refresh}
	if p.kind == "consumer" {
		out["endUserId"] = p.subject
	}
	return out, nil
}

// authenticate reads the bearer token. It returns (nil, nil) for a request
// without one, and a 401 for a bad or expired one.
func (s *Server) authenticate(r *http.Request) (*principal, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, nil
	}
	raw, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return nil, newErr(http.StatusUnauthorized, codeInvalidToken, "Authorization must be \"Bearer <token>\".")
	}
	raw = strings.TrimSpace(raw)
	if p, ok := s.tokens.get(raw, s.opts.Now()); ok {
		return &p, nil
	}
	var c claims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return s.key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(s.opts.Now), jwt.WithExpirationRequired())
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, newErr(http.StatusUnauthorized, codeTokenExpired, "The access token has expired; refresh it or log in again.")
	case err != nil:
		return nil, newErr(http.StatusUnauthorized, codeInvalidToken, "The access token is not valid.")
	}
	if c.Kind != "consumer" && c.Kind != "partner" {
		return nil, newErr(http.StatusUnauthorized, codeInvalidToken, "The access token is not valid.")
	}
	p := principal{kind: c.Kind, subject: c.Subject, partner: c.Partner}
	s.tokens.put(raw, p, c.ExpiresAt.Time) // WithExpirationRequired: never nil here
	return &p, nil
}

// requireAuth is authenticate for endpoints that need a token.
func (s *Server) requireAuth(r *http.Request) (*principal, error) {
	p, err := s.authenticate(r)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, newErr(http.StatusUnauthorized, codeInvalidToken, "This endpoint needs an access token.")
	}
	return p, nil
}

// targetConsumer resolves which consumer a call acts on: a consumer token
// acts on itself (the body's consumerId is ignored, as LinkCy does); a
// partner token must name one of its own consumers.
func (s *Server) targetConsumer(t *tx, p *principal, consumerID string) (*consumerRow, error) {
	if !p.isPartner() {
		consumerID = p.subject
	} else if consumerID == "" {
		return nil, fieldErr(codePersonIDRequired, "consumerId", nil, "consumerId is required when calling as a partner.")
	}
	c, err := t.consumer("id = ?", consumerID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && p.isPartner() && c.Partner != p.partner) {
		return nil, newErr(http.StatusNotFound, codeUserNotFound, "No consumer with this id.")
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// canRead says whether p may see consumer c. A consumer sees itself; a
// partner sees its own consumers. Others get 403 (consumer) or 404 (partner).
func canRead(p *principal, c *consumerRow) error {
	switch {
	case p.isPartner() && c.Partner == p.partner:
		return nil
	case p.isPartner():
		return newErr(http.StatusNotFound, codeUserNotFound, "No consumer with this id.")
	case p.subject == c.ID:
		return nil
	}
	return newErr(http.StatusForbidden, codeForbidden, "This token may not access another consumer.")
}

func retryIn(d time.Duration) time.Duration {
	if d < time.Second {
		return time.Second
	}
	return d
}

// authedBody starts a LinkCy call that needs a token and has a body: who
// the token says is calling, then the body (decode's checks) as a T.
func authedBody[T any](s *Server, r *http.Request) (*principal, T, error) {
	var in T
	p, err := s.requireAuth(r)
	if err != nil {
		return nil, in, err
	}
	if err := decode(r, &in); err != nil {
		return nil, in, err
	}
	return p, in, nil
}
