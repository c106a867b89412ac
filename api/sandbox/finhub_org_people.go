package sandbox

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// personKind is the list a personnel call adds to.
type personKind int

const (
	personEmployee personKind = iota
	personDirector
	personShareholder
)

func (k personKind) String() string {
	return [...]string{"employee", "director", "shareholder"}[k]
}

// finhubMaxPeople and finhubMaxOrgDocuments bound what one organisation
// may pile up in the sandbox's database.
const (
	finhubMaxPeople       = 200
	finhubMaxOrgDocuments = 100
)

var (
	finhubEmployeeRoles = []string{"COMPLIANCE_OFFICER", "TRANSACTION_APPROVER", "EMPLOYEE", "ADMIN_USER"}
	finhubDirectorRoles = []string{"MANAGING_DIRECTOR", "EXECUTIVE_DIRECTOR", "NON_EXECUTIVE_DIRECTOR"}
)

// finhubPersonIn is the three personnel bodies in one: employee and
// director carry a person; a shareholder's names are flat.
type finhubPersonIn struct {
	Person struct {
		FirstName   string `json:"firstName"`
		LastName    string `json:"lastName"`
		Email       string `json:"email"`
		DateOfBirth string `json:"dateOfBirth"`
		Nationality string `json:"nationality"`
	} `json:"person"`
	Roles               []string `json:"roles"`
	Role                string   `json:"role"`
	Type                string   `json:"type"`
	OwnershipPercentage float64  `json:"ownershipPercentage"`
	FirstName           string   `json:"firstName"`
	LastName            string   `json:"lastName"`
	Email               string   `json:"email"`
	DateOfBirth         string   `json:"dateOfBirth"`
	Nationality         string   `json:"nationality"`
}

// normalize moves a shareholder's flat names into Person, and checks the
// body for kind.
func (in *finhubPersonIn) normalize(kind personKind) error {
	p := &in.Person
	if kind == personShareholder {
		p.FirstName, p.LastName, p.Email, p.DateOfBirth, p.Nationality = in.FirstName, in.LastName, in.Email, in.DateOfBirth, in.Nationality
	}
	p.Email = strings.TrimSpace(p.Email)
	switch {
	case strings.TrimSpace(p.FirstName) == "" || strings.TrimSpace(p.LastName) == "":
		return finhubInvalid("person", "The person's firstName and lastName are required.")
	case p.DateOfBirth != "" && !finhubDate.MatchString(p.DateOfBirth):
		return finhubInvalid("person.dateOfBirth", "dateOfBirth must be a date, e.g. 1980-01-15.")
	case kind == personEmployee && len(in.Roles) == 0:
		return finhubInvalid("roles", "An employee needs at least one role.")
	case kind == personDirector && !slices.Contains(finhubDirectorRoles, in.Role):
		return finhubInvalid("role", "role must be one of %s.", strings.Join(finhubDirectorRoles, ", "))
	case kind == personShareholder && in.Type != "INDIVIDUAL":
		return finhubInvalid("type", "The sandbox takes INDIVIDUAL shareholders.")
	case kind == personShareholder && (in.OwnershipPercentage <= 0 || in.OwnershipPercentage > 100):
		return finhubInvalid("ownershipPercentage", "ownershipPercentage must be above 0 and at most 100.")
	}
	for _, r := range in.Roles {
		if !slices.Contains(finhubEmployeeRoles, r) {
			return finhubInvalid("roles", "Unknown role %q; roles are %s.", r, strings.Join(finhubEmployeeRoles, ", "))
		}
	}
	return nil
}

func (in *finhubPersonIn) key() string {
	if in.Person.Email != "" {
		return strings.ToLower(in.Person.Email)
	}
	return strings.ToLower(strings.TrimSpace(in.Person.FirstName) + " " + strings.TrimSpace(in.Person.LastName))
}

// finhubPerson is a row of finhub_org_people.
type finhubPerson struct {
	ID, FirstName, LastName, CustomerID, Roles string
	Director, Shareholder                      bool
	Share                                      float64
}

const finhubPersonCols = "id, first_name, last_name, customer_id, roles, director, shareholder, share"

