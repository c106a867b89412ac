package line

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/flow"
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
	// items are the statuses in the provider's own order, for the text.
	items []api.StatusItem
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
	standing := flow.StandingOf(plan, snap)
	out := Status{Provider: provider, Sandbox: sandbox, ConsumerID: snap.ConsumerID, ExternalID: snap.ExternalID,
		FirstName: snap.FirstName, LastName: snap.LastName, Phone: snap.Phone, PhoneVerified: snap.PhoneValidated,
		Email: snap.Email, EmailVerified: snap.EmailVerified, TermsAccepted: snap.TermsAccepted, PasswordSet: snap.PasswordSet,
		KYC: string(cmp.Or(snap.KYC, api.KYCNotStarted)), Statuses: map[string]string{}, Steps: []StatusStep{}, items: snap.Statuses,
		Next: standing.Next.String(), NextAction: flow.NextAction(standing.Next, snap, n), Onboarded: standing.Onboarded()}
	for _, it := range snap.Statuses {
		out.Statuses[it.Name] = it.Value
	}
	for _, s := range standing.Steps {
		out.Steps = append(out.Steps, StatusStep{Step: s.Step.String(), Done: s.Done})
	}
	return out
}

// Print writes the status for a person: one fact per line, then the
// steps done, the next one and what it takes.
func (st Status) Print(w io.Writer, n api.Needs) {
	where := st.Provider
	if st.Sandbox {
		where += ", sandbox"
	}
	title := "Consumer " + st.ConsumerID + " (" + where + ")"
	if name := strings.TrimSpace(st.FirstName + " " + st.LastName); name != "" {
		title = name + ", consumer " + st.ConsumerID + " (" + where + ")"
	}
	fmt.Fprintln(w, title)
	fmt.Fprintln(w)
	row := func(k, v string) { // a long value wraps under itself, within 80 columns
		fmt.Fprintf(w, "%-12s %s\n", k, strings.ReplaceAll(ansi.Wordwrap(v, 80-13, ""), "\n", "\n"+strings.Repeat(" ", 13)))
	}
	verified := func(v, what string, ok bool) string {
		switch {
		case v == "":
			return "none"
		case ok:
			return v + ", " + what
		}
		return v + ", not " + what
	}
	if st.ExternalID != "" {
		row("external id", st.ExternalID)
	}
	row("phone", verified(flow.FormatE164(st.Phone), "verified", st.PhoneVerified))
	row("email", verified(st.Email, "verified", st.EmailVerified))
	row("terms", map[bool]string{true: "accepted", false: "not accepted"}[st.TermsAccepted])
	row("password", map[bool]string{true: "set", false: "not set"}[st.PasswordSet])
	row("KYC", st.KYC)
	for _, it := range st.items {
		if it.Name != "kyc" { // said above
			row(it.Name, it.Value)
		}
	}
	fmt.Fprintln(w)
	var done, then []string
	var next string
	for _, s := range st.Steps {
		step, _ := flow.ParseStep(s.Step)
		label := flow.Label(step, n)
		switch {
		case s.Done:
			done = append(done, label)
		case next == "":
			next = label
		default:
			then = append(then, label)
		}
	}
	if len(done) > 0 {
		row("done", strings.Join(done, ", "))
	}
	if next == "" {
		row("next", st.NextAction)
		return
	}
	row("next", next+". "+st.NextAction)
	if len(then) > 0 {
		row("then", strings.Join(then, ", "))
	}
}
