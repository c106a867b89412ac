package tui

import (
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/api/finhub"
	"github.com/onboard-cli/onboard/api/sandbox"
	"github.com/onboard-cli/onboard/api/sandbox/sandboxtest"
	"github.com/onboard-cli/onboard/flow"
	"github.com/onboard-cli/onboard/flow/flowtest"
	"github.com/onboard-cli/onboard/internal/i18n"
)

// orgPlan is FinHub's plan for a company, as its descriptor gives it.
func orgPlan() flow.Plan {
	p, _ := finhub.Describe().Plan(finhub.PlanOrganization)
	return flow.Plan(p.Steps)
}

// orgHarness is the wizard on FinHub's company plan against the sandbox,
// with a folder of documents for the picker.
func orgHarness(t *testing.T, st flow.State) (*harness, *sandboxtest.Env) {
	t.Helper()
	env := sandboxtest.Start(t, sandbox.Options{})
	docs := t.TempDir()
	pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	for _, name := range []string{"a-certificate.pdf", "b-articles.pdf", "c-camille-id.pdf", "d-ines-id.pdf"} {
		if err := os.WriteFile(filepath.Join(docs, name), pdf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, flowtest.New(), st, 80, 24, func(o *Options) {
		o.Engine.P, o.Plan, o.DocumentsDir = env.FinHubProvider(), orgPlan(), docs
		o.Engine.Now = nil // the sandbox keeps its own time
	})
	return h, env
}

// fill types values into the form's fields from the focused one on,
// tabbing between them ("" leaves a field as it is).
func (h *harness) fill(values ...string) {
	h.t.Helper()
	for i, v := range values {
		if i > 0 {
			h.press(tea.KeyTab)
		}
		h.typeText(v)
	}
}

// TestOrganizationWizard walks a company through the wizard against the
// sandbox: the company form (an error said as typed), the personnel table
// (the person at the keyboard first, a second owner, the running total
// over 100% refused), the KYB documents with the file picker, the
// reviewer page, the consents by the admin and the activation.
func TestOrganizationWizard(t *testing.T) {
	h, env := orgHarness(t, flow.State{Lang: "en"})
	if h.step() != flow.StepCompany {
		t.Fatalf("step %s, want the company", h.step())
	}
	h.fill("Atelier Lumen SAS", "RCS 852 146 379", "", "FR", "2031-06-12", "contact@lumen.example", "+33478123456",
		"18 rue des Tanneurs", "Lyon", "69002", "FR", "Camille", "Moreau", "camille@lumen.example", "Correct-Horse-9!", "Correct-Horse-9!")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepCompany || h.app.c.st.Org.ID != "" {
		t.Fatal("registered with an incorporation date in the future")
	}
	mustContain(t, h.view(), "The incorporation date is in the future")
	t.Run("company", func(t *testing.T) { h.goldenAs(t) })
	for range len("2031-06-12") {
		h.press(tea.KeyBackspace)
	}
	h.typeText("2019-06-12")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepPersonnel || h.app.c.st.Org.ID == "" || h.app.c.st.Session.Token == "" {
		t.Fatalf("after the company: step %s, org %q\n%s", h.step(), h.app.c.st.Org.ID, h.view())
	}
	mustContain(t, h.view(), "Camille Moreau", "admin")
	h.key('x') // the person at the keyboard stays: the list needs its first admin
	mustContain(t, h.view(), "you stay on its list", "Camille Moreau")

	h.press(tea.KeyEnter) // edit the first row: the person at the keyboard
	for range 4 {
		h.press(tea.KeyTab)
	}
	h.fill("1984-02-29", "FR")
	h.press(tea.KeyTab) // admin: yes already
	h.press(tea.KeyTab)
	h.press(tea.KeyTab)
	h.press(tea.KeyTab)
	h.press(tea.KeyRight) // director
	h.press(tea.KeyTab)   // director type: managing
	h.press(tea.KeyTab)
	h.press(tea.KeyRight) // shareholder
	h.press(tea.KeyTab)
	h.typeText("60")
	h.press(tea.KeyEnter)
	h.key('a')
	mustContain(t, h.view(), "e.g. 1980-05-15") // the example whole, not "e.g. 1980-05-"
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	if foot := lastLine(h.view()); !strings.Contains(foot, "enter save") {
		t.Errorf("the person editor's footer at 60 columns lacks enter: %q", foot)
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.fill("Inès", "Garnier", "ines@lumen.example", "", "1976-07-21", "FR")
	for range 4 {
		h.press(tea.KeyTab)
	}
	h.press(tea.KeyRight) // director
	h.press(tea.KeyTab)
	h.press(tea.KeyRight) // director type: executive
	h.press(tea.KeyTab)
	h.press(tea.KeyRight) // shareholder
	h.press(tea.KeyTab)
	h.typeText("60")
	h.press(tea.KeyEnter)
	h.key('s')
	if h.step() != flow.StepPersonnel || len(h.app.c.st.Org.Added) != 0 {
		t.Fatal("sent shares of 120%")
	}
	mustContain(t, h.view(), "Shares: 120% of 100% (20% over)", "◆ owner", "Inès Garnier · The shares total 120%, not 100%.")
	t.Run("personnel", func(t *testing.T) { h.goldenAs(t) })

	h.press(tea.KeyEnter) // edit Inès: 40%
	for range 12 {
		h.press(tea.KeyTab)
	}
	h.press(tea.KeyBackspace)
	h.press(tea.KeyBackspace)
	h.typeText("40")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "Shares: 100% of 100% ✓")
	h.key('s')
	if h.step() != flow.StepKYBDocuments || len(h.app.c.st.Org.Added) != 2 {
		t.Fatalf("after the personnel: step %s, added %d\n%s", h.step(), len(h.app.c.st.Org.Added), h.view())
	}
	mustContain(t, h.view(), "a-certificate.pdf")
	en := h.app.c.tr
	h.app.c.tr = i18n.New("fr") // the file picker's keys, in French (they stayed English)
	for _, k := range h.app.screen.Keys() {
		if d := k.Help().Desc; d == "up" || d == "down" || d == "open" || d == "close" || d == "select" {
			t.Errorf("the file picker's key %q says %q under French", k.Help().Key, d)
		}
	}
	h.app.c.tr = en
	for i := range 4 { // the certificate, the articles, Camille's ID, Inès's ID: each file in turn
		mustContain(t, h.view(), "a-certificate.pdf")
		for range i {
			h.press(tea.KeyDown)
		}
		h.press(tea.KeyEnter)
	}
	if h.step() != flow.StepKYBReview || h.app.c.st.Org.KYB.URL == "" {
		t.Fatalf("after the documents: step %s, KYB %+v\n%s", h.step(), h.app.c.st.Org.KYB, h.view())
	}
	if err := env.Phone().Press(context.Background(), h.app.c.st.Org.KYB.URL, "approve"); err != nil {
		t.Fatal(err)
	}
	h.tick("poll")
	if h.step() != flow.StepOrgConsents {
		t.Fatalf("after the approval: step %s\n%s", h.step(), h.view())
	}
	mustContain(t, h.view(), "accept all three as Camille Moreau")
	h.key('a')
	if h.step() != flow.StepOrgActivate || len(h.app.c.st.Org.Consents) != 3 || h.app.c.st.Org.Consents[0].AcceptedBy != "Camille Moreau" {
		t.Fatalf("after the consents: step %s, %+v", h.step(), h.app.c.st.Org.Consents)
	}
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "Say why the company opens this account")
	h.typeText("Supplier payments")
	h.press(tea.KeyEnter)
	if h.step() != flow.StepDone || !h.app.c.st.Org.Activated {
		t.Fatalf("after the activation: step %s\n%s", h.step(), h.view())
	}
	// Inès directs and owns but is no employee: no login of hers to ask for.
	mustContain(t, h.view(), "Atelier Lumen SAS is a customer of the bank", "Inès Garnier", "You log in with the password you chose.")
	if strings.Contains(h.view(), "resets their login") {
		t.Errorf("the last screen speaks of logins nobody else has:\n%s", h.view())
	}
	saved, _ := json.Marshal(flow.ProgressOf("finhub", h.app.c.st, flow.StepDone, h.clock.Now(), h.clock.Now()))
	if strings.Contains(string(saved), "Correct-Horse-9!") || !strings.Contains(string(saved), "Garnier") {
		t.Errorf("the progress: %s", saved)
	}

	// A run resumed after the activation holds no word of the provider's
	// on the account: the last screen reads the organisation, and says
	// what flow.Onboarded says.
	var p flow.Progress
	if err := json.Unmarshal(saved, &p); err != nil {
		t.Fatal(err)
	}
	resumed := p.Restore(flow.State{Lang: "en"})
	resumed.Session = h.app.c.st.Session
	again := newHarness(t, flowtest.New(), resumed, 80, 24, func(o *Options) {
		o.Engine.P, o.Plan, o.Engine.Now = env.FinHubProvider(), orgPlan(), nil
	})
	if again.step() != flow.StepDone || again.app.c.st.Account() != api.AccountActive {
		t.Fatalf("resumed: step %s, account %q\n%s", again.step(), again.app.c.st.Account(), again.view())
	}
	mustContain(t, again.view(), "Atelier Lumen SAS is a customer of the bank")
}

