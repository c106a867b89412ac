package sandbox

import (
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// DefaultBodyTimeout is how long a request body may take to arrive.
const DefaultBodyTimeout = 15 * time.Second

// withBodyDeadline bounds the time r's body may take to arrive to
// Options.BodyTimeout, so a body that trickles in cannot hold a connection
// and a handler forever: a read past it fails, and decode answers 408.
// Headers are bounded by the http.Server's ReadHeaderTimeout.
//
// The deadline is the connection's, set per request rather than with
// http.Server.ReadTimeout, and lifted once the body has been read: a
// ReadTimeout would also end requests without a body that are held on
// purpose (GET /sandbox/outbox?wait=… holds one up to MaxOutboxWait), as
// net/http cancels a request's context when the connection's read
// deadline passes. Every http.Server that serves the sandbox (onboard
// sandbox, the embedded one, tests) gets it this way. A ResponseWriter
// that cannot set deadlines (a test recorder) leaves the body unbounded.
func (s *Server) withBodyDeadline(w http.ResponseWriter, r *http.Request) *http.Request {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return r
	}
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Now().Add(s.opts.BodyTimeout)); err != nil {
		return r
	}
	r.Body = &deadlineBody{ReadCloser: r.Body, rc: rc}
	return r
}

// deadlineBody lifts the connection's read deadline when the body has
// all arrived, so that the rest of the request is not cut short. A body
// that failed (the deadline passed) keeps it: net/http then gives up
// reading what is left of it at once, instead of draining a trickle, and
// closes the connection after the answer.
type deadlineBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	once sync.Once
}

// Read reads the body, lifting the deadline at its end.
func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) {
		b.once.Do(func() { _ = b.rc.SetReadDeadline(time.Time{}) })
	}
	return n, err //nolint:wrapcheck // io.EOF must reach the reader as it is
}
