package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"

	"time"

	"github.com/spf13/cobra"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/sandboxrun"
)

type sandboxFlags struct {
	addr, db, partner, partnerUser, terms string
	faults, sca                           string
	webhooks                              []string
	webhookSchedule, logFormat            string
	lan, fastPasswords, shared            bool
	autoApprove, secretTTL                time.Duration
}

func newSandboxCmd(e *env) *cobra.Command {
	var f sandboxFlags
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Run the embedded sandbox (LinkCy, Weavr, FinHub) as a server",
		Long: `Run the sandbox alone, for a wizard in another terminal, a demo, or your
own integration tests. It answers the LinkCy partner API under /linkcy/,
keeps consumers in a SQLite file so they survive restarts, and serves the
KYC simulator page, the email links and the outbox under /sandbox/.

With --db postgres://… (or ONBOARD_SANDBOX_DB) it keeps them in PostgreSQL
instead, and several sandbox processes on that database are one sandbox
(README, "A sandbox for a team"). A database password goes in
ONBOARD_SANDBOX_DB or PGPASSWORD, never in --db (command lines are visible).

The partner password comes from ONBOARD_SANDBOX_PARTNER_PASSWORD (never a
flag: command lines are visible to other users of the machine).`,
		Example: `  onboard sandbox
  # One of a team's sandbox processes, on PostgreSQL
  onboard sandbox --db postgres://onboard@db.internal/onboard
  # A phone on the same Wi-Fi can open the KYC page
  onboard sandbox --lan --kyc-auto-approve 10s
  # A change of phone or email waits for approval on a page
  onboard sandbox --sca push
  # One team sandbox behind several SSH rooms (onboard serve --sandbox-url)
  onboard sandbox --shared --kyc-auto-approve 6s
  # A flaky network, on purpose
  onboard sandbox --faults '5xx=5%,429=5%,reset=3%,slow=3%,lost=4%'
  onboard --api-url http://127.0.0.1:7878/linkcy/ --partner onboard-sandbox`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSandbox(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:7878", "address to listen on (loopback unless --lan or a non-loopback host is given)")
	fl.StringVar(&f.db, "db", "", "SQLite file, or postgres://… for a sandbox several processes share (default $ONBOARD_SANDBOX_DB, else $XDG_STATE_HOME/onboard/sandbox.db; :memory: keeps nothing)")
	fl.BoolVar(&f.lan, "lan", false, "listen on this machine's private LAN address so a phone can open the KYC page")
	fl.DurationVar(&f.autoApprove, "kyc-auto-approve", 0, "approve every KYC this long after its link is created (0: approve by hand on the page)")
	fl.DurationVar(&f.secretTTL, "secret-ttl", sandbox.DefaultSecretTTL, "lifetime of the SMS secret")
	fl.StringVar(&f.partner, "partner", sandbox.DefaultPartnerName, "the partnerName the sandbox serves")
	fl.StringVar(&f.partnerUser, "partner-user", sandbox.DefaultPartnerUser, "the partner's login username")
	fl.StringVar(&f.terms, "terms-version", sandbox.DefaultTermsVersion, "current terms version; raising it asks every consumer to accept again")
	fl.BoolVar(&f.fastPasswords, "fast-passwords", false, "store passwords as salted SHA-256, not bcrypt: for load tests, where bcrypt is most of the work; never with a password used anywhere else")
	fl.StringVar(&f.sca, "sca", sandbox.SCAOff, "LinkCy's strong customer authentication on a change of phone or email: push (approve on a page the sandbox phone links to), join-code (a code typed on /sandbox/sca) or off")
	fl.StringVar(&f.faults, "faults", "", "misbehave on purpose: latency=DUR and shares of 5xx, 429, reset, slow, lost, optionally per route (\"POST /linkcy/api/partner/consumers: lost=100%\"); PUT /sandbox/faults changes it while running")
	fl.StringArrayVar(&f.webhooks, "webhook", nil, "send the partner's events to this URL (repeatable), signed as Standard Webhooks with ONBOARD_SANDBOX_WEBHOOK_SECRET (made and shown once when unset)")
	fl.StringVar(&f.webhookSchedule, "webhook-schedule", "", "waits before each retry of a failed delivery, e.g. 100ms,200ms for tests (default 5s,5m,30m,2h,5h,10h)")
	fl.StringVar(&f.logFormat, "log-format", "text", "log lines as text or json")
	fl.BoolVar(&f.shared, "shared", false, "share this sandbox with the SSH rooms of every onboard serve given its URL: each session is a tenant of its own (partner PARTNER-<32 hex>), apart from every other")
	return cmd
}

// listenAddr applies --lan: the LAN address with the port of --addr.
func listenAddr(e *env, f sandboxFlags) (string, error) {
	host, err := lanHost(e.getenv, f.lan)
	if err != nil || host == "" {
		return f.addr, err
	}
	_, port, err := net.SplitHostPort(f.addr)
	if err != nil {
		return "", withCode(exitUsage, fmt.Errorf("--addr %q is not host:port", f.addr))
	}
	return net.JoinHostPort(host, port), nil
}

// runSandbox serves the sandbox until stopped, its flags checked and
// its banner printed (internal/sandboxrun/server.go).
func runSandbox(ctx context.Context, e *env, f sandboxFlags) error {
	opts := sandbox.Options{PartnerName: f.partner, PartnerUser: f.partnerUser, TermsVersion: f.terms, SecretTTL: f.secretTTL,
		KYCAutoApprove: f.autoApprove, FastPasswords: f.fastPasswords, SessionPartners: f.shared,
		Webhooks: f.webhooks, WebhookSecret: e.getenv("ONBOARD_SANDBOX_WEBHOOK_SECRET")}
	if err := (sandboxrun.Checks{Faults: f.faults, SCA: f.sca, WebhookSchedule: f.webhookSchedule}).Apply(&opts); err != nil {
		return err
	}
	db, err := sandboxrun.DBFor(f.db, e.getenv("ONBOARD_SANDBOX_DB"))
	if err != nil {
		return err
	}
	addr, err := listenAddr(e, f)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another sandbox running? try --addr 127.0.0.1:0)", addr, err)
	}
	base := "http://" + ln.Addr().String()
	logger, err := newSlogger(e.stderr, "sandbox", f.logFormat)
	if err != nil {
		ln.Close()
		return err
	}
	password, pwSource := sandboxrun.PartnerPassword(e.getenv("ONBOARD_SANDBOX_PARTNER_PASSWORD"))
	opts.DB, opts.Logger, opts.PartnerPassword, opts.PublicURL = db, logger, password, base
	srv, err := sandbox.New(ctx, opts)
	if err != nil {
		ln.Close()
		return err
	}
	defer srv.Close()
	sandboxrun.Banner{Base: base, Partner: f.partner, PartnerUser: f.partnerUser, Password: password, Source: pwSource, DB: db,
		Faults: opts.Faults, FastPasswords: f.fastPasswords, Shared: f.shared, Webhooks: len(f.webhooks),
		WebhookSecret: srv.NewWebhookSecret()}.Print(e.stdout)

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	hs.RegisterOnShutdown(srv.EndWaits) // held outbox requests answer at once, so Ctrl+C stops at once
	return serveUntilStopped(ctx, "sandbox server", logger, func() error { return hs.Serve(ln) },
		func(ctx context.Context) error {
			if err := hs.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("stopping the sandbox: %w", err)
			}
			return nil
		})
}
