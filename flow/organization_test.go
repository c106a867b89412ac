package flow

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/onboard-cli/onboard/api"
)

var orgNow = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

// goodOrg is a valid organisation: an admin employee who is also a
// director and a 60% shareholder, a second director with 40%.
func goodOrg() Organization {
	ada := Person{FirstName: "Ada", LastName: "Byron", Email: "ada@example.com", DateOfBirth: "1980-05-15", Nationality: "GB", IDDocument: "ada.png"}
	bob := Person{FirstName: "Bob", LastName: "Marley", Email: "bob@example.com", DateOfBirth: "1975-01-02", Nationality: "FR", IDDocument: "bob.png"}
	return Organization{
		Company: Company{LegalName: "Acme Ltd", RegistrationNumber: "REG-1234567", Country: "GB", LegalForm: "LIMITED_LIABILITY_COMPANY",
			IncorporationDate: "2015-03-20", Address: Address{Street: "1 High St", City: "London", PostalCode: "N1 9GU", Country: "GB"},
			Email: "hello@acme.example", Phone: "+442071234567"},
		Employees:    []Employee{{Person: ada, Roles: []Role{RoleAdmin}}},
		Directors:    []Director{{Person: ada, Type: "MANAGING_DIRECTOR"}, {Person: bob}},
		Shareholders: []Shareholder{{Person: ada, Share: 60}, {Person: bob, Share: 40}},
		Documents:    []Document{{Type: "CERTIFICATE_OF_INCORPORATION", File: "cert.pdf"}},
	}
}

func TestOrganizationRules(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Organization)
		want   string // one problem's Error(), "" for none
	}{
		{"valid", func(*Organization) {}, ""},
		{"first employee not admin", func(o *Organization) { o.Employees[0].Roles = []Role{RoleCompliance} },
			"employees[0].roles: the first employee must be an admin (ADMIN_USER)"},
		{"second employee need not be admin", func(o *Organization) {
			o.Employees = append(o.Employees, Employee{Person: Person{FirstName: "C", LastName: "D", Email: "c@example.com", DateOfBirth: "1990-01-01", Nationality: "FR"}, Roles: []Role{RoleApprover}})
		}, ""},
		{"no employee", func(o *Organization) { o.Employees = nil }, "employees: add at least one employee, the first an admin (ADMIN_USER)"},
		{"unknown role", func(o *Organization) { o.Employees[0].Roles = []Role{RoleAdmin, "BOSS"} },
			"employees[0].roles: BOSS is not an employee role; use ADMIN_USER, COMPLIANCE_OFFICER or TRANSACTION_APPROVER"},
		{"no director", func(o *Organization) { o.Directors = nil }, "directors: add at least one director"},
		{"bad director type", func(o *Organization) { o.Directors[1].Type = "CEO" }, "directors[1].type: choose a director type"},
		{"shares over", func(o *Organization) { o.Shareholders[1].Share = 60 }, "shareholders[1].share: the shares total 120%, not 100%"},
		{"shares under", func(o *Organization) { o.Shareholders[1].Share = 39.5 }, "shareholders[1].share: the shares total 99.5%, not 100%"},
		{"no shareholder", func(o *Organization) { o.Shareholders = nil }, "shareholders: add the shareholders"},
		{"zero share", func(o *Organization) { o.Shareholders[0].Share, o.Shareholders[1].Share = 0, 100 },
			"shareholders[0].share: a share is more than 0% and at most 100%"},
		{"three decimals", func(o *Organization) { o.Shareholders[0].Share, o.Shareholders[1].Share = 60.001, 39.999 },
			"shareholders[0].share: a share has at most two decimals"},
		{"owner without document", func(o *Organization) { o.Shareholders[1].IDDocument = "" },
			"shareholders[1].idDocument: Bob Marley holds 40%, so is a beneficial owner: KYB needs their identity document"},
		{"twice in a list", func(o *Organization) { o.Directors[1].Person = o.Directors[0].Person },
			"directors[1].email: ada@example.com is already a director"},
		{"one email, two people", func(o *Organization) { o.Directors[0].FirstName = "Eve" },
			"directors[0]: this has the email of employees[0] but another name"},
		{"minor", func(o *Organization) {
			for i := range o.Shareholders {
				if i == 1 {
					o.Shareholders[i].DateOfBirth = "2010-01-01"
				}
			}
		}, "shareholders[1].dateOfBirth: every person of the organisation must be 18 or over"},
		{"bad nationality", func(o *Organization) { o.Directors[1].Nationality = "fr" }, "directors[1].nationality: use the two-letter country code"},
		{"no documents", func(o *Organization) { o.Documents = nil }, "documents: add the company's documents"},
		{"bad document type", func(o *Organization) { o.Documents[0].Type = "SELFIE" }, "documents[0].type: choose a document type"},
		{"future incorporation", func(o *Organization) { o.Company.IncorporationDate = "2027-01-01" },
			"company.incorporationDate: the incorporation date is in the future"},
		{"incorporation format", func(o *Organization) { o.Company.IncorporationDate = "20/03/2015" },
			"company.incorporationDate: write the date as year-month-day"},
		{"country", func(o *Organization) { o.Company.Country = "XX" }, "company.country: XX is not a country code onboard knows"},
		{"registration number", func(o *Organization) { o.Company.RegistrationNumber = "ABC" },
			"company.registrationNumber: a registration number has 2 to 40 characters, at least one a digit"},
		{"registration characters", func(o *Organization) { o.Company.RegistrationNumber = "12;DROP" },
			"company.registrationNumber: a registration number has letters, digits, spaces and - / . only"},
		{"legal form", func(o *Organization) { o.Company.LegalForm = "LLC" }, "company.legalForm: choose a legal form"},
		{"phone", func(o *Organization) { o.Company.Phone = "020 7123 4567" }, "company.phone: write the phone number with + and the country code"},
		{"email", func(o *Organization) { o.Company.Email = "hello" }, "company.email: this is not an email address"},
		{"street", func(o *Organization) { o.Company.Address.Street = " " }, "company.address.street: type the street of the registered office"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := goodOrg()
			tt.change(&o)
			err := o.Validate(orgNow)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Validate = %v, want Problems with %q", err, tt.want)
			}
			for _, p := range ps {
				if strings.HasPrefix(p.Error(), tt.want) {
					return
				}
			}
			t.Errorf("problems:\n%v\nnone starts %q", err, tt.want)
		})
	}
}

