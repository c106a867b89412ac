// Package api holds what every provider client shares: the configuration a
// client is built from, the one error type (*Error) with its sentinels, the
// sanitizer for server text, and the password policy. Provider clients live
// in sub-packages (api/linkcy, …); the embedded sandbox in api/sandbox.
//
// Data flows one way: tui → flow → a provider client → HTTP. This package
// imports neither flow nor tui.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Config is what a provider client is built from. Only BaseURL is required.
type Config struct {
	// BaseURL is the provider's API root, e.g. "https://api.sandbox.linkcy.cloud/"
	// or a running sandbox's "http://127.0.0.1:7878/linkcy/".
	BaseURL string
	// HTTPClient carries every request. Share one per run so that a single
	// keep-alive connection serves the whole onboarding. Nil means a client
	// with DefaultTimeout.
	HTTPClient *http.Client
	// UserAgent is sent on every request; "onboard/<version>" when empty.
	UserAgent string
	// Version is used to build the default UserAgent.
	Version string
	// Logger receives one debug line per attempt, with secrets redacted.
	// Nil discards. Never point it at the terminal the wizard draws on.
	Logger *slog.Logger
	// MaxRetries bounds automatic retries of idempotent requests; 0 means
	// the default (2), a negative value disables retries.
	MaxRetries int
	// Sleep waits between retries; tests replace it. Nil means a timer
	// that stops early when ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error
	// Sandbox says the server is a sandbox (the embedded one or a
	// provider's), which enables sandbox-only headers such as LinkCy's
	// "Linkcy-SCA-Strategy: BY_PASS".
	Sandbox bool
}

// DefaultTimeout bounds one HTTP request when Config.HTTPClient is nil.
const DefaultTimeout = 30 * time.Second

// UserAgentFor returns the User-Agent a client built from c sends.
func (c Config) UserAgentFor() string {
	if c.UserAgent != "" {
		return c.UserAgent
	}
	v := c.Version
	if v == "" {
		v = "dev"
	}
	return "onboard/" + v
}
