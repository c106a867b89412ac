// Package rest is the one HTTP layer under every provider client: request
// building against a base URL, JSON bodies with size limits, the retry
// policy, and the redacting debug log. Provider clients supply only what
// differs: how to turn a response into an *api.Error.
package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// MaxBodySize bounds every response body the layer reads.
const MaxBodySize = 1 << 20

// Response is what a CheckFunc sees of an HTTP answer: never an open body.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// CheckFunc turns a response into nil (success) or an error, usually an
// *api.Error carrying the provider's code. It is called for every status,
// 2xx included, because some providers report failures with a 2xx.
type CheckFunc func(op string, r *Response) error

// Client sends requests to one provider.
type Client struct {
	provider   string
	base       *url.URL
	http       *http.Client
	userAgent  string
	log        *slog.Logger
	check      CheckFunc
	maxRetries int
	sleep      func(context.Context, time.Duration) error
	jitter     func(time.Duration) time.Duration
}

// New builds a Client for provider from cfg. The base URL is normalised to
// end in "/" so that relative paths resolve below it.
func New(provider string, cfg api.Config, check CheckFunc) (*Client, error) {
	if cfg.BaseURL == "" {
		return nil, fmt.Errorf("%s: no API URL given", provider)
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("%s: API URL %q is not an absolute http(s) URL", provider, cfg.BaseURL)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%s: API URL scheme %q is not http or https", provider, u.Scheme)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: api.DefaultTimeout}
	}
	lg := cfg.Logger
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	retries := cfg.MaxRetries
	switch {
	case retries == 0:
		retries = 2
	case retries < 0:
		retries = 0
	}
	sleep := cfg.Sleep
	if sleep == nil {
		sleep = Sleep
	}
	return &Client{
		provider:   provider,
		base:       u,
		http:       hc,
		userAgent:  cfg.UserAgentFor(),
		log:        lg.With("provider", provider),
		check:      check,
		maxRetries: retries,
		sleep:      sleep,
		jitter:     fullJitter,
	}, nil
}

// BaseURL returns the normalised base URL.
func (c *Client) BaseURL() string { return c.base.String() }

// Request describes one API call.
type Request struct {
	Method string
	// Path is relative to the base URL, with ids already escaped
	// (use PathEscape); a leading "/" is not allowed.
	Path string
	// Op names the call in errors and logs: method plus path template.
	Op     string
	Query  url.Values
	Body   any // encoded as JSON once; nil for no body
	Token  string
	Header http.Header
	// Retry selects the retry rule; see Retry.
	Retry Retry
}

// Retry is a request's retry rule. The default follows the method: GET and
// HEAD are retried, everything else is sent once.
type Retry int

const (
	// RetryAuto retries GET and HEAD only.
	RetryAuto Retry = iota
	// RetryNever sends once, whatever the method (code checks, token refresh).
	RetryNever
	// RetrySafe retries a non-GET request that the provider deduplicates
	// (an idempotency key sent with the same value on every attempt).
	RetrySafe
)

func (r Request) retryable() bool {
	switch r.Retry {
	case RetryNever:
		return false
	case RetrySafe:
		return true
	}
	return r.Method == http.MethodGet || r.Method == http.MethodHead
}

// PathEscape escapes one path segment.
func PathEscape(s string) string { return url.PathEscape(s) }

// Do sends req, retrying as its rule allows, and decodes a successful JSON
// answer into out (which may be nil). Every failure is an *api.Error, or
// ctx.Err() when the context ended.
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	if strings.HasPrefix(req.Path, "/") || strings.Contains(req.Path, "..") {
		return fmt.Errorf("%s: %s: path %q must be relative to the base URL", c.provider, req.Op, req.Path)
	}
	u, err := c.base.Parse(req.Path)
	if err != nil {
		return fmt.Errorf("%s: %s: bad path: %w", c.provider, req.Op, err)
	}
	if len(req.Query) > 0 {
		u.RawQuery = req.Query.Encode()
	}
	var body []byte
	if req.Body != nil {
		if body, err = json.Marshal(req.Body); err != nil {
			return fmt.Errorf("%s: %s: encoding the request: %w", c.provider, req.Op, err)
		}
	}
	retries := 0
	if req.retryable() {
		retries = c.maxRetries
	}
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		resp, err := c.attempt(ctx, req, u, body, attempt)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait, again := c.shouldRetry(resp, err)
		if !again || attempt >= retries {
			if err != nil {
				return &api.Error{Provider: c.provider, Op: req.Op, Kind: api.KindUnavailable, Err: err}
			}
			return c.finish(req, resp, out)
		}
		if wait == 0 {
			wait = c.jitter(backoff(attempt))
		}
		c.log.Debug("retrying", "op", req.Op, "attempt", attempt+1, "wait", wait)
		if err := c.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

