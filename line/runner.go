package line

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/outbox"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/assets"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// runner walks the plan step by step without the full-screen UI: the
// headless mode (--no-input) and the line mode. It performs each step
// through flow.Engine, so it shares every rule with the TUI.
type runner struct {
	o        Options
	engine   flow.Engine
	plan     flow.Plan
	policy   flow.Policy
	ask      Asker
	password string // from --password-stdin; never logged or saved
	keeper   Keeper

	st       flow.State
	started  time.Time
	loginBad int
	// termsSaid is the terms version this run said was accepted;
	// termsNoted, whether it gave flow.TermsNote.
	termsSaid  string
	termsNoted bool
	// tr is what it says in the person's language.
	tr i18n.Printer
	// noteEvery is how often a long wait says it is still waiting (2 min
	// when zero).
	noteEvery time.Duration
}

// say prints a line in the person's language: format is a constant
// English format (its catalog key); an argument that is a flow.Text is
// translated with it, and any other value (a phone number, a text already
// translated) is printed as it is.
func (r *runner) say(format string, args ...any) {
	fmt.Fprintln(r.o.Err, r.tr.F(format, args...))
}

func (r *runner) run(ctx context.Context) error {
	r.st, r.started = r.o.State, r.o.Started
	if r.o.Note != nil {
		r.say("• %s", Capitalize(r.tr.M(r.o.Note)))
	}
	var kept *flow.Text
	if r.st, kept = r.keeper.Resume(ctx, r.engine, r.st); kept != nil {
		r.say("• %s", r.tr.M(kept))
	}
	if err := r.preflight(time.Now()); err != nil {
		return err
	}
	defer func() { r.keeper.KeepFrom(r.st) }()
	switch {
	case r.o.In.Demo:
		r.say("DEMO: %s", r.o.DemoNotice)
	case r.o.Embedded:
		r.say("SANDBOX: running on the embedded sandbox; nothing here is real.")
	}
	for trouble := 0; ; {
		if err := ctx.Err(); err != nil {
			return r.interrupted()
		}
		r.noteTerms()
		step := r.plan.Next(r.st, time.Now())
		if step == flow.StepDone {
			_ = flow.RemoveProgress(r.o.ProgressPath)
			return r.summary(ctx)
		}
		r.save(step)
		err := r.step(ctx, step)
		if ctx.Err() != nil {
			return r.interrupted()
		}
		if err == nil {
			trouble = 0
			continue
		}
		// Connection trouble, or a provider asking to slow down: the step
		// is tried again (every step is safe to repeat: a create looks
		// before it creates again), a few times, then the run stops with
		// its progress saved.
		delay, again := flow.Retry(err, trouble)
		if !again {
			return r.giveUp(err)
		}
		trouble++
		r.say("• %s", flow.RetryMessage(err, delay))
		if err := pauseFor(ctx, delay); err != nil {
			return r.interrupted()
		}
		// The failed call may have been carried out: read the account
		// again, so that the plan goes on from the provider's state.
		if r.st.Session.Token != "" {
			if st, err := r.engine.Sync(ctx, r.st); err == nil {
				r.st = st
			}
		}
	}
}

// giveUp ends the run on err with its latest state saved (a try whose
// answer was lost is then known to the next run). A provider that kept
// asking to slow down is said to, with the way on: run onboard again.
func (r *runner) giveUp(err error) error {
	r.save(r.plan.Next(r.st, time.Now()))
	if errors.Is(err, api.ErrRateLimited) {
		return exit.With(exit.Failed, &explained{msg: flow.Say("the provider kept asking to slow down; run onboard again in a minute (your progress is saved)"), cause: err})
	}
	return err
}

