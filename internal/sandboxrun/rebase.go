package sandboxrun

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// outboxPath is where the sandbox phone reads the messages (and the links
// in them) the sandbox sent.
const outboxPath = "/sandbox/outbox"

// rebased serves h with the outbox's links rewritten from the embedded
// sandbox's earlier addresses to base: a link issued by an earlier run
// (on a port now taken by something else) is shown with an address that
// opens it. The links' paths hold their tokens, so only the address
// changes. With no earlier address, h is served as it is.
func rebased(h http.Handler, base string, earlier []string) http.Handler {
	if len(earlier) == 0 {
		return h
	}
	pairs := make([]string, 0, 2*len(earlier))
	for _, old := range earlier {
		pairs = append(pairs, old+"/sandbox/", base+"/sandbox/")
	}
	rewrite := strings.NewReplacer(pairs...)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != outboxPath {
			h.ServeHTTP(w, r)
			return
		}
		rec := &recordedResponse{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		body := rewrite.Replace(rec.body.String())
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.status)
		_, _ = w.Write([]byte(body))
	})
}

// recordedResponse keeps an answer whole, to be rewritten.
type recordedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recordedResponse) Header() http.Header         { return r.header }
func (r *recordedResponse) WriteHeader(status int)      { r.status = status }
func (r *recordedResponse) Write(b []byte) (int, error) { return r.body.Write(b) }
