package fuzz

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/linkcy"
)

// clean fails t when s holds a character that must not reach a terminal.
func clean(t *testing.T, what, s string) {
	t.Helper()
	if strings.IndexFunc(s, func(r rune) bool { return r == '\x1b' || unicode.IsControl(r) }) >= 0 {
		t.Fatalf("%s holds a control character: %q", what, s)
	}
}

// answer is what the fuzzed server says next.
type answer struct {
	mu               sync.Mutex
	status           int
	body, retryAfter string
}

func (a *answer) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.retryAfter != "" {
		w.Header().Set("Retry-After", a.retryAfter)
		w.Header().Set("Request-Id", a.retryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.status)
	_, _ = w.Write([]byte(a.body))
}

// FuzzDecode: whatever LinkCy answers (any status, any body, any
// Retry-After), the client neither panics nor lets a control character
// into an error or a consumer's snapshot, and only a 2xx succeeds.
func FuzzDecode(f *testing.F) {
	f.Add(400, `{"errorCode":"INVALID_PHONE","message":"bad","details":[{"field":"phone","message":"invalid"}]}`, "")
	f.Add(429, `{"message":"slow down"}`, "12")
	f.Add(503, "<html>oops</html>", "Wed, 21 Oct 2026 07:28:00 GMT")
	f.Add(200, `{"id":"c1","phone":{"countryCode":"+33","number":"612345678","phoneValidated":true},"email":{"emailAddress":"a@b.co"},"kycInfo":{"kycStatus":"VALIDATED"},"status":{"overallStatus":"ACTIVE"}}`, "")
	f.Add(200, "{\"id\":\"c\\u001b[31m1\",\"firstName\":\"\\u009b2J\\u202eAda\"}", "")
	f.Add(409, "{\"message\":\"\x1b[31mred\x1b[0m\",\"details\":[{\"field\":\"\\u001b]0;title\\u0007\"}]}", "")
	a := &answer{}
	srv := httptest.NewServer(a)
	f.Cleanup(srv.Close)
	// No retries: each input is one answer.
	c, err := linkcy.New(api.Config{BaseURL: srv.URL + "/", HTTPClient: srv.Client(), Sandbox: true, MaxRetries: -1})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body, retryAfter string) {
		if status < 200 || status > 599 || strings.ContainsAny(retryAfter, "\r\n\x00") || !validHeader(retryAfter) {
			return
		}
		a.mu.Lock()
		a.status, a.body, a.retryAfter = status, body, retryAfter
		a.mu.Unlock()
		cons, err := c.GetConsumer(context.Background(), "token", "c1")
		if ok := status >= 200 && status <= 299 && status != http.StatusAccepted; !ok && err == nil {
			t.Fatalf("status %d succeeded", status)
		}
		if e, isAPI := api.AsError(err); isAPI {
			clean(t, "the message", e.Message)
			clean(t, "the code", e.Code)
			clean(t, "the request id", e.RequestID)
			clean(t, "the error", e.Error())
			for _, fe := range e.Fields {
				clean(t, "a field", fe.Field+fe.Message)
			}
			if e.RetryAfter < 0 {
				t.Fatalf("a negative Retry-After: %v", e.RetryAfter)
			}
		}
		if err == nil && cons != nil {
			snap := linkcy.SnapshotOf(cons)
			for _, s := range []string{snap.ConsumerID, snap.ExternalID, snap.Phone, snap.FirstName, snap.LastName, snap.Email, string(snap.KYC)} {
				clean(t, "the snapshot", s)
			}
			for _, it := range snap.Statuses {
				clean(t, "a status", it.Name+it.Value)
			}
		}
	})
}

// validHeader reports whether net/http would send v as a header value.
func validHeader(v string) bool {
	for _, r := range v {
		if r < ' ' && r != '\t' || r == 0x7f || r > 0x7e {
			return false
		}
	}
	return true
}