// pauseFor waits d or until ctx ends.
func pauseFor(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// step performs one step of the plan (not StepDone, which ends the run).
func (r *runner) step(ctx context.Context, step flow.Step) error {
	switch step {
	case flow.StepTerms:
		return r.terms(ctx)
	case flow.StepRegister:
		return r.register(ctx)
	case flow.StepCredentials:
		return r.credentials(ctx)
	case flow.StepLogin:
		return r.login(ctx)
	case flow.StepKYC:
		return r.kyc(ctx)
	case flow.StepEmail:
		return r.email(ctx)
	case flow.StepEmailCode:
		return r.code(ctx, api.ChannelEmail)
	case flow.StepPhoneCode:
		return r.code(ctx, api.ChannelSMS)
	case flow.StepCategory:
		return r.category(ctx)
	case flow.StepActivate:
		return r.activate(ctx)
	}
	if ok, err := r.orgStep(ctx, step); ok {
		return err
	}
	return fmt.Errorf("step %s is not part of this provider's plan", step)
}

func (r *runner) interrupted() error {
	r.save(r.plan.Next(r.st, time.Now()))
	r.say("\n%s", r.o.Stopped)
	return exit.Silently(exit.Interrupted, context.Canceled)
}

// save writes the progress file, and keeps a new session at once
// (--remember), before the step that may be the run's last.
func (r *runner) save(step flow.Step) {
	r.keeper.KeepNow(r.st)
	p := flow.ProgressOf(r.engine.P.Name(), r.st, step, r.started, time.Now())
	if err := flow.SaveProgress(r.o.ProgressPath, p); err != nil {
		r.say("! Could not save progress (%v); onboarding goes on.", err)
	}
}

// noteTerms gives flow.TermsNote once a run, when the provider said the
// terms accepted in this run are not.
func (r *runner) noteTerms() {
	if note := flow.TermsNote(r.st); note != "" && !r.termsNoted {
		r.termsNoted = true
		r.say("• %s", r.tr.T(note))
	}
}

func (r *runner) terms(ctx context.Context) error {
	if r.st.Terms.Version == "" {
		st, err := r.engine.LoadTerms(ctx, r.st)
		if err != nil {
			return r.friendly(err)
		}
		r.st = st
	}
	t := r.st.Terms
	version := r.o.In.AcceptTerms
	switch version {
	case "current":
		version = t.Version
	case "":
		if r.o.In.NoInput { // no one is there to read them
			return MissingInput("--accept-terms", "")
		}
		where := ""
		if t.URL != "" {
			where = " (" + t.URL + ")"
		}
		r.say("\nTerms and conditions, version %s%s\n\n%s", t.Version, where, indent(t.Content))
		ok, err := r.ask.Confirm("--accept-terms", r.tr.F("Do you accept the terms and conditions, version %s?", t.Version))
		if err != nil {
			return err
		}
		if !ok {
			return exit.With(exit.Failed, flow.Say("you declined the terms: a bank cannot open an account without them. Run onboard again if you change your mind"))
		}
		version = t.Version
	}
	st, err := r.engine.AcceptTerms(ctx, r.st, version)
	if errors.Is(err, flow.ErrTermsChanged) {
		return exit.With(exit.Usage, flow.Say("--accept-terms=%s: the current terms are version %s; read them and accept that version", r.o.In.AcceptTerms, t.Version))
	}
	if err != nil {
		return r.friendly(err)
	}
	r.st = st
	if r.termsSaid != version { // once a run, whatever the provider's flag does afterwards
		r.termsSaid = version
		r.say("✓ Terms %s accepted", version)
	}
	return nil
}

func (r *runner) register(ctx context.Context) error {
	raw := r.o.In.Phone
	if raw == "" {
		question := r.tr.T("Mobile number, with its country code (e.g. +33 6 12 34 56 78):")
		if ex := flow.ExampleNumber(r.o.In.Region); ex != "" {
			question = r.tr.F("Mobile number (e.g. %s; from another country, with its +code):", ex)
		}
		v, err := r.ask.Ask("--phone", question, false, func(s string) error {
			_, err := r.parsePhone(s)
			return err
		})
		if err != nil {
			return err
		}
		raw = v
	}
	p, err := r.parsePhone(raw)
	if err != nil {
		return exit.With(exit.Usage, fmt.Errorf("--phone %s: %w", raw, err))
	}
	r.st.Phone = p.Phone
	if err := r.details(); err != nil {
		return err
	}
	var pw string
	if r.needs().PasswordAtRegister {
		if pw, err = r.newPassword(); err != nil {
			return err
		}
	}
	st, err := r.engine.RegisterWith(ctx, r.st, pw)
	r.st = st
	if errors.Is(err, api.ErrPhoneTaken) && r.needs().NoLookup && r.st.ConsumerID == "" {
		return exit.With(exit.Failed, fmt.Errorf("%s is already registered, and %w", r.st.Email, api.ErrNoLookup))
	}
	if errors.Is(err, api.ErrPhoneTaken) {
		// Known phone: log in with the password if there is one; the
		// login step falls back to a new password by SMS if it fails.
		who := p.International
		if r.needs().LoginByEmail {
			who = r.st.Email
		}
		r.say("• %s is already registered; logging in instead.", who)
		r.st.PasswordSet = true
		return nil
	}
	if err != nil {
		return r.friendly(err)
	}
	r.say("✓ Registered %s", p.International)
	return nil
}

// parsePhone reads a phone number as the wizard's phone screen does: one
// without its +code is a number of the country In.Region names.
func (r *runner) parsePhone(s string) (flow.ParsedPhone, error) {
	return flow.ParsePhone(s, r.o.In.Region, assets.CallingCodes())
}

func (r *runner) needs() api.Needs { return r.engine.P.Needs() }

// friendly is the package's friendly in this provider's words.
func (r *runner) friendly(err error) error { return Friendly(err, r.needs()) }

// details asks for (or checks, from the flags) what the provider needs
// beside the phone: names and email (optional unless required), and the
// date of birth, gender, country and nationality where they are required.
func (r *runner) details() error {
	n := r.needs()
	// name asks question (in the person's language) for a name; empty
	// is the refusal of an empty answer.
	name := func(flag, question string, empty *flow.Text, v *string) error {
		if *v == "" && n.Names {
			a, err := r.ask.Ask(flag, question, false, func(s string) error {
				if strings.TrimSpace(s) == "" {
					return empty
				}
				return flow.ValidateName(s)
			})
			if err != nil {
				return err
			}
			*v = strings.TrimSpace(a)
		}
		if err := flow.ValidateName(*v); err != nil {
			return exit.With(exit.Usage, fmt.Errorf("%s: %w", flag, err))
		}
		return nil
	}
	if err := name("--first-name", r.tr.T("First name:"), flow.Say("type your first name"), &r.st.FirstName); err != nil {
		return err
	}
	if err := name("--last-name", r.tr.T("Last name:"), flow.Say("type your last name"), &r.st.LastName); err != nil {
		return err
	}
	if r.st.Email == "" && n.Email {
		v, err := r.ask.Ask("--email", r.tr.T("Email address:"), false, flow.ValidateEmail)
		if err != nil {
			return err
		}
		r.st.Email = strings.TrimSpace(v)
	}
	if r.st.Email != "" {
		if err := flow.ValidateEmail(r.st.Email); err != nil {
			return exit.With(exit.Usage, fmt.Errorf("--email: %w", err))
		}
	}
	if n.BirthDate && r.st.BirthDate.IsZero() {
		d, err := askParsed(r, "--birth-date", r.o.In.BirthDate, r.tr.T("Date of birth (e.g. 1990-12-31):"),
			func(s string) (api.Date, error) { return flow.ParseBirthDate(s, time.Now()) })
		if err != nil {
			return err
		}
		r.st.BirthDate = d
	}
	if n.Gender && r.st.Gender == "" {
		g, err := askParsed(r, "--gender", r.o.In.Gender, r.tr.T("Gender (female, male or other):"), flow.ParseGender)
		if err != nil {
			return err
		}
		r.st.Gender = g
	}
	var err error
	if n.Country && r.st.Country == "" {
		if r.st.Country, err = countryFlag("--country", r.o.In.Country, r.st.Phone); err != nil {
			return err
		}
	}
	if n.Nationality && r.st.Nationality == "" {
		if r.st.Nationality, err = countryFlag("--nationality", r.o.In.Nationality, r.st.Phone); err != nil {
			return err
		}
	}
	return nil
}

// askParsed is flag's value, or when it is empty the person's answer to
// question (in the person's language), read by parse (which also checks
// each answer); a bad flag
// value is a usage error naming the flag.
func askParsed[T any](r *runner, flag, value, question string, parse func(string) (T, error)) (T, error) {
	if value == "" {
		v, err := r.ask.Ask(flag, question, false, func(s string) error {
			_, err := parse(s)
			return err
		})
		if err != nil {
			var zero T
			return zero, err
		}
		value = v
	}
	out, err := parse(value)
	if err != nil {
		return out, exit.With(exit.Usage, fmt.Errorf("%s %s: %w", flag, value, err))
	}
	return out, nil
}

// countryFlag is a country from flag (two letters), or the phone's.
func countryFlag(flag, value string, phone api.Phone) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(value))
	if c == "" {
		c = flow.RegionOf(phone)
	}
	if err := flow.ValidateCountry(c); err != nil {
		return "", exit.With(exit.Usage, fmt.Errorf("%s %s: %w", flag, c, err))
	}
	return c, nil
}