// TestOrganizationResumesInThePersonnel: a run stopped after the bank has
// its first person resumes from the progress file alone: the admin's
// password logs in again, the table keeps everyone typed, the person
// added is marked and can no longer be removed, and only the others are
// sent.
func TestOrganizationResumesInThePersonnel(t *testing.T) {
	h, env := orgHarness(t, flow.State{Lang: "en"})
	h.fill("Atelier Lumen SAS", "RCS 852 146 379", "", "FR", "2019-06-12", "contact@lumen.example", "+33478123456",
		"18 rue des Tanneurs", "Lyon", "69002", "FR", "Camille", "Moreau", "camille@lumen.example", "Correct-Horse-9!", "Correct-Horse-9!")
	h.press(tea.KeyEnter)
	st := h.app.c.st
	st.Organization = flow.Organization{Company: st.Organization.Company,
		Employees:    []flow.Employee{{Person: person("Camille", "Moreau", "camille@lumen.example"), Roles: []flow.Role{flow.RoleAdmin}}},
		Directors:    []flow.Director{{Person: person("Camille", "Moreau", "camille@lumen.example")}},
		Shareholders: []flow.Shareholder{{Person: person("Camille", "Moreau", "camille@lumen.example"), Share: 70}, {Person: person("Inès", "Garnier", "ines@lumen.example"), Share: 30}}}
	st, _, err := h.app.c.opts.Engine.AddPerson(context.Background(), st, st.PendingPeople()[0].API())
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(flow.ProgressOf("finhub", st, flow.StepPersonnel, h.clock.Now(), h.clock.Now()))
	if err != nil {
		t.Fatal(err)
	}
	var p flow.Progress
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, flowtest.New(), p.Restore(flow.State{Lang: "en"}), 80, 24, func(o *Options) {
		o.Engine.P, o.Plan = env.FinHubProvider(), orgPlan()
		o.Engine.Now = nil
	})
	if h2.step() != flow.StepLogin {
		t.Fatalf("resumed at %s, want the login (no session is kept)", h2.step())
	}
	h2.typeText("Correct-Horse-9!")
	h2.press(tea.KeyEnter)
	if h2.step() != flow.StepPersonnel {
		t.Fatalf("after the login: step %s\n%s", h2.step(), h2.view())
	}
	mustContain(t, h2.view(), "✓ Camille Moreau", "Inès Garnier", "Shares: 100% of 100% ✓")
	h2.key('x')
	mustContain(t, h2.view(), "a person once added cannot be removed")
	h2.key('s')
	if h2.step() != flow.StepKYBDocuments || len(h2.app.c.st.Org.Added) != 2 {
		t.Fatalf("after sending: step %s, added %+v", h2.step(), h2.app.c.st.Org.Added)
	}
}

