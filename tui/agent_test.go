package tui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
)

// fakeDir is an in-memory partner directory: consumers with fixed ids, so
// the goldens are stable; calls are counted.
type fakeDir struct {
	consumers []api.Snapshot
	calls     []string
	kycURL    string // the link StartKYC gives; a sandbox's when empty
}

func (d *fakeDir) Find(_ context.Context, q api.Lookup) (api.Snapshot, error) {
	d.calls = append(d.calls, "find "+q.String())
	for _, c := range d.consumers {
		if (q.ConsumerID != "" && c.ConsumerID == q.ConsumerID) || (q.ExternalID != "" && c.ExternalID == q.ExternalID) {
			return c, nil
		}
	}
	return api.Snapshot{}, &api.Error{Kind: api.KindNotFound}
}

func (d *fakeDir) Search(_ context.Context, s api.Search) (api.ConsumerPage, error) {
	d.calls = append(d.calls, fmt.Sprintf("search %q %q %q %s %s page %d", s.LastName, s.Phone, s.Email, s.KYC, s.Banking, s.Page))
	var all []api.Snapshot
	for _, c := range d.consumers {
		if strings.Contains(strings.ToLower(c.LastName), strings.ToLower(s.LastName)) && strings.Contains(c.Phone, s.Phone) &&
			strings.Contains(c.Email, s.Email) && s.Keeps(c) {
			all = append(all, c)
		}
	}
	p := api.ConsumerPage{Page: s.Page, PageSize: s.PageSize, Total: len(all)}
	lo := min(len(all), s.Page*s.PageSize)
	p.Consumers = all[lo:min(len(all), lo+s.PageSize)]
	return p, nil
}

func (d *fakeDir) Register(_ context.Context, r api.Registration) (string, error) {
	for _, c := range d.consumers {
		if c.Phone == r.Phone.E164() {
			return "", &api.Error{Kind: api.KindPhoneTaken, Fields: []api.FieldError{{Field: "phone", Message: "This phone number is already registered."}}}
		}
	}
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", len(d.consumers)+1)
	d.consumers = append(d.consumers, api.Snapshot{ConsumerID: id, Phone: r.Phone.E164(), FirstName: r.FirstName, LastName: r.LastName,
		Email: r.Email, ExternalID: r.ExternalID, KYC: api.KYCNotStarted})
	return id, nil
}

func (d *fakeDir) StartKYC(_ context.Context, id string) (api.KYCLink, error) {
	d.calls = append(d.calls, "kyc "+id)
	url := cmp.Or(d.kycURL, "http://127.0.0.1:7878/sandbox/kyc/4f1c2a")
	return api.KYCLink{ID: "kyc-1", URL: url, Status: api.KYCCreated}, nil
}

func (d *fakeDir) SendEmailVerification(_ context.Context, id string) error {
	d.calls = append(d.calls, "email "+id)
	return nil
}

func agentConsumers() []api.Snapshot {
	st := func(overall string) []api.StatusItem {
		return []api.StatusItem{{Name: "overall", Value: overall}, {Name: "linkcy", Value: "PENDING"}, {Name: "banking", Value: "NOT_CREATED"},
			{Name: "compliance", Value: "PENDING"}, {Name: "suspension", Value: "NOT_SUSPENDED"}}
	}
	var out []api.Snapshot
	for i := range 12 {
		out = append(out, api.Snapshot{ConsumerID: fmt.Sprintf("00000000-0000-4000-8000-%012d", 100+i), Phone: fmt.Sprintf("+336123456%02d", i),
			FirstName: "Grace", LastName: fmt.Sprintf("Hopper %d", i), Email: fmt.Sprintf("grace%d@example.com", i),
			PhoneValidated: true, PasswordSet: true, TermsAccepted: true, KYC: api.KYCNotStarted, Statuses: st("INACTIVE")})
	}
	out[0].FirstName, out[0].LastName, out[0].ExternalID, out[0].KYC = "Ada", "Lovelace", "crm-42", api.KYCPendingReview
	out[1].KYC, out[1].EmailVerified = api.KYCApproved, true
	return out
}

