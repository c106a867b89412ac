package rest

import (
	"strings"
	"testing"
)

// TestRedactLinks: a link in a logged body keeps its host and loses its
// path and query (a KYC page's token, an email link's), at any depth;
// other strings, and a bare host, are left as they are.
func TestRedactLinks(t *testing.T) {
	body := `{"url":"http://127.0.0.1:7878/sandbox/kyc/x7pKtoken","links":[{"href":"https://kyc.example/s?t=abc"}],"status":"CREATED","home":"https://bank.example/"}`
	got := RedactJSON([]byte(body))
	for _, leaked := range []string{"x7pKtoken", "t=abc"} {
		if strings.Contains(got, leaked) {
			t.Errorf("%q is in the log: %s", leaked, got)
		}
	}
	for _, kept := range []string{`"http://127.0.0.1:7878/[redacted]"`, `"https://kyc.example/[redacted]"`, `"status":"CREATED"`, `"home":"https://bank.example/"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("the log lacks %s: %s", kept, got)
		}
	}
}
