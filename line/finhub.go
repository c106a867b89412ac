package line

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/sampledocs"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
)

// The steps of the line-mode runner that only some providers have: the
// customer category, documents for the identity check, and the activation
// (FinHub's).

// category picks the customer category: --category, or a choice from the
// provider's list.
func (r *runner) category(ctx context.Context) error {
	cats, err := r.engine.Categories(ctx)
	if err != nil {
		return r.friendly(err)
	}
	ids := make([]string, len(cats))
	for i, c := range cats {
		ids[i] = c.ID
	}
	pick := func(s string) (string, error) {
		s = strings.TrimSpace(s)
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(cats) {
			return cats[n-1].ID, nil
		}
		for _, id := range ids {
			if strings.EqualFold(id, s) {
				return id, nil
			}
		}
		return "", flow.Say("choose 1 to %d, or one of %s", len(cats), strings.Join(ids, ", "))
	}
	raw := r.o.In.Category
	if raw == "" {
		if r.o.In.NoInput {
			return MissingInput("--category", "")
		}
		r.say("\nCustomer categories:")
		for i, c := range cats {
			r.say("  %d. %s (%s): %s", i+1, api.SanitizeLine(c.Name), r.risk(c.Risk), api.SanitizeLine(c.Description))
		}
		v, err := r.ask.Ask("--category", r.tr.F("Category (1 to %d):", len(cats)), false, func(s string) error {
			_, err := pick(s)
			return err
		})
		if err != nil {
			return err
		}
		raw = v
	}
	id, err := pick(raw)
	if err != nil {
		return exit.With(exit.Usage, fmt.Errorf("--category %s: %w", raw, err))
	}
	r.st.Category = id
	r.say("✓ Category %s", id)
	return nil
}

// documents uploads what the open identity check still needs: the files
// given with --document, in order, or asked for; with --sandbox-auto and
// none given, a sample PDF each (the sandbox keeps no file).
func (r *runner) documents(ctx context.Context) error {
	given := r.o.In.Documents
	for len(r.st.KYC.Documents) > 0 {
		kind := r.st.KYC.Documents[0]
		label := flow.DocumentLabel(kind)
		var doc api.Document
		switch {
		case len(given) > 0:
			d, err := flow.ReadDocument(given[0], kind)
			if err != nil {
				return exit.With(exit.Usage, fmt.Errorf("--document %s: %w", given[0], err))
			}
			doc, given = d, given[1:]
		case r.o.In.SandboxAuto && r.o.Outbox != nil:
			doc = api.Document{Type: kind, FileName: "sample-" + strings.ToLower(kind) + ".pdf", MimeType: "application/pdf", Content: sampledocs.PDF(r.tr.M(flow.DocumentName(kind)))}
		case r.o.In.NoInput:
			return MissingInput("--document", "")
		default:
			v, err := r.ask.Ask("--document", r.tr.F("Path to your %s (PDF, JPEG or PNG):", flow.DocumentName(kind)), false, func(s string) error {
				_, err := flow.ReadDocument(expandHome(s), kind)
				return err
			})
			if err != nil {
				return err
			}
			if doc, err = flow.ReadDocument(expandHome(v), kind); err != nil {
				return err
			}
		}
		st, err := r.engine.UploadDocument(ctx, r.st, doc)
		if err != nil {
			return r.friendly(err)
		}
		if slices.Contains(st.KYC.Documents, kind) && len(st.KYC.Documents) >= len(r.st.KYC.Documents) {
			return fmt.Errorf("the provider still asks for the %s after the upload", label)
		}
		r.st = st
		r.say("✓ Uploaded %s as the %s", api.SanitizeLine(doc.FileName), flow.DocumentName(kind))
	}
	return nil
}

// expandHome turns a leading ~/ into the home directory, as a shell would.
func expandHome(p string) string {
	p = strings.TrimSpace(p)
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

var errNoResend error = flow.Say("the activation code is sent once, when the account may be activated: look for it in your email")

// activate types the emailed activation code (read from the sandbox's
// outbox with --sandbox-auto) and turns the account on.
func (r *runner) activate(ctx context.Context) error {
	for tries := 0; ; tries++ {
		code, err := r.readCode(ctx, codeAsk{what: "activation code", via: "email", to: r.st.Email, prompt: "Activation code from the email:",
			normalize: flow.NormalizeActivationCode, keep: func(m outbox.Message) bool { return m.Code != "" }, value: func(m outbox.Message) string { return m.Code },
			resend: func() error { return errNoResend }})
		if err != nil {
			return err
		}
		st, err := r.engine.Activate(ctx, r.st, code)
		if err == nil {
			r.st = st
			r.say("✓ Account activated")
			return nil
		}
		if !errors.Is(err, api.ErrInvalidCode) && !errors.Is(err, api.ErrTooManyAttempts) || r.o.In.NoInput && !r.o.In.SandboxAuto || tries >= 4 {
			return r.friendly(err)
		}
		r.say("  ✗ %s", Capitalize(r.tr.Err(r.friendly(err))))
	}
}

// risk is a category's risk as the person reads it; a level onboard does
// not know is shown as the provider names it.
func (r *runner) risk(level string) string {
	switch strings.ToLower(level) {
	case "low":
		return r.tr.T("low risk")
	case "medium":
		return r.tr.T("medium risk")
	case "high":
		return r.tr.T("high risk")
	}
	return r.tr.F("%s risk", api.SanitizeLine(strings.ToLower(level)))
}