func newAgentHarness(t *testing.T, dir *fakeDir, mutate ...func(*AgentOptions)) *harness {
	t.Helper()
	clk := sandboxtest.NewClock(time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC))
	o := AgentOptions{Dir: dir, Needs: api.Needs{SMSSecret: true, Refresh: true}, Plan: linkcyPlan(),
		Partner: "onboard-sandbox", Sandbox: true, Region: "FR", Theme: "dark", PageSize: 5, Now: clk.Now, Lang: "en"}
	for _, m := range mutate {
		m(&o)
	}
	if o.Wizard != nil {
		o.Wizard.Tick = noTimers
	}
	if o.Tick == nil {
		o.Tick = noTimers
	}
	a := NewAgent(context.Background(), o)
	h := &harness{t: t, model: a, clock: clk}
	h.do(a.Init())
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

// TestAgentScreens walks the console through Update at 80×24: the search,
// the table and its pages, a consumer's detail, a fresh KYC link as a QR
// code, the email link, and back.
func TestAgentScreens(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	h := newAgentHarness(t, dir)
	t.Run("search", h.goldenAs)

	h.typeText("hopper")
	h.press(tea.KeyEnter)
	t.Run("list", h.goldenAs)
	h.press(tea.KeyRight)
	t.Run("list-page-2", h.goldenAs)
	h.press(tea.KeyLeft)
	h.press(tea.KeyDown)
	h.press(tea.KeyEnter)
	t.Run("detail", h.goldenAs)

	h.key('k')
	t.Run("kyc", h.goldenAs)
	if !slices.Contains(dir.calls, "kyc 00000000-0000-4000-8000-000000000102") {
		t.Errorf("calls = %q", dir.calls)
	}
	h.press(tea.KeyEscape)
	h.key('e')
	if v := h.view(); !strings.Contains(v, "A new verification link was sent to grace2@example.com.") {
		t.Errorf("after e:\n%s", v)
	}

	// The words may be the partner's external id: it comes first.
	h.press(tea.KeyEscape)
	h.key('/')
	for range len("hopper") {
		h.press(tea.KeyBackspace)
	}
	h.typeText("crm-42")
	h.press(tea.KeyEnter)
	h.press(tea.KeyEnter)
	if v := h.view(); !strings.Contains(v, "Ada Lovelace") || !strings.Contains(v, "External id   crm-42") || !strings.Contains(v, "→ KYC") {
		t.Errorf("by external id:\n%s", v)
	}
	t.Run("detail-pending", h.goldenAs)
}

// TestAgentCreate: a consumer created on the customer's behalf, with a
// wrong phone said beside the field and a taken one refused by the
// provider, then its detail.
func TestAgentCreate(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	h := newAgentHarness(t, dir)
	h.ctrl('n')
	h.typeText("06 12")
	h.press(tea.KeyEnter)
	t.Run("bad-phone", h.goldenAs)
	for range 5 {
		h.press(tea.KeyBackspace)
	}
	h.typeText("020 7946 0018") // a London number, read in France: the form has no country to pick
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "valid number here (FR); type it with + and its")
	for range len("020 7946 0018") {
		h.press(tea.KeyBackspace)
	}
	h.typeText("+33612345600") // Ada's
	h.press(tea.KeyEnter)
	if v := h.view(); !strings.Contains(v, "This phone number is already registered.") {
		t.Errorf("a taken phone:\n%s", v)
	}
	for range len("+33612345600") {
		h.press(tea.KeyBackspace)
	}
	h.typeText("06 99 88 77 66")
	h.press(tea.KeyTab)
	h.typeText("Katherine")
	h.press(tea.KeyTab)
	h.typeText("Johnson")
	h.press(tea.KeyTab)
	h.press(tea.KeyTab)
	h.typeText("crm-77")
	h.press(tea.KeyEnter)
	v := h.view()
	if !strings.Contains(v, "Katherine Johnson") || !strings.Contains(v, "crm-77") || !strings.Contains(v, "Consumer created") {
		t.Fatalf("after create:\n%s", v)
	}
	t.Run("created", h.goldenAs)
}