func scanPerson(sc interface{ Scan(...any) error }) (*finhubPerson, error) {
	var p finhubPerson
	if err := sc.Scan(&p.ID, &p.FirstName, &p.LastName, &p.CustomerID, &p.Roles, &p.Director, &p.Shareholder, &p.Share); err != nil {
		return nil, err //nolint:wrapcheck // callers test for sql.ErrNoRows
	}
	return &p, nil
}

func (p *finhubPerson) has(kind personKind) bool {
	switch kind {
	case personEmployee:
		return p.Roles != ""
	case personDirector:
		return p.Director
	}
	return p.Shareholder
}

// finhubPeople are the organisation's people in the order they came.
func (t *tx) finhubPeople(orgID string) ([]*finhubPerson, error) {
	rows, err := t.query("SELECT "+finhubPersonCols+" FROM finhub_org_people WHERE org_id = ? ORDER BY added_at, rowid", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*finhubPerson
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// finhubOrgAdmins counts the people with the ADMIN_USER role.
func finhubOrgAdmins(people []*finhubPerson) int {
	n := 0
	for _, p := range people {
		if slices.Contains(strings.Split(p.Roles, ","), "ADMIN_USER") {
			n++
		}
	}
	return n
}

// finhubShares totals the shares held.
func finhubShares(people []*finhubPerson) float64 {
	var sum float64
	for _, p := range people {
		sum += p.Share
	}
	return sum
}

// finhubOrgAdd answers the three personnel calls for kind.
func (s *Server) finhubOrgAdd(kind personKind) func(http.ResponseWriter, *http.Request, *finhubAuth) error {
	return func(w http.ResponseWriter, r *http.Request, a *finhubAuth) error {
		var in finhubPersonIn
		if err := decode(r, &in); err != nil {
			return err
		}
		if err := in.normalize(kind); err != nil {
			return err
		}
		password := newToken()
		pw, err := s.pw.hash(password)
		if err != nil {
			return err
		}
		var out map[string]any
		err = s.st.inTx(r.Context(), func(t *tx) error {
			var err error
			out, err = t.finhubAddPerson(a, kind, &in, password, pw)
			return err
		})
		if err != nil {
			return err
		}
		finhubOK(w, "The "+kind.String()+" was added successfully", out)
		return nil
	}
}

// finhubAddPerson applies the personnel rules, then records the person in
// their new capacity, creating their individual record the first time.
func (t *tx) finhubAddPerson(a *finhubAuth, kind personKind, in *finhubPersonIn, password string, pw []byte) (map[string]any, error) {
	org, err := t.finhubOrgOf(a)
	if err != nil {
		return nil, err
	}
	if err := t.finhubPersonnelOpen(org.ID); err != nil {
		return nil, err
	}
	people, err := t.finhubPeople(org.ID)
	if err != nil {
		return nil, err
	}
	if err := finhubPersonRules(kind, in, people); err != nil {
		return nil, err
	}
	p, err := scanPerson(t.row("SELECT "+finhubPersonCols+" FROM finhub_org_people WHERE org_id = ? AND person_key = ?", org.ID, in.key()))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		out, err := t.finhubNewPerson(org.ID, kind, in, password, pw)
		if err != nil {
			return nil, err
		}
		return out, t.finhubOrgPersonEvent(a.c, kind, out["personId"].(string), true)
	case err != nil:
		return nil, err
	case p.has(kind):
		return nil, &finhubError{status: http.StatusConflict, code: "PERSON_ALREADY_ADDED",
			message: fmt.Sprintf("%s %s is already a %s of this organization.", p.FirstName, p.LastName, kind)}
	}
	if _, err := t.exec(`UPDATE finhub_org_people SET roles = CASE WHEN ? != '' THEN ? ELSE roles END,
		director = CASE WHEN ? = 1 THEN 1 ELSE director END, shareholder = CASE WHEN ? = 1 THEN 1 ELSE shareholder END,
		share = share + ? WHERE id = ?`,
		strings.Join(in.Roles, ","), strings.Join(in.Roles, ","), b2i(kind == personDirector), b2i(kind == personShareholder),
		in.OwnershipPercentage*b2f(kind == personShareholder), p.ID); err != nil {
		return nil, err
	}
	if err := t.finhubOrgPersonEvent(a.c, kind, p.ID, false); err != nil {
		return nil, err
	}
	return finhubPersonAnswer(kind, p.ID, "ACTIVE", map[string]any{"customerId": p.CustomerID}), nil
}

// b2i is a flag as the INTEGER columns hold it, in SQLite and PostgreSQL
// alike (PostgreSQL has no integer OR boolean).
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// finhubPersonnelOpen refuses a change to the personnel once the KYB is
// submitted: FinHub's state machine never goes back.
func (t *tx) finhubPersonnelOpen(orgID string) error {
	v, err := t.finhubLatest(orgID)
	if err != nil || v == nil || v.Status == "REJECTED" {
		return err
	}
	return finhubStepOrder("The verification is submitted: the personnel can no longer change.")
}

// finhubPersonRules: the first employee must be an ADMIN_USER, directors
// and shareholders come after one, and the shares never pass 100%.
func finhubPersonRules(kind personKind, in *finhubPersonIn, people []*finhubPerson) error {
	admins := finhubOrgAdmins(people)
	switch {
	case len(people) >= finhubMaxPeople:
		return finhubStepOrder(fmt.Sprintf("An organization holds at most %d people in the sandbox.", finhubMaxPeople))
	case kind == personEmployee && admins == 0 && !slices.Contains(in.Roles, "ADMIN_USER"):
		return &finhubError{status: http.StatusBadRequest, code: "MISSING_ADMIN_USER", field: "roles",
			message: "Missing required role 'ADMIN_USER' for BUSINESS_TYPE_CLIENT_TO_TENANT organization. At least one employee must have this role."}
	case kind != personEmployee && admins == 0:
		return finhubStepOrder("Add an employee with the ADMIN_USER role first: directors and shareholders come after one.")
	case kind == personShareholder && finhubShares(people)+in.OwnershipPercentage > 100.0001:
		return finhubInvalid("ownershipPercentage", "The shares would total %g%%, more than 100%%.", finhubShares(people)+in.OwnershipPercentage)
	}
	return nil
}

// finhubNewPerson records a person new to the organisation, with their
// individual record: an existing customer's when their email address is
// one's (no new login), else a new one with a generated password.
func (t *tx) finhubNewPerson(orgID string, kind personKind, in *finhubPersonIn, password string, pw []byte) (map[string]any, error) {
	p := &in.Person
	var individual map[string]any
	var customerID string
	if c, err := t.finhubCustomer("tenant_id = ? AND email = ?", DefaultFinHubTenantID, p.Email); err == nil && p.Email != "" {
		customerID = c.ID
		individual = map[string]any{"customerId": c.ID, "userId": c.UserID, "email": c.Email}
	} else {
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		customerID, username := newID(), p.Email
		userID := newID()
		if username == "" {
			username = "person-" + newDigits(10) + "@people.finhub.sandbox"
		}
		if _, err := t.exec(`INSERT INTO finhub_customers (id, user_id, tenant_id, email, phone, first_name, last_name, birth_date, gender,
			nationality, category, password_hash, status, created_at) VALUES (?, ?, ?, ?, '', ?, ?, ?, '', ?, '', ?, 'CS_ACTIVE', ?)`,
			customerID, userID, DefaultFinHubTenantID, username, p.FirstName, p.LastName, p.DateOfBirth, strings.ToUpper(p.Nationality),
			pw, unix(t.now)); err != nil {
			return nil, err
		}
		individual = map[string]any{"customerId": customerID, "userId": userID, "email": p.Email, "username": username, "password": password}
	}
	id := newID()
	if _, err := t.exec(`INSERT INTO finhub_org_people (id, org_id, person_key, first_name, last_name, customer_id, roles, director,
		shareholder, share, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, orgID, in.key(), p.FirstName, p.LastName, customerID,
		strings.Join(in.Roles, ","), b2i(kind == personDirector), b2i(kind == personShareholder),
		in.OwnershipPercentage*b2f(kind == personShareholder), unix(t.now)); err != nil {
		return nil, err
	}
	return finhubPersonAnswer(kind, id, "ACTIVE", individual), nil
}

func finhubPersonAnswer(kind personKind, id, status string, individual map[string]any) map[string]any {
	return map[string]any{"personId": id, kind.String() + "Id": id, "status": status, "individual": individual}
}