// code sends a code by ch and has it typed (read from the sandbox's
// outbox with --sandbox-auto); a wrong code is asked again, "r" sends a
// new one.
func (r *runner) code(ctx context.Context, ch api.Channel) error {
	what, to := "email", r.st.Email
	by, codeName, verified := r.tr.T("email"), r.tr.T("email code"), r.tr.T("Email address")
	if ch == api.ChannelSMS {
		what, to = "SMS", r.st.Phone.E164()
		by, codeName, verified = r.tr.T("SMS"), r.tr.T("SMS code"), r.tr.T("Mobile number")
	}
	if r.o.In.NoInput && !r.o.In.SandboxAuto {
		return MissingInput("", what+" code")
	}
	m := flow.CodeMessage(ch)
	send := func() error {
		st, err := r.engine.SendCode(ctx, r.st, ch)
		r.st = st
		if r.st.SentTooSoon(m, err) {
			return r.useSent(ctx, m, to, outbox.HasCode, r.tr.T("• A code was sent moments ago; use that one."), err)
		}
		if err != nil {
			return err
		}
		r.say("✓ Code sent to %s", recipient(r.st, ch))
		return nil
	}
	if err := send(); err != nil {
		return r.friendly(err)
	}
	ask := codeAsk{what: codeName, via: what, to: to, prompt: r.tr.F("The 6-digit code sent by %s (r for a new one, c to change the number or address):", by),
		keep: outbox.HasCode, value: func(m outbox.Message) string { return m.Code }, resend: send}
	for attempt := 0; ; attempt++ {
		code, err := r.readCode(ctx, ask)
		if errors.Is(err, errChange) {
			return r.change(ctx, map[api.Channel]flow.Step{api.ChannelEmail: flow.StepEmailCode, api.ChannelSMS: flow.StepPhoneCode}[ch])
		} else if err != nil {
			return err
		}
		st, err := r.engine.VerifyCode(ctx, r.st, ch, code)
		if err == nil {
			r.st = st
			r.say("✓ %s verified", verified)
			return nil
		}
		r.st = st
		if errors.Is(err, flow.ErrLoginNeeded) {
			return nil // the plan goes back to the login step
		}
		if errors.Is(err, api.ErrInvalidCode) && attempt < 4 && !r.o.In.NoInput {
			r.say("  ✗ %s", Capitalize(r.tr.Err(r.friendly(err))))
			continue
		}
		return r.friendly(err)
	}
}

