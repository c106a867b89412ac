package main

import (
	"fmt"
	"io"
	"log/slog"

	"charm.land/log/v2"
)

// newSlogger is a server's logger in the format --log-format names: json
// is log/slog's JSON handler, one object a line, for a team's log
// collector; text is charm's readable lines, prefixed with prefix. Either
// way the callers log keys and values, never a secret (a password, an SMS
// secret, a token or a session partner's name: tenants.go's TenantID).
func newSlogger(w io.Writer, prefix, format string) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(log.NewWithOptions(w, log.Options{ReportTimestamp: true, Prefix: prefix})), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)).With("logger", prefix), nil
	default:
		return nil, withCode(exitUsage, fmt.Errorf("--log-format %q: give text or json", format))
	}
}
