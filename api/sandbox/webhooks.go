package sandbox

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The partner's webhooks follow the Standard Webhooks specification
// (https://www.standardwebhooks.com): each attempt is a POST of the event's
// JSON with the headers webhook-id (the event's id, the same on every
// attempt), webhook-timestamp (Unix seconds) and webhook-signature
// ("v1,<base64 HMAC-SHA256 of id.timestamp.body>", keyed with the base64
// after the endpoint secret's "whsec_"). A partner verifies them with any
// Standard Webhooks library; the tests use Svix's.

// DefaultWebhookSchedule is the wait before each retry of a delivery that
// failed (a non-2xx answer, or none in WebhookTimeout): exponential, as
// Svix's, given up after the last.
var DefaultWebhookSchedule = []time.Duration{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour}

// WebhookTimeout bounds one delivery attempt.
const WebhookTimeout = 10 * time.Second

// NewWebhookSecret returns a fresh Standard Webhooks signing secret.
func NewWebhookSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// signWebhook is the webhook-signature header of body sent as id at ts.
func signWebhook(secret, id string, ts time.Time, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return "", errors.New("sandbox: the webhook secret is not whsec_ followed by base64")
	}
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%s.%d.%s", id, ts.Unix(), body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// checkWebhookURL says what is wrong with an endpoint URL, or nil.
func checkWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(raw) > 2000 {
		return fmt.Errorf("webhook URL %q: give an absolute http:// or https:// URL", raw)
	}
	return nil
}

// checkWebhookSecret says what is wrong with a signing secret, or nil.
func checkWebhookSecret(secret string) error {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if !strings.HasPrefix(secret, "whsec_") || err != nil || len(key) < 16 {
		return errors.New("a webhook secret is whsec_ followed by at least 16 bytes in base64 (leave it out and the sandbox makes one)")
	}
	return nil
}

// webhookSecret returns the sandbox's signing secret for the endpoints
// given at start: given, else the one stored in the database, else a new
// one stored there (made reports that), so that every process of a
// shared sandbox signs alike.
func (s *store) webhookSecret(ctx context.Context, given string) (secret string, made bool, err error) {
	if given != "" {
		return given, false, checkWebhookSecret(given)
	}
	err = s.inTx(ctx, func(t *tx) error {
		var v []byte
		err := t.row("SELECT value FROM meta WHERE key = 'webhook_secret'").Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			secret, made = NewWebhookSecret(), true
			_, err = t.exec("INSERT INTO meta (key, value) VALUES ('webhook_secret', ?)", []byte(secret))
			return err
		}
		secret = string(v)
		return err
	})
	if err != nil {
		return "", false, fmt.Errorf("sandbox: the webhook secret: %w", err)
	}
	return secret, made, nil
}

// addEndpoint registers url with secret; an endpoint already there keeps
// its id and takes the secret. It returns the endpoint's id.
func (s *store) addEndpoint(ctx context.Context, rawURL, secret string) (string, error) {
	id := "ep_" + newToken()[:16]
	err := s.inTx(ctx, func(t *tx) error {
		return t.row(`INSERT INTO webhook_endpoints (id, url, secret, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET secret = excluded.secret RETURNING id`, id, rawURL, secret, unix(t.now)).Scan(&id)
	})
	if err != nil {
		return "", fmt.Errorf("sandbox: registering a webhook endpoint: %w", err)
	}
	return id, nil
}

// startWebhooks registers the endpoints of Options and returns the secret
// they sign with when this start made it (to be shown once), else "".
func (s *Server) startWebhooks(ctx context.Context) (string, error) {
	if len(s.opts.Webhooks) == 0 {
		return "", nil
	}
	secret, made, err := s.st.webhookSecret(ctx, s.opts.WebhookSecret)
	if err != nil {
		return "", err
	}
	for _, u := range s.opts.Webhooks {
		if err := checkWebhookURL(u); err != nil {
			return "", fmt.Errorf("sandbox: %w", err)
		}
		if _, err := s.st.addEndpoint(ctx, u, secret); err != nil {
			return "", err
		}
	}
	if made {
		return secret, nil
	}
	return "", nil
}

// retryAfter is the wait before the attempt after attempts failed ones,
// and false once the schedule is spent.
func (s *Server) retryAfter(attempts int) (time.Duration, bool) {
	sched := s.opts.WebhookSchedule
	if attempts-1 >= len(sched) {
		return 0, false
	}
	return sched[attempts-1], true
}

// ParseWebhookSchedule reads a retry schedule written as durations
// separated by commas ("5s,5m,30m").
func ParseWebhookSchedule(text string) ([]time.Duration, error) {
	var out []time.Duration
	for i, f := range strings.Split(text, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil || d < 0 {
			return nil, fmt.Errorf("retry %s of %q is not a duration like 5s or 2m", strconv.Itoa(i+1), text)
		}
		out = append(out, d)
	}
	return out, nil
}

// hasEndpoints reports whether any webhook endpoint is registered.
func (s *store) hasEndpoints(ctx context.Context) (bool, error) {
	var has bool
	err := s.read(ctx, func(t *tx) error {
		return t.row("SELECT EXISTS (SELECT 1 FROM webhook_endpoints)").Scan(&has)
	})
	if err != nil {
		return false, fmt.Errorf("sandbox: reading the webhook endpoints: %w", err)
	}
	return has, nil
}