func person(first, last, email string) flow.Person {
	return flow.Person{FirstName: first, LastName: last, Email: email, DateOfBirth: "1980-01-15", Nationality: "FR"}
}

// TestKindChoice: with a company plan to offer, a new run first asks whom
// the account is for; the company's plan starts at the company form.
func TestKindChoice(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []rune
		want flow.Step
	}{
		{"for myself", nil, flow.StepCategory},
		{"for my company", []rune{tea.KeyDown}, flow.StepCompany},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := sandboxtest.Start(t, sandbox.Options{})
			h := newHarness(t, flowtest.New(), flow.State{Lang: "en"}, 80, 24, func(o *Options) {
				o.Engine.P, o.Plan, o.CompanyPlan = env.FinHubProvider(), finhubPlan(), orgPlan()
				o.Engine.Now = nil
			})
			mustContain(t, h.view(), "Who is the account for?", "For my company")
			if h.app.saving {
				t.Fatal("a progress save is left unanswered: the wizard could never finish")
			}
			for _, k := range tc.keys {
				h.press(k)
			}
			h.press(tea.KeyEnter)
			if h.step() != tc.want {
				t.Fatalf("step %s, want %s", h.step(), tc.want)
			}
		})
	}
}

// TestSampleDocumentsWhenChosen: a demo's sample documents are written
// when the person chooses the company, never for a person; when they
// cannot be, the company form still comes, with a line that says the
// files will be asked for.
func TestSampleDocumentsWhenChosen(t *testing.T) {
	for _, tc := range []struct {
		name  string
		keys  []rune
		fail  error
		calls int
	}{
		{"for myself", nil, nil, 0},
		{"for my company", []rune{tea.KeyDown}, nil, 1},
		{"for my company, no folder", []rune{tea.KeyDown}, errors.New("read-only"), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := sandboxtest.Start(t, sandbox.Options{})
			sample := flow.Organization{Company: flow.Company{LegalName: "Analytical Engines SAS"}}
			calls := 0
			h := newHarness(t, flowtest.New(), flow.State{Lang: "en"}, 80, 24, func(o *Options) {
				o.Engine.P, o.Plan, o.CompanyPlan = env.FinHubProvider(), finhubPlan(), orgPlan()
				o.Engine.Now = nil
				o.SampleCompany = &sample
				o.SampleDocuments = func(org flow.Organization) (flow.Organization, string, error) {
					calls++
					org.Documents = []flow.Document{{Type: "CERTIFICATE_OF_INCORPORATION", File: "/tmp/demo/c.pdf"}}
					return org, "/tmp/demo", tc.fail
				}
			})
			if calls != 0 {
				t.Fatal("the documents were written before the choice")
			}
			for _, k := range tc.keys {
				h.press(k)
			}
			h.press(tea.KeyEnter)
			if calls != tc.calls {
				t.Fatalf("written %d times, want %d", calls, tc.calls)
			}
			docs, dir := h.app.c.st.Organization.Documents, h.app.c.opts.DocumentsDir
			switch {
			case tc.calls == 0:
				return
			case tc.fail == nil && (len(docs) != 1 || dir != "/tmp/demo"):
				t.Errorf("documents %v in %q, want the sample's in /tmp/demo", docs, dir)
			case tc.fail != nil:
				mustContain(t, strings.Join(strings.Fields(h.view()), " "), "could not be written; choose the company's files when asked")
			}
			if h.step() != flow.StepCompany || h.app.c.st.Organization.Company.LegalName != "Analytical Engines SAS" {
				t.Errorf("step %s, company %q", h.step(), h.app.c.st.Organization.Company.LegalName)
			}
		})
	}
}

