package sandboxrun

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"

	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/xdg"
)

// Checks are `onboard sandbox`'s flags that need parsing, as typed.
type Checks struct {
	Faults, SCA, WebhookSchedule string
}

// Apply parses c into opts: the faults, the SCA mode and the webhook
// schedule; a flag that does not parse is a usage error naming it.
func (c Checks) Apply(opts *sandbox.Options) error {
	faults, err := sandbox.ParseFaults(c.Faults)
	if err != nil {
		return exit.With(exit.Usage, fmt.Errorf("--faults: %w", err))
	}
	if !sandbox.ValidSCA(c.SCA) {
		return exit.With(exit.Usage, fmt.Errorf("--sca %q: use push, join-code or off", c.SCA))
	}
	opts.Faults, opts.SCA = faults, c.SCA
	if c.WebhookSchedule != "" {
		sched, err := sandbox.ParseWebhookSchedule(c.WebhookSchedule)
		if err != nil {
			return exit.With(exit.Usage, fmt.Errorf("--webhook-schedule: %w", err))
		}
		opts.WebhookSchedule = sched
	}
	return nil
}

// DefaultDB is the sandbox's SQLite file in the state folder.
func DefaultDB() (string, error) {
	d, err := xdg.StateDir()
	if err != nil {
		return "", fmt.Errorf("the sandbox's database: %w", err)
	}
	return filepath.Join(d, "sandbox.db"), nil
}

// DBFor is the database a sandbox server keeps: the flag, else the
// environment's (ONBOARD_SANDBOX_DB), else DefaultDB.
func DBFor(flag, fromEnv string) (string, error) {
	if db := cmp.Or(flag, fromEnv); db != "" {
		return db, nil
	}
	return DefaultDB()
}

// PartnerPassword is the partner's password from the environment's
// ONBOARD_SANDBOX_PARTNER_PASSWORD (fromEnv), else the sandbox's default;
// source says which, for the banner, which shows only the default.
func PartnerPassword(fromEnv string) (password, source string) {
	if fromEnv != "" {
		return fromEnv, "ONBOARD_SANDBOX_PARTNER_PASSWORD"
	}
	return sandbox.DefaultPartnerPassword, "default"
}

// Banner is what `onboard sandbox` prints once it serves.
type Banner struct {
	Base, Partner, PartnerUser string
	// Password is shown only when Source is "default" (the sandbox's
	// own, in its docs); otherwise the banner names Source.
	Password, Source string
	DB               string
	Faults           sandbox.Faults
	FastPasswords    bool
	Shared           bool
	Webhooks         int
	// WebhookSecret is a secret made now, shown once; "" for none.
	WebhookSecret string
}

// Print writes the banner to w.
func (b Banner) Print(w io.Writer) {
	shown := b.Password
	if b.Source != "default" {
		shown = "(from " + b.Source + ")"
	}
	fmt.Fprintf(w, `onboard sandbox on %[1]s
  LinkCy API      %[1]s/linkcy/
  partner         %[2]s  (login: %[3]s / %[4]s)
  outbox          %[1]s/sandbox/outbox
  database        %[5]s
  faults          %[6]s
  passwords       %[7]s
Run the wizard against it:  onboard --api-url %[1]s/linkcy/ --partner %[2]s
Stop with Ctrl+C.
`, b.Base, b.Partner, b.PartnerUser, shown, sandbox.DescribeDB(b.DB), b.Faults, passwordHashing(b.FastPasswords))
	if b.Shared {
		fmt.Fprintf(w, "  shared          SSH rooms join with: onboard serve --sandbox-url %s\n", b.Base)
		fmt.Fprintf(w, "                  (the outbox answers only a session's partner, %s-<32 hex>)\n", b.Partner)
	}
	if b.Webhooks > 0 {
		fmt.Fprintf(w, "  webhooks        %d endpoint(s); deliveries at %s/sandbox/webhooks\n", b.Webhooks, b.Base)
	}
	if b.WebhookSecret != "" {
		fmt.Fprintf(w, "  webhook secret  %s  (made now and kept in the database; set ONBOARD_SANDBOX_WEBHOOK_SECRET to choose one)\n", b.WebhookSecret)
	}
}

// passwordHashing names how the sandbox stores passwords.
func passwordHashing(fast bool) string {
	if fast {
		return "salted SHA-256 (--fast-passwords: for load tests; use no real password)"
	}
	return "bcrypt"
}
