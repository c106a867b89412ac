package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"charm.land/wish/v2"
	"github.com/charmbracelet/ssh"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"github.com/onboard-cli/onboard/internal/serve"
)

type serveFlags struct {
	addr, db     string
	sandboxURL   string
	logFormat    string
	set          func(flag string) bool // whether a flag was given
	lan, demo    bool
	maxSessions  int
	idle         time.Duration
	kycApproveIn time.Duration
}

func newServeCmd(e *env) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the wizard over SSH, for demos",
		Long: `Serve the wizard over SSH: everyone who connects gets a wizard of their own,
in their own window size and colours, against one shared embedded sandbox.
Sessions never see each other's customers or messages, keep nothing when
they end, and close after --idle-timeout without a key press. With
--sandbox-url, several serve processes share a team's sandbox (started
with onboard sandbox --shared) instead, sessions still apart.

The server asks for no password or key: keep it on loopback (the default)
or a network you trust. Its host key is made once and kept in
$XDG_DATA_HOME/onboard/, so clients see the same key every time.`,
		Example: `  onboard serve
  ssh -p 2222 127.0.0.1                            # in another terminal

  onboard serve --addr 0.0.0.0:2222 --demo --lan   # a stand at a meetup

  # Several rooms, one team sandbox (README, "A sandbox for a team")
  onboard sandbox --shared --kyc-auto-approve 6s --db postgres://db/onboard
  onboard serve --sandbox-url http://127.0.0.1:7878 --demo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.set = cmd.Flags().Changed
			return runServe(cmd.Context(), e, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:2222", "SSH address to listen on")
	fl.StringVar(&f.db, "db", ":memory:", "the shared sandbox's SQLite file (:memory: keeps nothing), or a postgres://… URL: several serve (and sandbox) processes on one database are one team sandbox, sessions still apart")
	fl.BoolVar(&f.lan, "lan", false, "the sandbox's KYC pages on this machine's LAN address, so phones can open the QR codes (env ONBOARD_LAN_IP picks the address)")
	fl.BoolVar(&f.demo, "demo", false, "every session is a demo: a sample person filled in, the identity check approved after a few seconds")
	fl.IntVar(&f.maxSessions, "max-sessions", 20, "sessions at once; more are told to come back later")
	fl.DurationVar(&f.idle, "idle-timeout", 10*time.Minute, "close a session after this long without a key press")
	fl.DurationVar(&f.kycApproveIn, "kyc-auto-approve", 0, "approve every KYC this long after its link is created (--demo: 6s)")
	fl.StringVar(&f.logFormat, "log-format", "text", "log lines as text or json")
	fl.StringVar(&f.sandboxURL, "sandbox-url", "", "a team sandbox (onboard sandbox --shared) to use instead of an embedded one, shared with other serve processes, sessions still apart (default $ONBOARD_SANDBOX_URL)")
	return cmd
}

func runServe(ctx context.Context, e *env, f serveFlags) error {
	if err := serve.CheckFlags(f.maxSessions, f.idle); err != nil {
		return err
	}
	logger, err := newSlogger(e.stderr, "serve", f.logFormat)
	if err != nil {
		return err
	}
	keyPath, err := serve.HostKeyPath()
	if err != nil {
		return err
	}
	hc := newHTTPClient()
	base, partner, about, stopSandbox, err := sessionsSandbox(ctx, e, f, hc)
	if err != nil {
		return err
	}
	defer stopSandbox()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another onboard serve running? try --addr 127.0.0.1:0)", f.addr, err)
	}
	defer ln.Close()

	sessions := &sessionHost{
		sandboxBase: base, partner: partner, hc: hc, demo: f.demo,
		idle: f.idle, max: f.maxSessions, log: logger, limits: defaultServeLimits(f.maxSessions),
		tr: e.printer("en"),
	}
	server, err := newSSHServer(keyPath, sessions)
	if err != nil {
		return err
	}
	serve.Banner{Addr: ln.Addr(), KeyPath: keyPath, Fingerprint: fingerprint(server), Sandbox: base + " (" + about + "; each session sees only its own customers)",
		MaxSessions: f.maxSessions, Idle: f.idle}.Print(e.stdout)

	return serveUntilStopped(ctx, "SSH server", logger, func() error { return server.Serve(ln) },
		func(ctx context.Context) error {
			logger.Info("closing sessions", "open", sessions.count())
			if err := server.Shutdown(ctx); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
				_ = server.Close() // sessions still open after the grace period are cut
			}
			return nil
		})
}

// fingerprint is server's host key's SHA256 fingerprint, "" without one.
func fingerprint(server *ssh.Server) string {
	if len(server.HostSigners) == 0 {
		return ""
	}
	return gossh.FingerprintSHA256(server.HostSigners[0].PublicKey())
}

// newSSHServer is the SSH server of onboard serve, running h's sessions
// within h's limits: a connection must start a session within the
// handshake limit (and at most h.limits.pending may be on their way at
// once), and one with no traffic either way for the idle timeout and that
// limit is closed, whatever holds it.
func newSSHServer(keyPath string, h *sessionHost) (*ssh.Server, error) {
	h.gate = newConnGate(h.limits, h.log)
	server, err := wish.NewServer(
		wish.WithHostKeyPath(keyPath),
		wish.WithVersion("onboard_"+versionString()),
		wish.WithMiddleware(h.middleware),
	)
	if err != nil {
		return nil, fmt.Errorf("setting up the SSH server (host key %s): %w", keyPath, err)
	}
	server.ConnCallback = h.gate.admit
	server.ChannelHandlers = map[string]ssh.ChannelHandler{"session": h.gate.limitChannels(ssh.DefaultSessionHandler)}
	server.IdleTimeout = h.idle + h.limits.handshake
	return server, nil
}
