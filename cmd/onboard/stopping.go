package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// serveUntilStopped runs serve (a server's Serve loop) until it fails or
// Ctrl+C or SIGTERM arrives, then gives shutdown 5 s to let requests and
// sessions finish. what names the server in errors.
func serveUntilStopped(ctx context.Context, what string, logger *slog.Logger, serve func() error, shutdown func(context.Context) error) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- serve() }()
	select {
	case err := <-errc:
		return fmt.Errorf("%s: %w", what, err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return shutdown(shutCtx)
}