func TestRunningTotalIsExact(t *testing.T) {
	o := Organization{Shareholders: []Shareholder{{Share: 33.33}, {Share: 33.33}, {Share: 33.34}}}
	if !o.SharesComplete() || o.RunningTotal() != 100 {
		t.Errorf("33.33+33.33+33.34: total %v, complete %v", o.RunningTotal(), o.SharesComplete())
	}
	o.Shareholders = o.Shareholders[:2]
	if o.SharesComplete() || o.RunningTotal() != 66.66 {
		t.Errorf("two of them: total %v, complete %v", o.RunningTotal(), o.SharesComplete())
	}
}

func TestBeneficialOwner(t *testing.T) {
	for share, want := range map[float64]bool{24.99: false, 25: true, 60: true, 0: false} {
		if BeneficialOwner(share) != want {
			t.Errorf("BeneficialOwner(%v) = %v", share, !want)
		}
	}
	if got := len(goodOrg().Owners()); got != 2 {
		t.Errorf("owners of 60/40: %d", got)
	}
}

func TestMembersAndAssemble(t *testing.T) {
	o := goodOrg()
	ms := o.Members()
	if len(ms) != 2 {
		t.Fatalf("members: %+v", ms)
	}
	ada := ms[0]
	if !ada.Has(RoleAdmin) || !ada.Has(RoleDirector) || !ada.Has(RoleShareholder) || ada.Share != 60 || !ada.Owner() {
		t.Errorf("Ada: %+v", ada)
	}
	if ms[1].Has(RoleAdmin) || !ms[1].Has(RoleDirector) || ms[1].Share != 40 {
		t.Errorf("Bob: %+v", ms[1])
	}
	back := Assemble(o.Company, ms, o.Documents)
	if err := back.Validate(orgNow); err != nil {
		t.Fatal(err)
	}
	if len(back.Employees) != 1 || len(back.Directors) != 2 || len(back.Shareholders) != 2 || back.Directors[0].Type != "MANAGING_DIRECTOR" {
		t.Errorf("assembled: %+v", back)
	}
}

// TestAssembleAdminFirst: whoever the admin is in the table, the
// employees sent start with them.
func TestAssembleAdminFirst(t *testing.T) {
	o := goodOrg()
	ms := o.Members()
	ms[0].Roles = []Role{RoleCompliance, RoleDirector, RoleShareholder}
	ms[1].Roles = append(ms[1].Roles, RoleAdmin, RoleApprover)
	back := Assemble(o.Company, ms, o.Documents)
	if len(back.Employees) != 2 || back.Employees[0].Email != "bob@example.com" {
		t.Fatalf("employees: %+v", back.Employees)
	}
	if err := back.Validate(orgNow); err != nil {
		t.Error(err)
	}
	if ms[0].Email != "ada@example.com" {
		t.Error("Assemble reordered its argument")
	}
}