// companyForm is a new run in lang on FinHub that chose "for my
// company": the company form.
func companyForm(t *testing.T, lang string) (*harness, *companyScreen) {
	t.Helper()
	env := sandboxtest.Start(t, sandbox.Options{})
	h := newHarness(t, flowtest.New(), flow.State{Lang: lang}, 80, 24, func(o *Options) {
		o.Engine.P, o.Plan, o.CompanyPlan = env.FinHubProvider(), finhubPlan(), orgPlan()
		o.Engine.Now = nil
	})
	h.press(tea.KeyDown)
	h.press(tea.KeyEnter)
	cs, ok := h.app.screen.(*companyScreen)
	if !ok {
		t.Fatalf("step %s, not the company form", h.step())
	}
	return h, cs
}

// TestCompanyFormTakesQuestionMarks: in the company form's text fields
// ? is a character (a password may hold one) and f1 shows every key, as
// in the person's forms; ? typed used to open the help instead.
func TestCompanyFormTakesQuestionMarks(t *testing.T) {
	h, cs := companyForm(t, "en")
	h.typeText("Why? Ltd")
	if h.app.fullHelp || cs.form.fields[cs.form.focus].in.Value() != "Why? Ltd" {
		t.Fatalf("typed \"Why? Ltd\": help shown %v, field %q", h.app.fullHelp, cs.form.fields[cs.form.focus].in.Value())
	}
	mustContain(t, h.view(), "f1 all keys")
	h.press(tea.KeyF1)
	if !h.app.fullHelp {
		t.Error("f1 does not show every key")
	}
	h.key('?') // "Press ? or esc to go back": back, and nothing typed
	if h.app.fullHelp || cs.form.fields[cs.form.focus].in.Value() != "Why? Ltd" {
		t.Errorf("? on the help: help shown %v, field %q", h.app.fullHelp, cs.form.fields[cs.form.focus].in.Value())
	}
}

