package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// finhubError is a FinHub error answer in the making: the envelope, at
// an HTTP status or (inBody) at 200 with success false and code -1.
type finhubError struct {
	status     int
	code       string
	message    string
	field      string
	inBody     bool
	retryAfter time.Duration
}

func (e *finhubError) Error() string { return fmt.Sprintf("finhub %d %s", e.status, e.code) }

func finhubInvalid(field, format string, args ...any) *finhubError {
	return &finhubError{status: http.StatusBadRequest, code: "VALIDATION_ERROR", message: fmt.Sprintf(format, args...), field: field}
}

// finhubCommitted is a FinHub error whose transaction must still commit
// (a counted wrong password or code).
type finhubCommitted struct{ *finhubError }

func (e *finhubCommitted) Unwrap() error { return e.finhubError }

func (e *finhubCommitted) answer() error { return e.finhubError }

func writeFinHubError(w http.ResponseWriter, e *finhubError, now time.Time) {
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int((e.retryAfter+time.Second-1)/time.Second))))
	}
	body := map[string]any{"code": e.status, "message": e.message, "errorCode": e.code,
		"success": false, "timestamp": now.UTC().Format(time.RFC3339Nano)}
	if e.field != "" {
		body["errors"] = []map[string]string{{"field": e.field, "message": e.message}}
	}
	status := e.status
	if e.inBody {
		body["code"], status = -1, http.StatusOK
	}
	writeJSON(w, status, body)
}

// finhubOK writes data in FinHub's envelope.
func finhubOK(w http.ResponseWriter, message string, data any) {
	writeJSON(w, http.StatusOK, map[string]any{"code": 200, "message": message, "data": data})
}
