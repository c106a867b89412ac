package rest

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff numbers: 500 ms doubling, capped; a server's Retry-After is
// honoured when it is at most MaxRetryWait, and returned to the caller as an
// error otherwise (a person waits on this, so we never sleep for minutes).
const (
	baseBackoff  = 500 * time.Millisecond
	MaxRetryWait = 5 * time.Second
)

// shouldRetry decides whether an attempt's outcome is worth another try,
// and how long the server asked us to wait (0 when it did not say).
func (c *Client) shouldRetry(resp *Response, err error) (time.Duration, bool) {
	if err != nil {
		return 0, true // transport failure; the caller only asks for idempotent requests
	}
	switch resp.Status {
	case http.StatusTooManyRequests:
		wait, ok := RetryAfter(resp.Header, time.Now())
		if !ok {
			return 0, true
		}
		if wait > MaxRetryWait {
			return 0, false
		}
		return wait, true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		wait, _ := RetryAfter(resp.Header, time.Now())
		if wait > MaxRetryWait {
			wait = MaxRetryWait
		}
		return wait, true
	}
	return 0, false
}

func backoff(attempt int) time.Duration {
	d := baseBackoff << attempt
	if d > MaxRetryWait || d <= 0 {
		d = MaxRetryWait
	}
	return d
}

func fullJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(d))) + time.Millisecond
}

// RetryAfter reads Retry-After (seconds or an HTTP date) or, failing that,
// x-ratelimit-reset (seconds). A date in the past gives 0.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	for _, k := range []string{"Retry-After", "X-Ratelimit-Reset"} {
		v := strings.TrimSpace(h.Get(k))
		if v == "" {
			continue
		}
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
			if secs < 0 {
				return 0, false
			}
			if secs > 24*3600 {
				secs = 24 * 3600
			}
			return time.Duration(secs) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			d := t.Sub(now)
			if d < 0 {
				d = 0
			}
			return d, true
		}
	}
	return 0, false
}

// Sleep waits for d or until ctx is done, whichever comes first.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Pause waits before the next of a caller's own tries (attempt counts
// from 0): the layer's jittered backoff, with its sleeper.
func (c *Client) Pause(ctx context.Context, attempt int) error {
	return c.sleep(ctx, c.jitter(backoff(attempt)))
}