// TestCompanyFormFrench: the company form's checks speak the person's
// language (the password's was English under --lang fr).
func TestCompanyFormFrench(t *testing.T) {
	_, cs := companyForm(t, "fr")
	cs.form.tried = true // every field's problem said, as after enter
	got := strings.Join(strings.Fields(cs.form.errOf(coPassword)), " ")
	if !strings.Contains(got, "au moins 8 caractères") || strings.Contains(got, "password") {
		t.Errorf("the empty password's problem in French: %q", got)
	}
	// The organisation's own rules (flow/organization_rules.go) were
	// plain errors, said in English whatever the language.
	cs.form.fields[coPhone].in.SetValue("0478")
	cs.form.fields[coIncorporated].in.SetValue("2019-13-45")
	for _, f := range []int{coPhone, coIncorporated} {
		if got := strings.ToLower(cs.form.errOf(f)); !strings.Contains(got, "écrivez") {
			t.Errorf("field %d's problem in French: %q", f, got)
		}
	}
}

// TestCompanyFormLongChoiceAtSixty: at 60×20 in French, the legal form
// ("société à responsabilité limitée") keeps to three lines, the last
// ending in "…", unless focused, so the rows under it stay in the window
// (it took six, and the phone's row was not drawn).
func TestCompanyFormLongChoiceAtSixty(t *testing.T) {
	h, cs := companyForm(t, "fr")
	for i, c := range cs.form.fields[coLegalForm].choices {
		if c == "LIMITED_LIABILITY_COMPANY" {
			cs.form.fields[coLegalForm].choice = i
		}
	}
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	short := strings.Split(cs.form.choiceShort(coLegalForm, 9), "\n")
	if len(short) > choiceLinesMax || !strings.HasSuffix(short[len(short)-1], "…") {
		t.Errorf("the unfocused legal form in 9 cells: %q", short)
	}
	mustContain(t, h.view(), "Téléphone")
	for cs.form.focus != coLegalForm {
		h.press(tea.KeyTab)
	}
	row := ansi.Strip(cs.form.row(coLegalForm, cs.form.labelWidth(0, coLeftRows-1), cs.colW()-1))
	if strings.Contains(row, "…") || !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(row, "-\n", "")), " "), "limitée") {
		t.Errorf("the focused legal form is cut:\n%s", row)
	}
}

// TestCompanyFormFitsItsLabels: in French, whose labels are wider, at
// 80 columns, a short value is shown whole and no row of the form is cut
// with "…" (each row used to end in one: label and input overran the
// column); a long value scrolls inside its input.
func TestCompanyFormFitsItsLabels(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		h, cs := companyForm(t, lang)
		cs.form.fields[coRegNumber].in.SetValue("RCS 852 146 379")
		cs.form.fields[coLegalName].in.SetValue("Analytical Engines of the Difference Ltd")
		for _, w := range []int{80, 60} { // at 60 the legal form takes four lines in French
			h.send(tea.WindowSizeMsg{Width: w, Height: 24})
			view := h.view()
			if w == 80 {
				mustContain(t, view, "RCS 852 146 379")
			}
			if w == 80 { // at 80 columns nothing is cut
				for _, l := range strings.Split(view, "\n") {
					if strings.Contains(l, "…") && !strings.Contains(l, "Registering") && !strings.Contains(l, "Enregistrement") {
						t.Errorf("%s at %d columns: a row is cut: %q", lang, w, l)
					}
				}
				continue
			}
			// Narrower, a value or an example may be cut, never without a
			// mark: each unfocused field shows its text whole, or its start
			// and "…" ("e.g. 2015-03-" read as a date that was cut).
			for i, ff := range cs.form.fields {
				text := ff.in.Value()
				if text == "" {
					text = ff.hint
				}
				if ff.choices != nil || i == cs.form.focus || text == "" || ff.in.EchoMode != textinput.EchoNormal {
					continue
				}
				shown := strings.TrimRight(ansi.Strip(cutView(ff.in)), " ")
				cut := lipgloss.Width(text) > ff.in.Width()+1
				if lipgloss.Width(shown) > ff.in.Width()+1 || cut != strings.HasSuffix(shown, "…") || !strings.HasPrefix(text, strings.TrimSuffix(shown, "…")) {
					t.Errorf("%s at %d columns: %q (in %d cells) is shown as %q", lang, w, text, ff.in.Width()+1, shown)
				}
				mustContain(t, view, shown)
			}
		}
	}
}