func (c *Client) finish(req Request, resp *Response, out any) error {
	if c.check != nil {
		if err := c.check(req.Op, resp); err != nil {
			return err
		}
	} else if resp.Status < 200 || resp.Status > 299 {
		return &api.Error{Provider: c.provider, Op: req.Op, Status: resp.Status, Kind: KindForStatus(resp.Status)}
	}
	if out == nil || len(bytes.TrimSpace(resp.Body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &api.Error{Provider: c.provider, Op: req.Op, Status: resp.Status, Kind: api.KindUnavailable,
			Message: "the answer was not the JSON expected", Err: fmt.Errorf("decoding the answer: %w", err)}
	}
	return nil
}

// attempt sends one request and reads its whole (limited) body.
func (c *Client) attempt(ctx context.Context, req Request, u *url.URL, body []byte, n int) (*Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u.String(), rd)
	if err != nil {
		return nil, fmt.Errorf("building the request: %w", err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
		hr.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	hr.Header.Set("Accept", "application/json")
	hr.Header.Set("User-Agent", c.userAgent)
	for k, vs := range req.Header {
		for _, v := range vs {
			hr.Header.Add(k, v)
		}
	}
	if req.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.Token)
	}
	start := time.Now()
	hresp, err := c.http.Do(hr)
	if err != nil {
		err = sanitizeURLError(err)
		c.log.Debug("request failed", "op", req.Op, "attempt", n+1, "duration", time.Since(start), "error", err.Error())
		return nil, err
	}
	defer hresp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hresp.Body, MaxBodySize+1))
	if err != nil {
		c.log.Debug("reading the answer failed", "op", req.Op, "status", hresp.StatusCode, "error", err.Error())
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if len(data) > MaxBodySize {
		return nil, fmt.Errorf("the answer is larger than %d bytes", MaxBodySize)
	}
	resp := &Response{Status: hresp.StatusCode, Header: hresp.Header, Body: data}
	c.logAttempt(req, resp, body, n, time.Since(start))
	return resp, nil
}

func (c *Client) logAttempt(req Request, resp *Response, reqBody []byte, n int, d time.Duration) {
	if !c.log.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	attrs := []any{"op", req.Op, "status", resp.Status, "attempt", n + 1, "duration", d.Round(time.Microsecond)}
	if id := requestID(resp.Header); id != "" {
		attrs = append(attrs, "request_id", id)
	}
	if reqBody != nil {
		attrs = append(attrs, "request", RedactJSON(reqBody))
	}
	if len(resp.Body) > 0 {
		attrs = append(attrs, "response", RedactJSON(resp.Body))
	}
	c.log.Debug("http", attrs...)
}

func requestID(h http.Header) string {
	for _, k := range []string{"Request-Id", "X-Request-Id", "Request-Ref"} {
		if v := h.Get(k); v != "" {
			return api.SanitizeLine(v)
		}
	}
	return ""
}

// sanitizeURLError drops the query string from a *url.Error, which may
// carry tokens, and keeps the cause.
func sanitizeURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery = ""
			u.User = nil
			return &url.Error{Op: ue.Op, URL: u.String(), Err: ue.Err}
		}
	}
	return err
}

// KindForStatus is the default classification of an HTTP status.
func KindForStatus(status int) api.Kind {
	switch {
	case status == http.StatusAccepted:
		return api.KindSCAPending
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return api.KindInvalid
	case status == http.StatusUnauthorized:
		return api.KindUnauthorized
	case status == http.StatusForbidden:
		return api.KindForbidden
	case status == http.StatusNotFound || status == http.StatusGone:
		return api.KindNotFound
	case status == http.StatusConflict:
		return api.KindConflict
	case status == http.StatusLocked:
		return api.KindTooManyAttempts
	case status == http.StatusTooManyRequests:
		return api.KindRateLimited
	case status >= 500:
		return api.KindUnavailable
	}
	return api.KindUnknown
}
