package line

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/exit"
)

// The steps of an organisation's plan (FinHub's "organization"), from the
// --organization file that flow.LoadOrganization read and
// flow.Organization.Validate checked before the run began.

// ActivationReason is the reason the activation records.
const ActivationReason = "Onboarding completed with onboard"

// orgStep performs one step of an organisation's plan; ok is false for a
// step that is not one.
func (r *runner) orgStep(ctx context.Context, step flow.Step) (ok bool, err error) {
	switch step {
	case flow.StepCompany:
		return true, r.company(ctx)
	case flow.StepPersonnel:
		return true, r.withOrgSession(ctx, r.personnel)
	case flow.StepKYBDocuments:
		return true, r.withOrgSession(ctx, r.kybDocuments)
	case flow.StepKYBReview:
		return true, r.withOrgSession(ctx, r.kybReview)
	case flow.StepOrgConsents:
		return true, r.withOrgSession(ctx, r.orgConsents)
	case flow.StepOrgActivate:
		return true, r.withOrgSession(ctx, r.orgActivate)
	}
	return false, nil
}

// admin is the person at the keyboard: the organisation's first
// ADMIN_USER, who registers it and accepts its consents.
func (r *runner) admin() (flow.Member, error) {
	for _, m := range r.st.Organization.Members() {
		if m.Has(flow.RoleAdmin) {
			return m, nil
		}
	}
	return flow.Member{}, exit.With(exit.Usage, errors.New("employees[0].roles: the first employee must be an ADMIN_USER: it is you, who registers the company"))
}

// orgPassword is the admin's password: --password-stdin, else asked
// (twice for a new account).
func (r *runner) orgPassword(confirm bool) (string, error) {
	if r.password != "" {
		return r.password, nil
	}
	pw, err := r.ask.Ask("--password-stdin", r.tr.T("Password for the company's account:"), true, func(s string) error {
		return flow.ValidatePassword(s, s, api.Phone{})
	})
	if err != nil {
		return "", err
	}
	if confirm {
		if _, err := r.ask.Ask("", r.tr.T("Type it again:"), true, func(s string) error { return flow.ValidatePassword(pw, s, api.Phone{}) }); err != nil {
			return "", err
		}
	}
	r.password = pw
	return pw, nil
}

// company registers the company, the admin its first user.
func (r *runner) company(ctx context.Context) error {
	admin, err := r.admin()
	if err != nil {
		return err
	}
	pw, err := r.orgPassword(true)
	if err != nil {
		return err
	}
	reg := api.OrgRegistration{Company: r.st.Organization.Company.API(), FirstName: strings.TrimSpace(admin.FirstName),
		LastName: strings.TrimSpace(admin.LastName), Email: strings.TrimSpace(admin.Email), Password: pw}
	st, err := r.engine.RegisterOrganization(ctx, r.st, reg)
	r.st = st
	if errors.Is(err, api.ErrPhoneTaken) {
		return exit.With(exit.Failed, fmt.Errorf("%s already has an account with FinHub: use another email address for the first employee", reg.Email))
	}
	if err != nil {
		return r.friendly(err)
	}
	r.say("✓ Company %s registered", reg.Company.LegalName)
	return nil
}

// withOrgSession runs step with a session, logging the admin in again
// when the run resumed without one.
func (r *runner) withOrgSession(ctx context.Context, step func(context.Context) error) error {
	if r.st.Session.Token == "" {
		pw, err := r.orgPassword(false)
		if err != nil {
			return err
		}
		st, err := r.engine.OrgLogin(ctx, r.st, pw)
		if errors.Is(err, api.ErrUnauthorized) {
			return exit.With(exit.Failed, errors.New("the company account's password is wrong; check it and run onboard again"))
		}
		if err != nil {
			return r.friendly(err)
		}
		r.st = st
		r.say("✓ Logged in")
	}
	err := step(ctx)
	if errors.Is(err, flow.ErrLoginNeeded) {
		r.st.Session = api.Session{}
		return nil // the step is tried again after a new login
	}
	return err
}

// personnel adds the people the provider does not have yet, one at a
// time, saving progress after each: a run stopped in the middle resumes
// with the next.
func (r *runner) personnel(ctx context.Context) error {
	for _, m := range r.st.PendingPeople() {
		st, added, err := r.engine.AddPerson(ctx, r.st, m.API())
		r.st = st
		if err != nil {
			return r.friendly(err)
		}
		r.say("✓ Added %s (%s)", m.Name(), rolesText(m))
		if added.Username != "" {
			r.say("  FinHub made a login for them (username %s); its password is not shown or kept: they set their own with FinHub's password reset.", added.Username)
		}
		r.save(flow.StepPersonnel)
	}
	return nil
}

func rolesText(m flow.Member) string {
	var out []string
	for _, role := range m.Roles {
		if role == flow.RoleShareholder {
			out = append(out, fmt.Sprintf("SHAREHOLDER %g%%", m.Share))
			continue
		}
		out = append(out, string(role))
	}
	return strings.Join(out, ", ")
}