// useSent takes a "too soon" for a message that went out moments ago:
// it says so (line) and the one sent is used. With --sandbox-auto the
// outbox shows whether it did go out; when it holds none, the "too soon"
// was only the provider asking to slow down, and err is returned, so that
// the step is tried again after the wait it asked for. line is in the
// person's language.
func (r *runner) useSent(ctx context.Context, m flow.Message, to string, keep func(outbox.Message) bool, line string, err error) error {
	if r.o.In.SandboxAuto && r.o.Outbox != nil {
		if _, lerr := r.o.Outbox.Last(ctx, to, keep); lerr != nil {
			r.st.SendsUnanswered &^= m
			return err
		}
	}
	r.say("%s", line)
	return nil
}

// recipient is where a code went, in full: it is the person's own
// number or address, shown on their own terminal, where a typo must be
// seen (logs mask it).
func recipient(st flow.State, ch api.Channel) string {
	if ch == api.ChannelEmail {
		return st.Email
	}
	return flow.FormatPhone(st.Phone)
}

func isResend(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "r" || s == "resend"
}

// sendSecret texts a secret; a resend refused as too soon is an error
// saying how long to wait.
func (r *runner) sendSecret(ctx context.Context) error {
	st, err := r.engine.SendSecret(ctx, r.st)
	r.st = st
	if err != nil {
		return err
	}
	r.say("✓ SMS sent to %s", flow.FormatPhone(r.st.Phone))
	return nil
}