// TestAgentRefusals: what the provider would refuse is said before asking
// it, the agent's way.
func TestAgentRefusals(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	h := newAgentHarness(t, dir)
	h.typeText("+33 6 12 34 56 01")
	h.press(tea.KeyEnter)
	h.press(tea.KeyEnter)
	h.key('k')
	h.key('e')
	if v := h.view(); !strings.Contains(v, "already verified") {
		t.Errorf("KYC and email of an onboarded consumer:\n%s", v)
	}
	for _, c := range dir.calls {
		if strings.HasPrefix(c, "kyc ") || strings.HasPrefix(c, "email ") {
			t.Errorf("the provider was asked: %s", c)
		}
	}
	// A phone not validated yet, no email: said, not asked.
	dir.consumers[3].PhoneValidated, dir.consumers[3].Email = false, ""
	h.press(tea.KeyEscape)
	h.key('/')
	for range len("+33 6 12 34 56 01") {
		h.press(tea.KeyBackspace)
	}
	h.typeText("+33612345603")
	h.press(tea.KeyEnter)
	h.press(tea.KeyEnter)
	h.key('k')
	if v := h.view(); !strings.Contains(v, "A KYC link needs a validated phone") {
		t.Errorf("KYC before the phone is validated:\n%s", v)
	}
	h.key('e')
	if v := h.view(); !strings.Contains(v, "no email address yet") {
		t.Errorf("email link without an address:\n%s", v)
	}
	for _, c := range dir.calls {
		if strings.HasPrefix(c, "kyc ") || strings.HasPrefix(c, "email ") {
			t.Errorf("the provider was asked: %s", c)
		}
	}
	// Nothing found: the way forward is said.
	h.press(tea.KeyEscape)
	h.key('/')
	h.typeText("zz")
	h.press(tea.KeyEnter)
	if v := h.view(); !strings.Contains(v, "No consumer matches") {
		t.Errorf("no match:\n%s", v)
	}
}

// TestAgentContinue: the agent continues a consumer's onboarding with the
// wizard's own screens. Before the password the keyboard is handed to the
// customer; what they type shows nowhere, not even as dots; the end comes
// back to the console.
func TestAgentContinue(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	grace := &dir.consumers[3] // a password not set yet
	grace.PasswordSet, grace.PhoneValidated = false, false
	fake := flowtest.New().Registered(api.Phone{CallingCode: "33", National: "612345603"}, "")
	h := newAgentHarness(t, dir, func(o *AgentOptions) {
		o.Wizard = &Options{Engine: flow.Engine{P: fake}, SecretTTL: 5 * time.Minute, ResendCooldown: 30 * time.Second,
			Policy: flow.Policy{Initial: time.Hour, Factor: 1, Max: time.Hour, Deadline: 24 * time.Hour}}
	})
	h.typeText("+33612345603")
	h.press(tea.KeyEnter)
	h.press(tea.KeyEnter)
	if v := h.view(); !strings.Contains(v, "c continue onboarding") {
		t.Fatalf("the detail offers no continue:\n%s", v)
	}
	h.key('c')
	t.Run("handover", h.goldenAs)
	if n := fake.Calls(flowtest.MSendSecret); n != 0 {
		t.Fatalf("an SMS went out before the customer had the keyboard (%d)", n)
	}
	h.press(tea.KeyEnter)
	if n := fake.Calls(flowtest.MSendSecret); n != 1 {
		t.Fatalf("SMS secrets sent once the customer has the keyboard: %d, want 1", n)
	}
	h.typeText("123456")
	h.press(tea.KeyEnter)
	const pw = "Correct-Horse-9"
	h.typeText(pw)
	h.ctrl('t') // reveal: not in an assisted run
	t.Run("password", h.goldenAs)
	if v := h.view(); strings.Contains(v, pw) || strings.Contains(v, "•••") || strings.Contains(v, "123456") {
		t.Fatalf("the screen shows what the customer typed:\n%s", v)
	}
	h.press(tea.KeyEnter)
	h.typeText(pw)
	h.press(tea.KeyEnter)
	t.Run("handback", h.goldenAs)
	if n := fake.Calls(flowtest.MStartKYC); n != 0 {
		t.Fatalf("the KYC started before the agent took the keyboard back (%d)", n)
	}
	h.press(tea.KeyEnter)
	if v := h.view(); !strings.Contains(v, "Prove your identity") || !strings.Contains(v, "WITH AGENT") || strings.Contains(v, pw) {
		t.Fatalf("after the hand back:\n%s", v)
	}
	h.ctrl('c')
	if h.quit {
		t.Fatal("ctrl+c in the customer's wizard quit the console")
	}
	if v := h.view(); !strings.Contains(v, "Stopped at the KYC step: press c to continue from there.") || !strings.Contains(v, "Grace Hopper 3") {
		t.Fatalf("back in the console:\n%s", v)
	}
}

