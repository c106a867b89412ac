package finhub_test

import (
	"context"
	"errors"
	"github.com/onboard-cli/onboard/api/sandbox/outbox"
	"net/http"
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
)

func kindOf(err error) api.Kind {
	if e, ok := api.AsError(err); ok {
		return e.Kind
	}
	return -1
}

// pdf is the smallest file the sandbox takes for a PDF.
var pdf = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

func ada(category string) api.Registration {
	return api.Registration{Phone: api.Phone{CallingCode: "370", National: "60012345"}, FirstName: "Ada", LastName: "Lovelace",
		Email: "ada@example.com", BirthDate: api.Date{Year: 1990, Month: 5, Day: 15}, Gender: "FEMALE", Nationality: "LT",
		Category: category, Password: "Correct-Horse-9!"}
}

// loggedIn starts a sandbox, registers ada in category and logs her in.
func loggedIn(t *testing.T, category string) (*sandboxtest.Env, *finhub.Provider, api.Session) {
	t.Helper()
	env := sandboxtest.Start(t, sandbox.Options{})
	p := env.FinHubProvider()
	reg, err := p.Register(context.Background(), ada(category))
	if err != nil {
		t.Fatal(err)
	}
	s, err := p.Login(context.Background(), api.Who{Email: "ada@example.com", ConsumerID: reg.ConsumerID, UserID: reg.UserID}, "Correct-Horse-9!")
	if err != nil {
		t.Fatal(err)
	}
	return env, p, s
}

// TestWalk is the individual onboarding through the provider, every
// request and answer checked against api/finhub/openapi.yaml: categories →
// register → login → verification (documents, then the review page) →
// three consents → activation with the emailed code.
func TestWalk(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	p := env.FinHubProvider()
	ctx := context.Background()

	cats, err := p.Categories(ctx)
	if err != nil || len(cats) != 3 || cats[0].Risk != "LOW" || cats[2].Risk != "HIGH" {
		t.Fatalf("categories = %+v, %v; want three, lowest risk first", cats, err)
	}
	reg, err := p.Register(ctx, ada("STANDARD_INDIVIDUAL"))
	if err != nil || reg.ConsumerID == "" || reg.UserID == "" {
		t.Fatalf("register = %+v, %v", reg, err)
	}
	if _, err := p.Register(ctx, ada("STANDARD_INDIVIDUAL")); !errors.Is(err, api.ErrPhoneTaken) {
		t.Errorf("the same email again: %v; want already registered", err)
	}
	who := api.Who{Email: "ada@example.com", ConsumerID: reg.ConsumerID, UserID: reg.UserID}
	if _, err := p.Login(ctx, who, "not-the-password"); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("a wrong password: %v", err)
	}
	s, err := p.Login(ctx, who, "Correct-Horse-9!")
	if err != nil || s.Token == "" || s.RefreshToken == "" || s.ExpiresAt.IsZero() || s.UserID != reg.UserID {
		t.Fatalf("login = %v, %v", s, err)
	}

	// Activation before its prerequisites: refused in a 200 envelope.
	if err := p.Activate(ctx, s, who, "123456"); kindOf(err) != api.KindConflict {
		t.Errorf("early activation: %v (kind %v); want a conflict", err, kindOf(err))
	}

	link, err := p.StartKYC(ctx, s)
	if err != nil || link.ID == "" || len(link.Documents) != 2 || link.URL != "" {
		t.Fatalf("start KYC = %+v, %v; want two documents and no page yet", link, err)
	}
	again, err := p.StartKYC(ctx, s)
	if err != nil || again.ID != link.ID {
		t.Errorf("starting again = %+v, %v; want the open verification", again, err)
	}
	for _, doc := range link.Documents {
		if err := p.UploadDocument(ctx, s, link.ID, api.Document{Type: doc, FileName: strings.ToLower(doc) + ".pdf", MimeType: "application/pdf", Content: pdf}); err != nil {
			t.Fatalf("upload %s: %v", doc, err)
		}
	}
	link, err = p.StartKYC(ctx, s)
	if err != nil || len(link.Documents) != 0 || link.Status != api.KYCPendingReview || !strings.Contains(link.URL, link.ID) {
		t.Fatalf("after the uploads = %+v, %v; want the review page", link, err)
	}
	if err := env.Phone().Press(ctx, link.URL, "approve"); err != nil {
		t.Fatal(err)
	}
	if st, err := p.KYCStatus(ctx, s, link.ID); err != nil || st != api.KYCApproved {
		t.Fatalf("after approval: %v, %v", st, err)
	}

	snap, err := p.Snapshot(ctx, s)
	if err != nil || snap.TermsAccepted || snap.KYC != api.KYCApproved || snap.Activated {
		t.Fatalf("snapshot before the consents = %+v, %v", snap, err)
	}
	if err := p.AcceptTerms(ctx, s, finhub.TermsVersion); err != nil {
		t.Fatal(err)
	}
	// The code goes out once the customer may be activated.
	msg, err := env.Phone().Last(ctx, "ada@example.com", func(m outbox.Message) bool { return m.Code != "" })
	if err != nil || !strings.HasPrefix(msg.Code, "ACTIVATION_CODE_") { // free-form, as FinHub's documentation shows them
		t.Fatalf("the activation email: %+v, %v", msg, err)
	}
	if err := p.Activate(ctx, s, who, "000000"); !errors.Is(err, api.ErrInvalidCode) {
		t.Errorf("a wrong code: %v", err)
	}
	if err := p.Activate(ctx, s, who, msg.Code); err != nil {
		t.Fatalf("activate: %v", err)
	}
	snap, err = p.Snapshot(ctx, s)
	if err != nil || !snap.Activated || !snap.TermsAccepted {
		t.Fatalf("snapshot after = %+v, %v", snap, err)
	}

	// Refresh spends the refresh token; logout ends the session.
	n, err := p.Refresh(ctx, s)
	if err != nil || n.Token == s.Token {
		t.Fatalf("refresh = %v, %v", n, err)
	}
	if _, err := p.Refresh(ctx, s); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("a spent refresh token: %v", err)
	}
	if err := p.Logout(ctx, n); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Snapshot(ctx, n); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("after logout: %v", err)
	}
}