// kybDocuments uploads the documents the file names: the company's, then
// each beneficial owner's identity document.
func (r *runner) kybDocuments(ctx context.Context) error {
	op, ok := r.engine.P.(flow.OrganizationProvider)
	if !ok {
		return flow.ErrNoOrganizations
	}
	_, ownerType := op.KYBDocuments()
	for _, f := range r.st.PendingDocuments() {
		kind, subject := f.Type, ""
		if f.Owner != nil {
			a, _ := r.st.Org.AddedAs(flow.PersonKey(f.Owner.API()))
			kind, subject = ownerType, a.PersonID
		}
		if strings.TrimSpace(f.File) == "" {
			return exit.With(exit.Usage, fmt.Errorf("%s: give the file of this document in the organisation file", f.Path))
		}
		doc, err := flow.ReadDocument(f.File, kind)
		if err != nil {
			return exit.With(exit.Usage, fmt.Errorf("%s: %w", f.Path, err))
		}
		st, err := r.engine.UploadKYB(ctx, r.st, api.KYBDocument{Document: doc, Subject: subject})
		r.st = st
		if err != nil {
			return r.friendly(err)
		}
		r.say("✓ Uploaded %s", doc.FileName)
		r.save(flow.StepKYBDocuments)
	}
	return nil
}

// kybReview submits the KYB and waits for the reviewer; with
// --sandbox-auto it approves on the sandbox's review page.
func (r *runner) kybReview(ctx context.Context) error {
	st, err := r.engine.StartVerification(ctx, r.st)
	r.st = st
	if err != nil {
		return r.friendly(err)
	}
	switch {
	case r.o.In.SandboxAuto && r.o.Outbox != nil && r.st.Org.KYB.URL != "" && r.st.Org.KYB.Status == api.KYCPendingReview:
		if err := r.o.Outbox.Press(ctx, r.st.Org.KYB.URL, "approve"); err != nil {
			return err
		}
		r.say("• Sandbox: approved the business verification on its page")
	case r.st.Org.KYB.URL != "":
		r.say("• Sandbox: the company's documents are with the reviewer; approve or decline them at\n  %s", r.st.Org.KYB.URL)
	default:
		r.say("• The company's documents are with FinHub's reviewers; this takes 2 to 5 days.")
	}
	return r.wait(ctx, "the business verification", func(ctx context.Context) (bool, error) {
		st, err := r.engine.PollVerification(ctx, r.st)
		if err != nil {
			return false, err
		}
		r.st = st
		switch st.Org.KYB.Status {
		case api.KYCApproved:
			r.say("✓ Business verification approved")
			return true, nil
		case api.KYCDeclined, api.KYCAborted:
			return false, exit.With(exit.Failed, errors.New("FinHub declined the business verification; contact its support"))
		}
		return false, nil
	})
}

// orgConsents accepts the three consents in the admin's name, with the
// date: --accept-terms, or asked.
func (r *runner) orgConsents(ctx context.Context) error {
	admin, err := r.admin()
	if err != nil {
		return err
	}
	if r.o.In.AcceptTerms == "" {
		if r.o.In.NoInput {
			return MissingInput("--accept-terms", "")
		}
		ok, err := r.ask.Confirm("--accept-terms", r.tr.T("Accept FinHub's terms, privacy policy and data processing for the company, in your name?"))
		if err != nil {
			return err
		}
		if !ok {
			return exit.With(exit.Failed, errors.New("the company cannot be activated without the three consents"))
		}
	}
	for _, kind := range r.engine.OrgConsents() {
		st, err := r.engine.AcceptConsent(ctx, r.st, api.OrgConsent{Type: kind, AcceptedBy: admin.Name(), AcceptedAt: time.Now()})
		r.st = st
		if err != nil {
			return r.friendly(err)
		}
	}
	r.say("✓ Consents accepted by %s", admin.Name())
	return nil
}

func (r *runner) orgActivate(ctx context.Context) error {
	st, err := r.engine.ActivateOrganization(ctx, r.st, ActivationReason)
	r.st = st
	if err != nil {
		return r.friendly(err)
	}
	r.say("✓ Company account activated")
	return nil
}

// orgSummary reads the organisation's standing once more, so that
// "onboarded" is the provider's word, and prints it as text unless the
// summary goes out as JSON.
func (r *runner) orgSummary(ctx context.Context, s flow.Summary) {
	if st, _, err := r.engine.OrganizationStatus(ctx, r.st); err == nil {
		r.st = st
	}
	if r.o.In.JSON || s.Organization == nil || !flow.Onboarded(r.plan, r.st, time.Now()) {
		return // one that is not active is said by notActive
	}
	r.say("\nThe company's account is active.")
	rows := [][2]string{{"company", s.Organization.Name + " (" + s.Organization.ID + ")"}, {"status", string(r.st.Org.Status)}}
	for _, p := range s.Organization.Personnel {
		share := ""
		if p.Share > 0 {
			share = fmt.Sprintf(" (%g%%)", p.Share)
		}
		rows = append(rows, [2]string{"person", p.Name + ": " + strings.Join(p.Roles, ", ") + share})
	}
	if err := writeTable(r.o.Out, rows); err != nil {
		r.say("%s", err)
	}
}