// atPersonnel is a company registered by Camille Moreau, its first admin
// and only person yet, logged in: the personnel step, in lang.
func atPersonnel(lang string) flow.State {
	st := flow.State{Lang: lang, FirstName: "Camille", LastName: "Moreau", Email: "camille@lumen.example"}
	st.Org.ID = "org-1"
	st.Session = api.Session{Token: "t", ExpiresAt: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}
	st.Organization = flow.Organization{Company: flow.Company{LegalName: "Atelier Lumen SAS"},
		Employees: []flow.Employee{{Person: person("Camille", "Moreau", "camille@lumen.example"), Roles: []flow.Role{flow.RoleAdmin}}}}
	return st
}

// TestPersonnelFrench: the personnel table in French, at 80×24, with the
// running total over 100%, the owners flagged and the problem said.
func TestPersonnelFrench(t *testing.T) {
	st := atPersonnel("fr")
	st.Organization.Directors = []flow.Director{{Person: person("Camille", "Moreau", "camille@lumen.example")}}
	st.Organization.Shareholders = []flow.Shareholder{{Person: person("Camille", "Moreau", "camille@lumen.example"), Share: 60},
		{Person: person("Inès", "Garnier", "ines@lumen.example"), Share: 50}}
	h := newHarness(t, flowtest.New(), st, 80, 24, func(o *Options) { o.Plan = orgPlan() })
	if h.step() != flow.StepPersonnel {
		t.Fatalf("step %s", h.step())
	}
	h.key('s')
	mustContain(t, h.view(), "Parts : 110\u00a0% sur 100\u00a0% (10\u00a0% de trop)", "Inès Garnier · Les parts font 110\u00a0% en tout, pas 100\u00a0%.")
	h.golden()
}

// TestPersonFormInFrench: the person editor's refusals (no role, a
// share that is no number) are said in French: they were errors.New in
// English, which Printer.Err passes through as they are.
func TestPersonFormInFrench(t *testing.T) {
	h := newHarness(t, flowtest.New(), atPersonnel("fr"), 80, 24, func(o *Options) { o.Plan = orgPlan() })
	h.key('a')
	h.fill("Inès", "Garnier", "ines@lumen.example", "", "1976-07-21", "FR")
	h.press(tea.KeyEnter)
	mustContain(t, h.view(), "Donnez un rôle à la personne")
	if _, err := parseShare("soixante"); i18n.New("fr").Err(err) != "tapez la part en chiffres, par ex. 60 ou 33,34" {
		t.Errorf("a share that is no number, in French: %q", i18n.New("fr").Err(err))
	}
}

// TestSharesTotalWords: the running total under the table says what is
// left in words a person reads at once: none yet, what is left to give,
// too many, done; in English and French.
func TestSharesTotalWords(t *testing.T) {
	cases := []struct {
		shares   []float64
		en, fr   string
		complete bool
	}{
		{nil, "Shares: none yet (they must total 100%)", "Parts : aucune pour l’instant (elles doivent totaliser 100\u00a0%)", false},
		{[]float64{60}, "Shares: 60% of 100% (40% left to give)", "Parts : 60\u00a0% sur 100\u00a0% (reste 40\u00a0%)", false},
		{[]float64{60, 50.5}, "Shares: 110.5% of 100% (10.5% over)", "Parts : 110,5\u00a0% sur 100\u00a0% (10,5\u00a0% de trop)", false},
		{[]float64{60, 40}, "Shares: 100% of 100% ✓", "Parts : 100\u00a0% sur 100\u00a0% ✓", true},
	}
	for _, c := range cases {
		for lang, want := range map[string]string{"en": c.en, "fr": c.fr} {
			st := flow.State{Lang: lang}
			for i, v := range c.shares {
				st.Organization.Shareholders = append(st.Organization.Shareholders,
					flow.Shareholder{Person: person("P", strconv.Itoa(i), "p@lumen.example"), Share: v})
			}
			s := &personnelScreen{c: &common{st: st, styles: NewStyles(true), tr: i18n.New(lang)}}
			if got := ansi.Strip(s.total()); !strings.HasPrefix(got, want) {
				t.Errorf("%s, shares %v: %q, want %q", lang, c.shares, got, want)
			}
		}
	}
	// The owners' legend, whenever a ◆ shows and the line has room.
	st := flow.State{Lang: "en"}
	st.Organization.Shareholders = []flow.Shareholder{{Person: person("P", "A", "a@lumen.example"), Share: 60}}
	s := &personnelScreen{c: &common{st: st, styles: NewStyles(true), tr: i18n.New("en"), width: 80}}
	if got := ansi.Strip(s.total()); got != "Shares: 60% of 100% (40% left to give)  ◆ owner: 25% or more, ID needed" {
		t.Errorf("at 80 columns, one owner: %q", got)
	}
	s.c.width = 50
	if got := ansi.Strip(s.total()); got != "Shares: 60% of 100% (40% left to give)" {
		t.Errorf("at 50 columns: %q", got)
	}
	st.Lang = "fr" // the longest French totals have their legend at 80 columns too
	for _, second := range []float64{50.5, 37.5} {
		st.Organization.Shareholders = []flow.Shareholder{{Person: person("P", "A", "a@lumen.example"), Share: 60},
			{Person: person("P", "B", "b@lumen.example"), Share: second}}
		s = &personnelScreen{c: &common{st: st, styles: NewStyles(true), tr: i18n.New("fr"), width: 79}}
		if got := ansi.Strip(s.total()); !strings.HasSuffix(got, "◆ bénéficiaire : 25\u00a0% ou plus") {
			t.Errorf("at 79 columns (80 less the gutter), in French: %q", got)
		}
	}
	// The problem the bank's rules find says the total the same way.
	st = flow.State{Lang: "fr"}
	st.Organization.Shareholders = []flow.Shareholder{{Person: person("P", "A", "a@lumen.example"), Share: 60},
		{Person: person("P", "B", "b@lumen.example"), Share: 50.5}}
	var said []string
	for _, p := range st.Organization.PersonnelProblems(time.Now()) {
		said = append(said, i18n.New("fr").M(p.Text()))
	}
	if !slices.ContainsFunc(said, func(s string) bool { return strings.Contains(s, "110,5\u00a0%") }) {
		t.Errorf("no French problem says 110,5 %%: %q", said)
	}
}

