package rest

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// recorder replaces the sleep between attempts.
type recorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (r *recorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	r.waits = append(r.waits, d)
	r.mu.Unlock()
	return ctx.Err()
}

func setup(t *testing.T, h http.HandlerFunc, logs *bytes.Buffer) (*Client, *recorder) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	rec := &recorder{}
	cfg := api.Config{BaseURL: srv.URL + "/base", Sleep: rec.sleep, Version: "1.2.3"}
	if logs != nil {
		cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	c, err := New("test", cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func TestRetryRules(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		retry     Retry
		answers   []int
		header    http.Header
		wantHits  int
		wantKind  api.Kind
		wantWaits []time.Duration // nil: any jittered backoff
	}{
		{"GET 503 then 200", "GET", RetryAuto, []int{503, 200}, nil, 2, api.KindUnknown, nil},
		{"GET gives up after 3 attempts", "GET", RetryAuto, []int{502, 502, 502, 200}, nil, 3, api.KindUnavailable, nil},
		{"POST 503 is sent once", "POST", RetryAuto, []int{503, 200}, nil, 1, api.KindUnavailable, nil},
		{"POST opted in retries", "POST", RetrySafe, []int{503, 200}, nil, 2, api.KindUnknown, nil},
		{"GET never retry", "GET", RetryNever, []int{503, 200}, nil, 1, api.KindUnavailable, nil},
		{"429 Retry-After 2 waits 2 s", "GET", RetryAuto, []int{429, 200}, http.Header{"Retry-After": {"2"}}, 2, api.KindUnknown, []time.Duration{2 * time.Second}},
		{"429 Retry-After 3600 returns at once", "GET", RetryAuto, []int{429, 200}, http.Header{"Retry-After": {"3600"}}, 1, api.KindRateLimited, []time.Duration{}},
		{"400 is never retried", "GET", RetryAuto, []int{400, 200}, nil, 1, api.KindInvalid, []time.Duration{}},
		{"409 is never retried", "GET", RetryAuto, []int{409, 200}, nil, 1, api.KindConflict, []time.Duration{}},
		{"501 is not retried", "GET", RetryAuto, []int{501, 200}, nil, 1, api.KindUnavailable, []time.Duration{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			hits := 0
			c, rec := setup(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n := hits
				hits++
				mu.Unlock()
				for k, v := range tt.header {
					w.Header()[k] = v
				}
				w.WriteHeader(tt.answers[n])
				_, _ = w.Write([]byte(`{"ok":true}`))
			}, nil)
			var out struct{ OK bool }
			err := c.Do(context.Background(), Request{Method: tt.method, Path: "thing", Op: tt.method + " /thing", Retry: tt.retry}, &out)
			if hits != tt.wantHits {
				t.Fatalf("hits = %d, want %d", hits, tt.wantHits)
			}
			if tt.wantKind == api.KindUnknown {
				if err != nil || !out.OK {
					t.Fatalf("err = %v, out = %+v; want success", err, out)
				}
			} else {
				e, ok := api.AsError(err)
				if !ok || e.Kind != tt.wantKind {
					t.Fatalf("err = %#v, want kind %v", err, tt.wantKind)
				}
				if tt.wantKind == api.KindRateLimited && !errors.Is(err, api.ErrRateLimited) {
					t.Fatal("errors.Is(err, ErrRateLimited) is false")
				}
			}
			if tt.wantWaits != nil && len(rec.waits) != len(tt.wantWaits) {
				t.Fatalf("waits = %v, want %v", rec.waits, tt.wantWaits)
			}
			for i, w := range tt.wantWaits {
				if rec.waits[i] != w {
					t.Fatalf("wait %d = %v, want %v", i, rec.waits[i], w)
				}
			}
			for _, w := range rec.waits {
				if w <= 0 || w > MaxRetryWait {
					t.Fatalf("wait %v outside (0, %v]", w, MaxRetryWait)
				}
			}
		})
	}
}

func TestTransportErrorRetriesOnlyIdempotent(t *testing.T) {
	var hits atomic.Int32
	c, _ := setup(t, func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		panic(http.ErrAbortHandler) // the connection drops with no answer
	}, nil)
	err := c.Do(context.Background(), Request{Method: "POST", Path: "consumers", Op: "POST /consumers", Body: map[string]string{"a": "b"}}, nil)
	if !errors.Is(err, api.ErrUnavailable) || hits.Load() != 1 {
		t.Fatalf("POST on a dropped connection: err %v, hits %d; want ErrUnavailable and 1 hit", err, hits.Load())
	}
	hits.Store(0)
	err = c.Do(context.Background(), Request{Method: "GET", Path: "consumers", Op: "GET /consumers"}, nil)
	if !errors.Is(err, api.ErrUnavailable) || hits.Load() < 3 {
		t.Fatalf("GET on a dropped connection: err %v, hits %d; want ErrUnavailable after 3 attempts", err, hits.Load())
	}
}

func TestCancelDuringWaitReturnsAtOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	c, err := New("test", api.Config{BaseURL: srv.URL, Sleep: func(ctx context.Context, d time.Duration) error {
		cancel()
		return Sleep(ctx, time.Hour)
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Do(ctx, Request{Method: "GET", Path: "x", Op: "GET /x"}, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestWireEdgeCases(t *testing.T) {
	tests := []struct {
		name   string
		status int
		ctype  string
		body   string
		kind   api.Kind
	}{
		{"HTML 502 from a proxy", 502, "text/html", "<html><body>Bad Gateway</body></html>", api.KindUnavailable},
		{"empty 404", 404, "", "", api.KindNotFound},
		{"truncated JSON on 200", 200, "application/json", `{"id": "abc`, api.KindUnavailable},
		{"body over the limit", 200, "application/json", `{"x":"` + strings.Repeat("a", MaxBodySize) + `"}`, api.KindUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := setup(t, func(w http.ResponseWriter, _ *http.Request) {
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}, nil)
			var out map[string]any
			err := c.Do(context.Background(), Request{Method: "POST", Path: "x", Op: "POST /x"}, &out)
			e, ok := api.AsError(err)
			if !ok || e.Kind != tt.kind {
				t.Fatalf("err = %v, want kind %v", err, tt.kind)
			}
			if strings.Contains(err.Error(), "<html") || len(err.Error()) > 200 {
				t.Fatalf("error text leaks the body: %q", err.Error())
			}
		})
	}
}

func TestRequestShape(t *testing.T) {
	var got *http.Request
	var body []byte
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		body = make([]byte, r.ContentLength)
		_, _ = r.Body.Read(body)
		w.WriteHeader(204)
	}, nil)
	err := c.Do(context.Background(), Request{Method: "POST", Path: "api/x/" + PathEscape("a b/c"), Op: "POST /api/x/{id}",
		Body: map[string]int{"n": 1}, Token: "tok"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL.EscapedPath() != "/base/api/x/a%20b%2Fc" {
		t.Errorf("path = %s: the base path must be kept and ids escaped", got.URL.EscapedPath())
	}
	if got.Header.Get("User-Agent") != "onboard/1.2.3" || got.Header.Get("Authorization") != "Bearer tok" ||
		got.Header.Get("Content-Type") != "application/json" || string(body) != `{"n":1}` {
		t.Errorf("headers %v body %s", got.Header, body)
	}
	if err := c.Do(context.Background(), Request{Method: "GET", Path: "/abs", Op: "GET /abs"}, nil); err == nil {
		t.Error("an absolute path was accepted")
	}
}

func TestDebugLogRedacts(t *testing.T) {
	var logs bytes.Buffer
	c, _ := setup(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"token":"canary-access","refreshToken":"canary-refresh","endUserId":"u1"}`))
	}, &logs)
	body := map[string]any{"password": "canary-password", "newPassword": "canary-new", "passwordChangeSecret": "canary-secret",
		"code": "canary-code", "nested": map[string]any{"password": map[string]string{"value": "canary-weavr"}}, "phone": "336"}
	err := c.Do(context.Background(), Request{Method: "POST", Path: "login", Op: "POST /login", Body: body, Token: "canary-bearer"}, &map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	log := logs.String()
	if !strings.Contains(log, "POST /login") || !strings.Contains(log, "336") {
		t.Fatalf("the debug log misses the call: %s", log)
	}
	for _, canary := range []string{"canary-access", "canary-refresh", "canary-password", "canary-new", "canary-secret", "canary-code", "canary-weavr", "canary-bearer"} {
		if strings.Contains(log, canary) {
			t.Errorf("the debug log holds %s:\n%s", canary, log)
		}
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		h    http.Header
		want time.Duration
		ok   bool
	}{
		{http.Header{"Retry-After": {"7"}}, 7 * time.Second, true},
		{http.Header{"Retry-After": {now.Add(90 * time.Second).Format(http.TimeFormat)}}, 90 * time.Second, true},
		{http.Header{"Retry-After": {now.Add(-time.Hour).Format(http.TimeFormat)}}, 0, true},
		{http.Header{"Retry-After": {"-3"}}, 0, false},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{"X-Ratelimit-Reset": {"12"}}, 12 * time.Second, true},
		{http.Header{}, 0, false},
	}
	for _, tt := range tests {
		got, ok := RetryAfter(tt.h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RetryAfter(%v) = %v, %v; want %v, %v", tt.h, got, ok, tt.want, tt.ok)
		}
	}
}
