package linkcy_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// sca202 is a server that answers every call with LinkCy's 202 "Waiting SCA"
// and fails the test if a non-sandbox client sends the BY_PASS header.
func sca202(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Linkcy-SCA-Strategy") != "" {
			t.Errorf("a non-sandbox client sent Linkcy-SCA-Strategy: %s", r.Header.Get("Linkcy-SCA-Strategy"))
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write([]byte(`{"id":"5f0c6e0e-4b8a-4c55-9a51-2f8d0e3b6a11"}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