func (r *runner) credentials(ctx context.Context) error {
	withSecret := r.needs().SMSSecret
	if withSecret && r.o.In.NoInput && !r.o.In.SandboxAuto {
		// Fail before texting a code nobody can type in.
		return MissingInput("", "SMS code")
	}
	if !withSecret {
		// Nothing to text; a password from --password-stdin still needs
		// to pass the rules.
	} else if err := r.sendSecret(ctx); r.st.SentTooSoon(flow.MessageSecret, err) {
		if err := r.useSent(ctx, flow.MessageSecret, r.st.Phone.E164(), outbox.HasSecret, "• A code was sent moments ago; use that one.", err); err != nil {
			return r.friendly(err)
		}
	} else if err != nil {
		return r.friendly(err)
	}
	for attempt := 0; ; attempt++ {
		secret := ""
		if withSecret {
			var err error
			if secret, err = r.secret(ctx); errors.Is(err, errChange) {
				return r.change(ctx, flow.StepCredentials) // the plan sends a secret to the number it ends with
			} else if err != nil {
				return err
			}
		}
		pw, err := r.newPassword()
		if err != nil {
			return err
		}
		st, err := r.engine.SetPassword(ctx, r.st, secret, pw)
		r.st = st // even on error: it says whether a lost try may have set the password
		if err == nil {
			if st.Session.Token != "" {
				r.say("✓ Password set; logged in")
			} else {
				r.say("• This account already has a password; logging in with the one you gave.")
			}
			return nil
		}
		// A wrong code is typed again; a refused password (the only field
		// the provider validates here) is chosen again.
		retry := errors.Is(err, api.ErrInvalidCode) || flow.PasswordRefused(err)
		if retry && attempt < 4 && !r.o.In.NoInput {
			r.say("  ✗ %s", Capitalize(r.tr.Err(r.friendly(err))))
			if flow.PasswordRefused(err) {
				r.password = ""
			}
			continue
		}
		return r.friendly(err)
	}
}

// codeAsk is a 6-digit code to obtain: the SMS secret, an email or SMS
// verification code.
type codeAsk struct {
	what   string // "SMS secret", "email code" in the person's language: for the sandbox note
	via    string // "SMS" or "email": for the error sentence
	to     string // the recipient in the outbox
	prompt string // in the person's language
	hidden bool
	keep   func(outbox.Message) bool
	value  func(outbox.Message) string
	resend func() error // "r" sends a new one
	// normalize reads the code typed (flow.NormalizeCode, 6 digits, when nil).
	normalize func(string) (string, error)
}

// readCode reads a code: from the sandbox outbox with --sandbox-auto, else
// from the person, who may type r for a new one.
func (r *runner) readCode(ctx context.Context, c codeAsk) (string, error) {
	if r.o.In.SandboxAuto && r.o.Outbox != nil {
		m, err := r.o.Outbox.Last(ctx, c.to, c.keep)
		if err != nil {
			return "", err
		}
		r.say("• Sandbox phone: read the %s from the outbox", c.what)
		return c.value(m), nil
	}
	normalize := c.normalize
	if normalize == nil {
		normalize = func(s string) (string, error) { return flow.NormalizeCode(s, c.via) }
	}
	for {
		r.showSandboxMessage(ctx, c.to, c.keep)
		v, err := r.ask.Ask("", c.prompt, c.hidden, func(s string) error {
			if isResend(s) || isChange(s) {
				return nil
			}
			_, err := normalize(s)
			return err
		})
		if err != nil {
			return "", err
		}
		if isChange(v) {
			return "", errChange
		}
		if !isResend(v) {
			return normalize(v)
		}
		if err := c.resend(); err != nil {
			r.say("  ✗ %s", Capitalize(r.tr.Err(r.friendly(err))))
		}
	}
}

