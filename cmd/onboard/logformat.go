package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"

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
		return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{ReplaceAttr: addrAsText})).With("logger", prefix), nil
	default:
		return nil, withCode(exitUsage, fmt.Errorf("--log-format %q: give text or json", format))
	}
}

// addrAsText writes a network address (an SSH session's remote) as
// "host:port", not as the JSON of its struct.
func addrAsText(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() != slog.KindAny {
		return a
	}
	if addr, ok := a.Value.Any().(net.Addr); ok {
		a.Value = slog.StringValue(addr.String())
	}
	return a
}