// TestPersonnelScrolls: a long personnel fits 80×24, the cursor's row in
// sight and what is not said.
func TestPersonnelScrolls(t *testing.T) {
	st := flow.State{Lang: "en", FirstName: "Camille", LastName: "Moreau", Email: "p0@lumen.example"}
	st.Org.ID = "org-1"
	st.Session = api.Session{Token: "t", ExpiresAt: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)}
	for i := range 30 {
		p := person("Person", "Number"+strconv.Itoa(i), "p"+strconv.Itoa(i)+"@lumen.example")
		st.Organization.Employees = append(st.Organization.Employees, flow.Employee{Person: p, Roles: []flow.Role{flow.RoleApprover}})
	}
	h := newHarness(t, flowtest.New(), st, 80, 24, func(o *Options) { o.Plan = orgPlan() })
	mustContain(t, h.view(), "Person Number0", "more: ↑/↓ to see them")
	for range 29 {
		h.press(tea.KeyDown)
	}
	v := h.view()
	mustContain(t, v, "▸  Person Number29")
	if strings.Contains(v, "Person Number0 ") || strings.Count(v, "\n") > 23 {
		t.Errorf("the table does not scroll:\n%s", v)
	}
}

// TestOrgDoneWraps: the company's last screen wraps its closing paragraph
// at spaces (internal/wrap), never inside a word, at 80×24 and 60×20.
func TestOrgDoneWraps(t *testing.T) {
	camille := flow.Person{FirstName: "Camille", LastName: "Moreau", Email: "camille@lumen.example"}
	ines := flow.Person{FirstName: "Inès", LastName: "Garnier", Email: "ines.garnier@lumen.example"}
	st := flow.State{Lang: "en", Session: api.Session{Token: "access-0", RefreshToken: "refresh-0"}}
	st.Organization = flow.Organization{
		Company:      flow.Company{LegalName: "Atelier Lumen SAS", Country: "FR"},
		Employees:    []flow.Employee{{Person: camille, Roles: []flow.Role{flow.RoleAdmin}}, {Person: ines, Roles: []flow.Role{flow.RoleApprover}}},
		Directors:    []flow.Director{{Person: ines}},
		Shareholders: []flow.Shareholder{{Person: ines, Share: 100}},
	}
	st.Org = flow.OrgState{ID: "org-3f1c9a2e-7b4d-4e0a-9c1d-2b8e6f5a4c3d", KYB: api.KYB{ID: "kyb-1", Status: api.KYCApproved}, Activated: true}
	for _, c := range flow.ConsentTypes() {
		st.Org.Consents = append(st.Org.Consents, api.OrgConsent{Type: c, AcceptedBy: "camille@lumen.example"})
	}
	for _, m := range st.Organization.Members() {
		st.Org.Added = append(st.Org.Added, flow.AddedPerson{Key: flow.PersonKey(m.API()), Name: m.Name()})
	}
	st.Org.Account = api.AccountActive
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarness(t, flowtest.New(), st, size[0], size[1], func(o *Options) { o.Plan = orgPlan() })
			v := h.view()
			mustContain(t, v, "Atelier Lumen SAS is a customer of the bank", "Inès Garnier", "(FinHub's \"reset")
			for _, word := range []string{"password", "address.", "resets"} {
				if !strings.Contains(v, word) {
					t.Errorf("%q is cut:\n%s", word, v)
				}
			}
			h.goldenAs(t)
		})
	}
}