// secret reads the SMS secret that sets the password.
func (r *runner) secret(ctx context.Context) (string, error) {
	return r.readCode(ctx, codeAsk{what: r.tr.T("SMS secret"), via: "SMS", to: r.st.Phone.E164(), prompt: r.tr.T("SMS code (r for a new one, c to change the number):"),
		hidden: true, keep: outbox.HasSecret, value: func(m outbox.Message) string { return m.Secret },
		resend: func() error { return r.sendSecret(ctx) }})
}

func (r *runner) newPassword() (string, error) {
	if r.password != "" {
		if err := flow.ValidatePassword(r.password, r.password, r.st.Phone); err != nil {
			return "", exit.With(exit.Usage, fmt.Errorf("--password-stdin: %w", err))
		}
		return r.password, nil
	}
	rules := flow.PasswordRules()
	for i, rule := range rules {
		rules[i] = r.tr.T(rule)
	}
	r.say("Choose a password. It needs %s.", strings.Join(rules, ", "))
	pw, err := r.ask.Ask("--password-stdin", r.tr.T("New password:"), true, func(s string) error {
		return flow.ValidatePassword(s, s, r.st.Phone)
	})
	if err != nil {
		return "", err
	}
	if _, err := r.ask.Ask("", r.tr.T("Type it again:"), true, func(s string) error { return flow.ValidatePassword(pw, s, r.st.Phone) }); err != nil {
		return "", err
	}
	r.password = pw
	return pw, nil
}

func (r *runner) login(ctx context.Context) error {
	pw := r.password
	if pw == "" || r.loginBad > 0 {
		v, err := r.ask.Ask("--password-stdin", r.tr.T("Password:"), true, func(s string) error {
			if s == "" {
				return flow.Say("type your password")
			}
			return nil
		})
		if err != nil {
			return err
		}
		pw = v
	}
	st, err := r.engine.Login(ctx, r.st, pw)
	if err == nil {
		r.st = st
		r.password = pw
		r.say("✓ Logged in")
		return nil
	}
	if !errors.Is(err, api.ErrUnauthorized) {
		return r.friendly(err)
	}
	// A wrong password: a person gets one more try, then (like a script
	// that can read the SMS on the sandbox) sets a new password by SMS,
	// which proves the phone again. A script that cannot read the SMS stops.
	r.loginBad++
	switch {
	case r.needs().LoginByEmail && (r.o.In.NoInput || r.loginBad > 2):
		return exit.With(exit.Failed, flow.Say("the email address or the password is wrong; check them and run onboard again"))
	case r.needs().LoginByEmail:
		r.say("  ✗ The password is wrong; try again.")
		r.password = ""
		return nil
	case r.o.In.NoInput && !r.o.In.SandboxAuto:
		return exit.With(exit.Failed, flow.Say("the phone number or the password is wrong; run onboard without --no-input to set a new password by SMS"))
	case r.loginBad == 1 && !r.o.In.NoInput && r.o.Password == "":
		r.say("  ✗ The password is wrong; try again.")
	default:
		r.say("• Setting a new password by SMS instead.")
		r.st.PasswordSet = false
		if r.o.Password == "" {
			r.password = ""
		}
	}
	return nil
}

