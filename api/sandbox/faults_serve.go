package sandbox

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// slowFor is how long a "slow" answer takes to trickle out.
const slowFor = time.Second

// SetFaults replaces the fault plan (the zero Faults stops injecting).
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

// FaultCounts returns how many of each fault were injected since the plan
// was last set, by kind (latency, 5xx, 429, reset, slow, lost).
func (s *Server) FaultCounts() map[string]int {
	_, c := s.faults.snapshot()
	return c
}

// faulty injects the fault plan into the provider APIs. It is the
// outermost handler, so that a reset or a lost answer reaches the
// connection itself.
func (s *Server) faulty(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/linkcy/") && !strings.HasPrefix(r.URL.Path, "/weavr/") && !strings.HasPrefix(r.URL.Path, "/finhub/") {
			next.ServeHTTP(w, r)
			return
		}
		delay, kind := s.faults.draw(r)
		if delay > 0 && !pause(r.Context(), delay) {
			return
		}
		if kind != faultNone {
			s.opts.Logger.Info("fault", "kind", kind, "method", r.Method, "route", route(r))
		}
		switch kind {
		case faultError:
			s.writeUnavailable(w, r, http.StatusServiceUnavailable, "The service is unavailable (a sandbox fault); try again.")
		case faultRateLimit:
			w.Header().Set("Retry-After", "1")
			s.writeUnavailable(w, r, http.StatusTooManyRequests, "Too many requests (a sandbox fault); try again in a second.")
		case faultReset:
			_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, MaxBodyBytes))
			hangUp(w)
		case faultLost:
			next.ServeHTTP(&bufferedWriter{header: http.Header{}}, r) // done, and the answer thrown away
			hangUp(w)
		case faultSlow:
			bw := &bufferedWriter{header: http.Header{}}
			next.ServeHTTP(bw, r)
			trickle(r.Context(), w, bw)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// writeUnavailable answers an injected 503 or 429 in the provider's shape.
func (s *Server) writeUnavailable(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if strings.HasPrefix(r.URL.Path, "/linkcy/") {
		code := "SERVICE_UNAVAILABLE"
		if status == http.StatusTooManyRequests {
			code = "TOO_MANY_REQUESTS"
		}
		writeError(w, newErr(status, code, "%s", msg), s.opts.Now())
		return
	}
	writeJSON(w, status, map[string]string{"message": msg})
}

// pause waits d, or less if the client goes away (then false).
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// hangUp closes the connection without an answer: a TCP reset where the
// connection can be taken over, else an aborted handler (which net/http
// turns into a closed connection or a reset HTTP/2 stream).
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // RST, not FIN
	}
	_ = conn.Close()
}

// bufferedWriter keeps a handler's answer to be sent later, or never.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// trickle sends a buffered answer in ten pieces over slowFor.
func trickle(ctx context.Context, w http.ResponseWriter, b *bufferedWriter) {
	for k, vs := range b.header {
		w.Header()[k] = vs
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	rc := http.NewResponseController(w)
	body := b.body.Bytes()
	const pieces = 10
	step := max(1, (len(body)+pieces-1)/pieces)
	for len(body) > 0 {
		n := min(step, len(body))
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		_ = rc.Flush()
		body = body[n:]
		if len(body) > 0 && !pause(ctx, slowFor/pieces) {
			return
		}
	}
}

// faultsJSON is what GET /sandbox/faults answers.
type faultsJSON struct {
	Faults string         `json:"faults"`
	Counts map[string]int `json:"counts"`
}

// handleFaults is the test API: GET reads the plan and the counts, PUT
// sets the plan (the body is ParseFaults' text), DELETE stops the faults.
// Only this machine may change it.
func (s *Server) handleFaults(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && !fromLoopback(r) {
		return newErr(http.StatusForbidden, codeForbidden, "Faults can only be changed from the sandbox's own machine.")
	}
	switch r.Method {
	case http.MethodPut:
		body, err := io.ReadAll(io.LimitReader(r.Body, 4096))
		if err != nil {
			return newErr(http.StatusBadRequest, codeValidation, "The fault plan could not be read.")
		}
		f, err := ParseFaults(string(body))
		if err != nil {
			return fieldErr(codeValidation, "faults", nil, "%s", err.Error())
		}
		s.SetFaults(f)
	case http.MethodDelete:
		s.SetFaults(Faults{})
	}
	plan, counts := s.faults.snapshot()
	writeJSON(w, http.StatusOK, faultsJSON{Faults: plan.String(), Counts: counts})
	return nil
}

func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
