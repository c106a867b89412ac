// Package connect is how a run reaches its provider: the one HTTP
// client, the connection a provider is made from (api.Connection), the key
// its progress file is kept under, this machine's address towards it,
// --debug's log, and the provider made from its descriptor (made.go).
package connect

import (
	"cmp"
	"crypto/tls"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/internal/config"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// NewHTTPClient is the one client of a run: one keep-alive connection
// serves the whole run. HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured
// (loopback, so the embedded sandbox, never goes through a proxy).
func NewHTTPClient() *http.Client {
	return &http.Client{Timeout: api.DefaultTimeout, Transport: &http.Transport{
		Proxy: http.ProxyFromEnvironment, MaxIdleConnsPerHost: 2, IdleConnTimeout: 90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second, ForceAttemptHTTP2: true,
		TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12},
	}}
}

// Connection is what the provider is made from: the settings, and where
// the API is. The embedded sandbox's LinkCy partner is its own, whatever
// the settings name.
func Connection(s config.Settings, apiURL, sandboxBase string, embedded bool, hc *http.Client, debugLog *slog.Logger, everyStep bool, version string) api.Connection {
	partner := s.Partner.Value
	if embedded {
		partner = ""
	}
	return api.Connection{
		Config: api.Config{BaseURL: apiURL, HTTPClient: hc, Version: version, Logger: debugLog,
			Sandbox: sandboxBase != "" || strings.Contains(apiURL, "sandbox")},
		SandboxBase: sandboxBase, Embedded: embedded, Partner: partner,
		APIKey: s.APIKey.Value, APISecret: s.APISecret.Value, ProfileID: s.ProfileID.Value, KYCPage: s.KYCPage.Value,
		TenantID: s.TenantID.Value, EveryStep: everyStep,
		LocalAddress: func() string { return LocalAddressTowards(apiURL) },
	}
}

// ProgressKey names the endpoint a progress file belongs to: the API, and
// the partner, profile and tenant that select a place in it ("embedded"
// for the embedded sandbox). A key with no profile or tenant is the API
// and partner alone, as it always was, so saved progress still resumes.
func ProgressKey(s config.Settings, apiURL string, embedded bool) string {
	if embedded {
		return "embedded"
	}
	key := apiURL + "|" + s.Partner.Value
	if s.ProfileID.Value != "" || s.TenantID.Value != "" {
		key += "|" + s.ProfileID.Value + "|" + s.TenantID.Value
	}
	return key
}

// HostOf is the host of a URL, "" for none.
func HostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// LocalAddressTowards is this machine's address on the route to apiURL's
// host (a UDP "connection" sends nothing), or 127.0.0.1 when unknown.
func LocalAddressTowards(apiURL string) string {
	u, err := url.Parse(apiURL)
	if err != nil || u.Hostname() == "" {
		return "127.0.0.1"
	}
	port := cmp.Or(u.Port(), map[bool]string{true: "443", false: "80"}[u.Scheme == "https"])
	conn, err := net.Dial("udp", net.JoinHostPort(u.Hostname(), port))
	if err != nil {
		return "127.0.0.1"
	}
	defer conn.Close()
	if a, ok := conn.LocalAddr().(*net.UDPAddr); ok {
		return a.IP.String()
	}
	return "127.0.0.1"
}

// OpenDebugLog opens --debug FILE (0600); secrets are redacted upstream.
func OpenDebugLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return nil, func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, i18n.Errorf("opening the debug log: %v", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, i18n.Errorf("opening the debug log: %v", err)
	}
	return slog.New(slog.NewJSONHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { f.Close() }, nil
}