func (r *runner) kyc(ctx context.Context) error {
	ended := flow.KYCEnded(r.st.KYCStatus)
	if r.st.KYC.URL == "" || ended {
		if err := r.st.KYCGiveUp(); err != nil {
			return exit.With(exit.Failed, err)
		}
		st, err := r.engine.StartKYC(ctx, r.st)
		r.st = st
		if errors.Is(err, flow.ErrKYCRejected) {
			return exit.With(exit.Failed, err)
		}
		if err != nil {
			return r.friendly(err) // connection trouble is tried again, and counts no check
		}
		if r.needs().Documents {
			if err := r.documents(ctx); err != nil {
				return err
			}
		}
		switch {
		case r.needs().Documents && r.st.KYC.URL != "":
			r.say("• Sandbox: your documents are with the reviewer; approve or reject them at\n  %s", r.st.KYC.URL)
		case r.needs().Documents:
			r.say("• Your documents are with the provider's reviewers; this can take 1 to 3 days.")
		case r.st.KYC.URL != "":
			r.say("Prove your identity: open this link on your phone\n  %s", r.st.KYC.URL)
		case r.st.KYCStatus == api.KYCApproved:
			return nil
		default:
			r.say("• Your identity check is being reviewed; waiting for the result.")
		}
	}
	if r.o.In.SandboxAuto && r.o.Outbox != nil && r.st.KYC.URL != "" &&
		(r.st.KYCStatus == api.KYCCreated || r.needs().Documents && r.st.KYCStatus == api.KYCPendingReview) {
		if err := r.o.Outbox.Press(ctx, r.st.KYC.URL, "approve"); err != nil {
			return err
		}
		r.say("• Sandbox: approved the identity check on its page")
	}
	return r.wait(ctx, "the identity check", func(ctx context.Context) (bool, error) {
		before := r.st.KYCStatus
		st, err := r.engine.PollKYC(ctx, r.st)
		if err != nil {
			return false, err
		}
		r.st = st
		if st.KYCStatus != before || st.KYCStatus == api.KYCApproved {
			r.say("• %s", flow.KYCExplanation(st.KYCStatus))
		}
		return st.KYCStatus.Final(), nil
	})
}

func (r *runner) email(ctx context.Context) error {
	email := r.st.Email
	if email == "" {
		v, err := r.ask.Ask("--email", r.tr.T("Email address:"), false, flow.ValidateEmail)
		if err != nil {
			return err
		}
		email = v
	}
	// In place of an address the provider has, the bank may ask to
	// approve the change on the phone: wait for it as a change does.
	err := r.approved(ctx, func() error {
		st, err := r.engine.SaveEmail(ctx, r.st, email)
		r.st = st
		return err
	})
	if errors.Is(err, errNotApproved) {
		return exit.With(exit.Waiting, flow.Say("the change of your email address was not approved in time; approve it on your phone, then run onboard again"))
	}
	if err != nil {
		return r.friendly(err)
	}
	if r.st.EmailSentAt.IsZero() {
		st, err := r.engine.SendEmail(ctx, r.st)
		if err != nil {
			r.st = st
		}
		if r.st.SentTooSoon(flow.MessageEmail, err) {
			if err := r.useSent(ctx, flow.MessageEmail, r.st.Email, outbox.HasLink, r.tr.T("• A verification email was sent moments ago."), err); err != nil {
				return r.friendly(err)
			}
		} else if err != nil {
			return r.friendly(err)
		} else {
			r.st = st
			r.say("✓ Verification link sent to %s; open it to confirm the address", r.st.Email)
		}
	}
	if r.o.In.SandboxAuto && r.o.Outbox != nil {
		m, err := r.o.Outbox.Last(ctx, r.st.Email, outbox.HasLink)
		if err == nil {
			err = r.o.Outbox.Open(ctx, m.Link)
		}
		if err != nil {
			return err
		}
		r.say("• Sandbox: opened the verification link")
	}
	if !r.o.In.SandboxAuto {
		r.showSandboxMessage(ctx, r.st.Email, outbox.HasLink)
	}
	return r.wait(ctx, "the email verification", func(ctx context.Context) (bool, error) {
		st, err := r.engine.Sync(ctx, r.st)
		if err != nil {
			return false, err
		}
		r.st = st
		if st.EmailVerified {
			r.say("✓ Email verified")
		}
		return st.EmailVerified, nil
	})
}