// TestActivationReasonTakesQuestionMarks: the activation's reason is
// free text, so ? is typed there and f1 shows every key, as in every
// other field (it opened the help).
func TestActivationReasonTakesQuestionMarks(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{}, 80, 24)
	s := newOrgActivateScreen(h.app.c)
	if !typingIn(s) || moreKey(h.app.c, typingIn(s)).Help().Key != "f1" {
		t.Error("the reason field does not take ?")
	}
}

// TestKindChosenOnce: a second enter while the chosen plan is on its way
// (a demo writes its sample documents first) starts nothing again.
func TestKindChosenOnce(t *testing.T) {
	h := newHarness(t, flowtest.New(), flow.State{}, 80, 24)
	s := newKindScreen(h.app.c)
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	if _, cmd := s.Update(enter); cmd == nil {
		t.Fatal("enter chose nothing")
	}
	if _, cmd := s.Update(enter); cmd != nil {
		t.Error("a second enter chose the plan again")
	}
}

// TestFormErrorNamesItsField: on a form tried with enter, the focus on a
// choice (never wrong) or on a field that is right, the error shown
// under the form says which field it is about; on the wrong field, its
// own error alone. In English and French.
func TestFormErrorNamesItsField(t *testing.T) {
	for lang, want := range map[string]string{"en": "✗ Legal name · ", "fr": "✗ Raison sociale · "} {
		h, cs := companyForm(t, lang)
		h.press(tea.KeyEnter)
		for cs.form.focus != coLegalForm {
			h.press(tea.KeyTab)
		}
		said := cs.form.focusErr()
		if !strings.HasPrefix(said, want) || !strings.Contains(h.view(), strings.TrimSpace(want)) {
			t.Errorf("%s, a choice focused: %q, want it to start %q", lang, said, want)
		}
		for cs.form.focus != coLegalName {
			h.press(tea.KeyTab)
		}
		if said := cs.form.focusErr(); strings.HasPrefix(said, "✗") || said != cs.form.errOf(coLegalName) {
			t.Errorf("%s, the wrong field focused: %q, want its own error alone", lang, said)
		}
		// The registered office's Country, the only wrong field left, is
		// named apart from the company's.
		for _, i := range []int{coLegalName, coRegNumber, coCountry, coIncorporated, coEmail, coPhone, coStreet, coCity, coPostal, coFirst, coLast, coYourEmail, coPassword, coConfirm} {
			cs.form.fields[i].in.SetValue(map[int]string{coLegalName: "Acme Ltd", coRegNumber: "RCS 852 146 379", coCountry: "FR",
				coIncorporated: "2015-03-20", coEmail: "hello@acme.example", coPhone: "+442071234567", coStreet: "1 High Street",
				coCity: "Lyon", coPostal: "69002", coFirst: "Ada", coLast: "Lovelace", coYourEmail: "ada@acme.example",
				coPassword: "S3cure-pass!2026", coConfirm: "S3cure-pass!2026"}[i])
		}
		office := map[string]string{"en": "✗ Registered office's country · ", "fr": "✗ Pays du siège social · "}[lang]
		if said := cs.form.focusErr(); !strings.HasPrefix(said, office) {
			t.Errorf("%s, the office's country wrong: %q, want it to start %q", lang, said, office)
		}
	}
}

// TestCompanyFormErrorInSight: at 60×20 the form is taller than the
// window, and what enter on a wrong form says is where it is seen (it
// was under the form, below the window: enter seemed to do nothing).
func TestCompanyFormErrorInSight(t *testing.T) {
	h, cs := companyForm(t, "en")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.press(tea.KeyEnter)
	said := cs.form.focusErr()
	if said == "" {
		t.Fatal("enter on an empty form said nothing")
	}
	mustContain(t, h.view(), said)
	// Room at 80×24: said under the form, the description kept, and how
	// many more fields the ✗ marks.
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	mustContain(t, h.view(), "The bank registers the company with these", said, "14 fields are marked\u00a0✗")
}