// TestAgentContinueDone: an onboarded consumer has nothing to continue.
func TestAgentContinueDone(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	dir.consumers[1].EmailVerified = true
	h := newAgentHarness(t, dir, func(o *AgentOptions) { o.Wizard = &Options{Engine: flow.Engine{P: flowtest.New()}} })
	h.typeText("+33612345601")
	h.press(tea.KeyEnter)
	h.press(tea.KeyEnter)
	h.key('c')
	if v := h.view(); !strings.Contains(v, "Nothing to continue: every step is done.") {
		t.Fatalf("continue on an onboarded consumer:\n%s", v)
	}
}

// TestAgentFilters: tab walks LinkCy's back-office status filters, ←/→ changes one,
// and the search keeps only the consumers it names.
func TestAgentFilters(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	dir.consumers[4].Statuses[2].Value = "VALIDATED" // banking
	h := newAgentHarness(t, dir)
	h.press(tea.KeyTab)   // KYC
	h.press(tea.KeyTab)   // Overall
	h.press(tea.KeyTab)   // Banking
	h.press(tea.KeyRight) // VALIDATED
	t.Run("search", h.goldenAs)
	h.press(tea.KeyEnter)
	v := h.view()
	if !strings.Contains(v, "All consumers, Banking VALIDATED") || !strings.Contains(v, "1 found") || !strings.Contains(v, "Hopper 4") {
		t.Fatalf("filtered by banking status:\n%s", v)
	}
	if last := dir.calls[len(dir.calls)-1]; !strings.Contains(last, " VALIDATED page 0") {
		t.Errorf("the search asked = %s", last)
	}
	h.press(tea.KeyEscape)
	h.press(tea.KeyLeft) // back to any
	h.press(tea.KeyEnter)
	if v := h.view(); !strings.Contains(v, "12 found") {
		t.Fatalf("the filter back to any:\n%s", v)
	}
}

// TestAgentRefusesABadLink: a KYC link that is not a web address (a
// mock's "string") is said, never drawn as a QR code for the customer.
func TestAgentRefusesABadLink(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers(), kycURL: "string"}
	h := newAgentHarness(t, dir)
	h.typeText("+33612345602")
	h.press(tea.KeyEnter)
	h.press(tea.KeyEnter)
	h.key('k')
	v := h.view()
	if !strings.Contains(v, "cannot be opened") || strings.Contains(v, "▀▀▀") {
		t.Errorf("a bad link:\n%s", v)
	}
}

// TestAgentEmptySandbox: a console opened on a sandbox with no consumer
// says how to make one, not that a search found nothing: nothing was
// searched for yet.
func TestAgentEmptySandbox(t *testing.T) {
	h := newAgentHarness(t, &fakeDir{})
	v := h.view()
	if strings.Contains(v, "No consumer matches") || !strings.Contains(v, "No consumers yet: create one with ctrl+n.") {
		t.Errorf("the first screen on an empty sandbox:\n%s", v)
	}
}

// TestAgentFullHelp: the console lists every key of its page, as the
// wizard does: f1 on the search (where ? is typed), ? elsewhere, esc
// back; ? did nothing.
func TestAgentFullHelp(t *testing.T) {
	dir := &fakeDir{consumers: agentConsumers()}
	h := newAgentHarness(t, dir)
	h.typeText("Ada?")
	if strings.Contains(h.view(), "Press ? or esc to go back.") {
		t.Fatalf("? typed in the search opened the help:\n%s", h.view())
	}
	h.press(tea.KeyF1)
	mustContain(t, h.view(), "Keys", "ctrl+n", "new consumer", "Press ? or esc to go back.")
	h.press(tea.KeyEscape)
	if strings.Contains(h.view(), "Press ? or esc to go back.") {
		t.Fatalf("esc left the help shown:\n%s", h.view())
	}
	mustContain(t, h.view(), "Ada?")
}