// wait polls check with the policy until it reports done, the deadline
// passes (exit 3: resume later) or ctx ends. Transient errors are retried.
func (r *runner) wait(ctx context.Context, what string, check func(context.Context) (bool, error)) error {
	every := r.noteEvery
	if every <= 0 {
		every = 2 * time.Minute
	}
	start, lastNote := time.Now(), time.Now()
	for n := 0; ; n++ {
		done, err := check(ctx)
		if done {
			return nil
		}
		var retryAfter time.Duration
		if err != nil {
			if errors.Is(err, flow.ErrLoginNeeded) {
				r.st.Session = api.Session{}
				return nil // the plan goes back to the login step
			}
			ra, ok := flow.Retryable(err)
			if !ok {
				return r.friendly(err)
			}
			retryAfter = ra
		}
		if r.policy.Expired(start, time.Now()) {
			r.save(r.plan.Next(r.st, time.Now()))
			return exit.Silently(exit.Waiting, fmt.Errorf("still waiting for %s", what))
		}
		delay := r.policy.Next(n, retryAfter)
		switch {
		case err != nil:
			r.say("• %s", flow.RetryMessage(err, delay))
		case time.Since(lastNote) >= every:
			r.say("… still waiting for %s (%d min)", r.waitName(what), int(time.Since(start).Round(time.Minute)/time.Minute))
			lastNote = time.Now()
		}
		if err := pauseFor(ctx, delay); err != nil {
			return err
		}
	}
}

// summary is the final word: text on stderr, or JSON on stdout.
func (r *runner) summary(ctx context.Context) error {
	if r.st.Session.Token != "" && r.st.Org.ID == "" {
		// The provider's last word on the account decides "onboarded".
		if st, err := r.engine.Sync(ctx, r.st); err == nil {
			r.st = st
		}
		r.noteTerms()
	}
	if r.st.Org.ID != "" {
		r.orgSummary(ctx, flow.NewSummary(r.engine.P.Name(), r.o.Outbox != nil, r.plan, r.st))
	}
	s := flow.NewSummary(r.engine.P.Name(), r.o.Outbox != nil, r.plan, r.st)
	if r.o.In.JSON {
		enc := json.NewEncoder(r.o.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			return fmt.Errorf("writing the summary: %w", err)
		}
		return r.notActive(s, true)
	}
	if !s.Onboarded {
		return r.notActive(s, false)
	}
	if s.Organization != nil {
		return nil // orgSummary said it
	}
	r.say("\nYou are a verified customer.")
	t := r.tr.T
	rows := [][2]string{{t("consumer"), s.ConsumerID}, {t("phone"), s.Phone}, {t("email"), r.tr.F("%s (verified)", s.Email)},
		{"KYC", s.KYC}, {t("terms"), r.tr.F("%s accepted", s.TermsVersion)}}
	for _, it := range r.st.Snapshot.Statuses {
		rows = append(rows, [2]string{api.SanitizeLine(it.Name), api.SanitizeLine(it.Value)})
	}
	return writeTable(r.o.Out, rows)
}

// notActive ends a run whose steps are all done on an account the
// provider does not say is active: what is pending or wrong, and the exit
// code (exit.Waiting while the provider decides, exit.Failed otherwise);
// nil for an onboarded one. said: the summary already went out as JSON,
// and the sentence goes to the error stream alone.
func (r *runner) notActive(s flow.Summary, said bool) error {
	if s.Onboarded {
		return nil
	}
	code := exit.Failed
	if flow.AccountWaits(api.Account(s.Account)) {
		code = exit.Waiting
	}
	note := flow.AccountNote(api.Account(s.Account))
	if said {
		r.say("• %s", note)
		return exit.Silently(code, errors.New(note))
	}
	return exit.With(code, errors.New(note))
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n  ")
}

// showSandboxMessage prints the sandbox phone: on a sandbox, the SMS or
// email just "sent", so a demo needs no second terminal.
func (r *runner) showSandboxMessage(ctx context.Context, recipient string, keep func(outbox.Message) bool) {
	if r.o.Outbox == nil {
		return
	}
	m, err := r.o.Outbox.Last(ctx, recipient, keep)
	if err != nil {
		return
	}
	r.say("  [sandbox phone] %s to %s: %s", strings.ToUpper(m.Channel), recipient, api.SanitizeLine(m.Text))
}

// waitName is what r.wait waits for, in the person's language.
func (r *runner) waitName(what string) string {
	switch what {
	case "the identity check":
		return r.tr.T("the identity check")
	case "the email verification":
		return r.tr.T("the email verification")
	}
	return what
}
