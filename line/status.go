package line

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// Status is what `onboard status` says of a consumer: as JSON (--json,
// documented in the README), or for a person (Print).
// Fields are only ever added to it, never renamed or removed.
type Status struct {
	Provider      string            `json:"provider"`
	Sandbox       bool              `json:"sandbox"`
	ConsumerID    string            `json:"consumerId"`
	ExternalID    string            `json:"externalId"`
	FirstName     string            `json:"firstName"`
	LastName      string            `json:"lastName"`
	Phone         string            `json:"phone"`
	PhoneVerified bool              `json:"phoneVerified"`
	Email         string            `json:"email"`
	EmailVerified bool              `json:"emailVerified"`
	TermsAccepted bool              `json:"termsAccepted"`
	PasswordSet   bool              `json:"passwordSet"`
	KYC           string            `json:"kyc"`
	Statuses      map[string]string `json:"statuses"`
	Steps         []StatusStep      `json:"steps"`
	Next          string            `json:"next"`
	NextAction    string            `json:"nextAction"`
	Onboarded     bool              `json:"onboarded"`
	// items are the statuses in the provider's own order, for the text;
	// next is NextAction as a message, for the text in French.
	items []api.StatusItem
	next  *flow.Text
}

// StatusStep is one step of the plan in Status.
type StatusStep struct {
	Step string `json:"step"`
	Done bool   `json:"done"`
}

// NewStatus is where the consumer snap describes stands in plan, with
// provider (its name) and whether it is a sandbox's; n is what the
// provider needs, for the next action's words.
func NewStatus(plan flow.Plan, provider string, sandbox bool, snap api.Snapshot, n api.Needs) Status {
	snap = flow.Trust(snap) // no address shown that is not one
	standing := flow.StandingOf(plan, snap)
	out := Status{Provider: provider, Sandbox: sandbox, ConsumerID: snap.ConsumerID, ExternalID: snap.ExternalID,
		FirstName: snap.FirstName, LastName: snap.LastName, Phone: snap.Phone, PhoneVerified: snap.PhoneValidated,
		Email: snap.Email, EmailVerified: snap.EmailVerified, TermsAccepted: snap.TermsAccepted, PasswordSet: snap.PasswordSet,
		KYC: string(cmp.Or(snap.KYC, api.KYCNotStarted)), Statuses: map[string]string{}, Steps: []StatusStep{}, items: snap.Statuses,
		Next: standing.Next.String(), Onboarded: standing.Onboarded(), next: flow.NextActionText(standing.Next, snap, n)}
	out.NextAction = out.next.String()
	for _, it := range snap.Statuses {
		out.Statuses[it.Name] = it.Value
	}
	for _, s := range standing.Steps {
		out.Steps = append(out.Steps, StatusStep{Step: s.Step.String(), Done: s.Done})
	}
	return out
}

// Print writes the status for a person in tr's language: one fact per
// line, then the steps done, the next one and what it takes.
func (st Status) Print(w io.Writer, n api.Needs, tr i18n.Printer) {
	where := st.Provider
	if st.Sandbox {
		where = tr.F("%s, sandbox", st.Provider)
	}
	title := tr.F("Consumer %s (%s)", st.ConsumerID, where)
	if name := strings.TrimSpace(st.FirstName + " " + st.LastName); name != "" {
		title = tr.F("%s, consumer %s (%s)", name, st.ConsumerID, where)
	}
	fmt.Fprintln(w, title)
	fmt.Fprintln(w)
	row := func(k, v string) { // a long value wraps under itself, within 80 columns
		fmt.Fprintf(w, "%-12s %s\n", tr.T(k), strings.ReplaceAll(ansi.Wordwrap(v, 80-13, ""), "\n", "\n"+strings.Repeat(" ", 13)))
	}
	st.printFacts(row, tr)
	fmt.Fprintln(w)
	st.printSteps(row, n, tr)
}

// printFacts writes the consumer's facts and statuses, one a row.
func (st Status) printFacts(row func(k, v string), tr i18n.Printer) {
	verified := func(v string, ok bool) string {
		switch {
		case v == "":
			return tr.T("none")
		case ok:
			return tr.F("%s, verified", v)
		}
		return tr.F("%s, not verified", v)
	}
	if st.ExternalID != "" {
		row("external id", st.ExternalID)
	}
	row("phone", verified(flow.FormatE164(st.Phone), st.PhoneVerified))
	row("email", verified(st.Email, st.EmailVerified))
	row("terms", tr.T(map[bool]string{true: "accepted", false: "not accepted"}[st.TermsAccepted]))
	row("password", tr.T(map[bool]string{true: "set", false: "not set"}[st.PasswordSet]))
	row("KYC", st.KYC)
	for _, it := range st.items {
		if it.Name != "kyc" { // said above
			row(it.Name, it.Value)
		}
	}
}

// printSteps writes the steps done, the next one with what it takes,
// and the ones after it.
func (st Status) printSteps(row func(k, v string), n api.Needs, tr i18n.Printer) {
	var done, then []string
	var next string
	for _, s := range st.Steps {
		step, _ := flow.ParseStep(s.Step)
		label := tr.T(flow.Label(step, n))
		switch {
		case s.Done:
			done = append(done, label)
		case next == "":
			next = label
		default:
			then = append(then, label)
		}
	}
	action := st.NextAction
	if st.next != nil {
		action = tr.M(st.next)
	}
	if len(done) > 0 {
		row("done", strings.Join(done, ", "))
	}
	if next == "" {
		row("next", action)
		return
	}
	row("next", next+". "+action)
	if len(then) > 0 {
		row("then", strings.Join(then, ", "))
	}
}
