package line

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
)

// preflight checks, before the first call, that a --no-input run holds
// every answer the steps still ahead of st will ask for: a run that stops
// on a missing flag after accepting the terms or texting a code leaves the
// person an account half made (and a progress file for that phone). It
// names every missing flag at once, and the codes a script cannot type
// without --sandbox-auto. Flag values are checked here too, so that a bad
// one costs nothing either.
func (r *runner) preflight(now time.Time) error {
	if !r.o.In.NoInput {
		return nil
	}
	var flags, codes []string
	for _, step := range r.plan {
		if r.st.Done(step, now) {
			continue
		}
		f, c := r.wants(step)
		flags = appendNew(flags, f...)
		codes = appendNew(codes, c...)
	}
	if err := r.checkFlags(); err != nil {
		return err
	}
	if r.o.In.SandboxAuto {
		codes = nil // read from the sandbox's outbox
	}
	for i, c := range codes {
		codes[i] = r.tr.T(c) // "SMS code", "email code", "activation code"
	}
	and := r.tr.T("and")
	switch {
	case len(flags) > 0 && len(codes) > 0:
		return exit.With(exit.Usage, flow.Say("--no-input needs %s, and cannot type the %s: secrets never go on the command line; run without --no-input, or add --sandbox-auto on the sandbox", andList(flags, and), andList(codes, and)))
	case len(flags) > 0:
		return exit.With(exit.Usage, flow.Say("--no-input needs %s", andList(flags, and)))
	case len(codes) > 0:
		return MissingInput("", andList(codes, and))
	}
	return nil
}

// wants is what step will ask for: the flags that answer it when st does
// not hold the answer yet, and the codes a person reads on their phone or
// in their email.
func (r *runner) wants(step flow.Step) (flags, codes []string) {
	n, in := r.needs(), r.o.In
	need := func(missing bool, flag string) {
		if missing {
			flags = append(flags, flag)
		}
	}
	noPassword := r.password == ""
	switch step {
	case flow.StepTerms:
		need(in.AcceptTerms == "", "--accept-terms")
	case flow.StepCategory:
		need(in.Category == "", "--category")
	case flow.StepRegister:
		need(in.Phone == "" && r.st.Phone.National == "", "--phone")
		need(n.Names && r.st.FirstName == "", "--first-name")
		need(n.Names && r.st.LastName == "", "--last-name")
		need(n.Email && r.st.Email == "", "--email")
		need(n.BirthDate && r.st.BirthDate.IsZero() && in.BirthDate == "", "--birth-date")
		need(n.Gender && r.st.Gender == "" && in.Gender == "", "--gender")
		need(n.PasswordAtRegister && noPassword, "--password-stdin")
	case flow.StepCredentials:
		need(noPassword, "--password-stdin")
		if n.SMSSecret {
			codes = append(codes, "SMS code")
		}
	case flow.StepLogin:
		need(noPassword, "--password-stdin")
	case flow.StepEmailCode:
		codes = append(codes, "email code")
	case flow.StepPhoneCode:
		codes = append(codes, "SMS code")
	case flow.StepKYC:
		need(n.Documents && len(in.Documents) == 0 && !in.SandboxAuto, "--document")
	case flow.StepEmail:
		need(r.st.Email == "", "--email")
	case flow.StepActivate:
		codes = append(codes, "activation code")
	}
	return flags, codes
}

// checkFlags checks the values of the flags a --no-input run was given,
// as the steps would, before any of them runs.
func (r *runner) checkFlags() error {
	in := r.o.In
	bad := func(flag, value string, err error) error {
		return exit.With(exit.Usage, fmt.Errorf("%s %s: %w", flag, value, err))
	}
	if in.Phone != "" {
		if _, err := r.parsePhone(in.Phone); err != nil {
			return bad("--phone", in.Phone, err)
		}
	}
	if in.BirthDate != "" {
		if _, err := flow.ParseBirthDate(in.BirthDate, time.Now()); err != nil {
			return bad("--birth-date", in.BirthDate, err)
		}
	}
	if in.Gender != "" {
		if _, err := flow.ParseGender(in.Gender); err != nil {
			return bad("--gender", in.Gender, err)
		}
	}
	for flag, v := range map[string]string{"--first-name": r.st.FirstName, "--last-name": r.st.LastName} {
		if err := flow.ValidateName(v); v != "" && err != nil {
			return exit.With(exit.Usage, fmt.Errorf("%s: %w", flag, err))
		}
	}
	if r.st.Email != "" {
		if err := flow.ValidateEmail(r.st.Email); err != nil {
			return exit.With(exit.Usage, fmt.Errorf("--email: %w", err))
		}
	}
	return nil
}

// appendNew appends the items of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

// andList joins items as a sentence does, with and in the person's
// language: "a", "a and b", "a, b and c".
func andList(items []string, and string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}