func TestProblemsFor(t *testing.T) {
	o := goodOrg()
	o.Shareholders[1].Share = 50
	var ps Problems
	if !errors.As(o.Validate(orgNow), &ps) {
		t.Fatal("no problems")
	}
	if got := ps.For("BOB@example.com"); len(got) != 1 || got[0].Path != "shareholders[1].share" {
		t.Errorf("Bob's problems: %v", got)
	}
	if got := ps.For("ada@example.com"); len(got) != 0 {
		t.Errorf("Ada's problems: %v", got)
	}
}

func TestOrgStateDone(t *testing.T) {
	st := State{Organization: goodOrg()}
	if st.Done(StepCompany, orgNow) || st.Done(StepPersonnel, orgNow) {
		t.Fatal("nothing registered, yet done")
	}
	st.Org.ID = "org-1"
	st.Org.Added = []AddedPerson{{Key: "ada@example.com", PersonID: "p-ada"}}
	if p := st.PendingPeople(); len(p) != 1 || p[0].Email != "bob@example.com" {
		t.Errorf("pending after Ada: %+v", p)
	}
	if st.Done(StepPersonnel, orgNow) {
		t.Error("personnel done with Bob left")
	}
	st.Org.Added = append(st.Org.Added, AddedPerson{Key: "bob@example.com", PersonID: "p-bob"})
	if !st.Done(StepPersonnel, orgNow) {
		t.Error("personnel not done with everyone added")
	}
	st.Org.Uploaded = []string{"company:CERTIFICATE_OF_INCORPORATION", "p-ada:PASSPORT"}
	if p := st.PendingDocuments(); len(p) != 1 || p[0].Owner == nil || p[0].Owner.Email != "bob@example.com" || p[0].Path != "shareholders[1].idDocument" {
		t.Errorf("pending documents: %+v", p)
	}
	if st.Done(StepKYBDocuments, orgNow) {
		t.Error("documents done without Bob's")
	}
	st.Org.Uploaded = append(st.Org.Uploaded, "p-bob:PASSPORT")
	if !st.Done(StepKYBDocuments, orgNow) || st.Done(StepKYBReview, orgNow) {
		t.Error("documents sent: documents done, review not")
	}
	st.Org.Consents = []api.OrgConsent{{Type: "terms"}, {Type: "privacy"}}
	if st.Done(StepOrgConsents, orgNow) {
		t.Error("two consents of three")
	}
	st.Org.Consents = append(st.Org.Consents, api.OrgConsent{Type: "data-processing"})
	if !st.Done(StepOrgConsents, orgNow) || st.Done(StepOrgActivate, orgNow) {
		t.Error("three consents: consents done, activation not")
	}
}

func TestOrgStepNames(t *testing.T) {
	for _, s := range []Step{StepCompany, StepPersonnel, StepKYBDocuments, StepKYBReview, StepOrgConsents, StepOrgActivate} {
		back, ok := ParseStep(s.String())
		if !ok || back != s || s.String() == "unknown" {
			t.Errorf("%d: %q parses to %v %v", s, s.String(), back, ok)
		}
	}
}

// TestProgressKeepsThePersonnel: a run stopped in the middle of the
// personnel resumes with every person entered and who was added, and the
// progress file holds no generated credential.
func TestProgressKeepsThePersonnel(t *testing.T) {
	st := State{Organization: goodOrg()}
	st.Org.ID = "org-1"
	st.Org.Added = []AddedPerson{{Key: "ada@example.com", Name: "Ada Byron", PersonID: "p-ada"}}
	path := t.TempDir() + "/progress.json"
	if err := SaveProgress(path, ProgressOf("finhub", st, StepPersonnel, orgNow, orgNow)); err != nil {
		t.Fatal(err)
	}
	p, ok, err := LoadProgress(path)
	if err != nil || !ok {
		t.Fatalf("LoadProgress: %v %v", ok, err)
	}
	back := p.Restore(State{})
	if got := back.PendingPeople(); len(got) != 1 || got[0].Email != "bob@example.com" || got[0].Share != 40 {
		t.Errorf("pending after resume: %+v", got)
	}
	if len(back.Organization.Members()) != 2 || back.Organization.Company.LegalName != "Acme Ltd" {
		t.Errorf("resumed organisation: %+v", back.Organization)
	}
}