// TestIsolationAndHeaders: one customer's token cannot read another's
// account, and a call without the documented headers is refused.
func TestIsolationAndHeaders(t *testing.T) {
	env, p, s := loggedIn(t, "LOW_RISK_INDIVIDUAL")
	ctx := context.Background()
	other := ada("LOW_RISK_INDIVIDUAL")
	other.Email = "grace@example.com"
	b, err := p.Register(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	s.ConsumerID = b.ConsumerID
	if _, err := p.Snapshot(ctx, s); !errors.Is(err, api.ErrForbidden) {
		t.Errorf("another customer's account: %v", err)
	}

	req, _ := http.NewRequest(http.MethodGet, env.URL("finhub/api/v2.1")+"customer/individual/categorization/hierarchy/"+sandbox.DefaultFinHubTenantID, nil)
	req.Header.Set("X-Tenant-ID", sandbox.DefaultFinHubTenantID)
	resp, err := env.HTTP.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("without X-Forwarded-For and the rest: %d; want 400", resp.StatusCode)
	}
}

// TestDocumentChecks: an empty or mislabelled file is refused with the
// field named, and nothing is recorded.
func TestDocumentChecks(t *testing.T) {
	_, p, s := loggedIn(t, "LOW_RISK_INDIVIDUAL")
	ctx := context.Background()
	link, err := p.StartKYC(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	err = p.UploadDocument(ctx, s, link.ID, api.Document{Type: "PASSPORT", FileName: "id.png", MimeType: "image/png", Content: pdf})
	if e, ok := api.AsError(err); !ok || e.Kind != api.KindInvalid || len(e.Fields) == 0 || e.Fields[0].Field != "fileContent" {
		t.Errorf("a PDF sent as a PNG: %v", err)
	}
	if again, _ := p.StartKYC(ctx, s); len(again.Documents) != 1 {
		t.Errorf("a refused upload counted: %+v", again)
	}
}

// TestAttemptsAreCounted: wrong passwords and wrong activation codes are
// counted across requests (the count commits with the refusal): the fifth
// wrong password locks the login, and the activation code counts down.
func TestAttemptsAreCounted(t *testing.T) {
	env := sandboxtest.Start(t, sandbox.Options{})
	p := env.FinHubProvider()
	ctx := context.Background()
	reg, err := p.Register(ctx, ada("LOW_RISK_INDIVIDUAL"))
	if err != nil {
		t.Fatal(err)
	}
	who := api.Who{Email: "ada@example.com", ConsumerID: reg.ConsumerID, UserID: reg.UserID}
	for i := range 5 {
		if _, err := p.Login(ctx, who, "wrong-password"); !errors.Is(err, api.ErrUnauthorized) {
			t.Fatalf("wrong password %d: %v", i+1, err)
		}
	}
	if _, err := p.Login(ctx, who, "Correct-Horse-9!"); !errors.Is(err, api.ErrRateLimited) {
		t.Fatalf("after five wrong passwords, the right one: %v; want the login locked", err)
	}

	other := ada("LOW_RISK_INDIVIDUAL")
	other.Email = "grace@example.com"
	reg, err = p.Register(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	who = api.Who{Email: "grace@example.com", ConsumerID: reg.ConsumerID, UserID: reg.UserID}
	s, err := p.Login(ctx, who, "Correct-Horse-9!")
	if err != nil {
		t.Fatal(err)
	}
	link, err := p.StartKYC(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.UploadDocument(ctx, s, link.ID, api.Document{Type: "PASSPORT", FileName: "id.pdf", MimeType: "application/pdf", Content: pdf}); err != nil {
		t.Fatal(err)
	}
	if link, err = p.StartKYC(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := env.Phone().Press(ctx, link.URL, "approve"); err != nil {
		t.Fatal(err)
	}
	if err := p.AcceptTerms(ctx, s, finhub.TermsVersion); err != nil {
		t.Fatal(err)
	}
	for _, left := range []string{"4 tries left", "3 tries left"} {
		err := p.Activate(ctx, s, who, "000000")
		if e, ok := api.AsError(err); !ok || !strings.Contains(e.Message, left) {
			t.Fatalf("a wrong code: %v; want %q", err, left)
		}
	}
}
