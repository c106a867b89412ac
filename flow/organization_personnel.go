package flow

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// PersonnelProblems checks the personnel against FinHub's rules: the first
// employee an ADMIN_USER, at least one director, shares of more than 0 and
// at most 100% that total exactly 100%, nobody twice in one list, and the
// same email meaning the same person in every list.
func (o Organization) PersonnelProblems(now time.Time) Problems {
	var out Problems
	out = append(out, o.employeeProblems(now)...)
	out = append(out, o.directorProblems(now)...)
	out = append(out, o.shareholderProblems(now)...)
	return append(out, o.sameness()...)
}

func (o Organization) employeeProblems(now time.Time) Problems {
	if len(o.Employees) == 0 {
		return Problems{{Path: "employees", Msg: "add at least one employee, the first an admin (ADMIN_USER)"}}
	}
	var out Problems
	for i, e := range o.Employees {
		path := fmt.Sprintf("employees[%d]", i)
		out = append(out, PersonProblems(e.Person, path, now)...)
		p := problems{email: e.Email}
		for _, r := range e.Roles {
			if !slices.Contains(EmployeeRoles(), r) {
				p.add(path+".roles", fmt.Errorf("%s is not an employee role; use ADMIN_USER, COMPLIANCE_OFFICER or TRANSACTION_APPROVER", r))
			}
		}
		switch {
		case len(e.Roles) == 0:
			p.add(path+".roles", fmt.Errorf("give the employee a role: ADMIN_USER, COMPLIANCE_OFFICER or TRANSACTION_APPROVER"))
		case i == 0 && !slices.Contains(e.Roles, RoleAdmin):
			p.add(path+".roles", fmt.Errorf("the first employee must be an admin (ADMIN_USER)"))
		}
		out = append(out, p.out...)
	}
	return append(out, twice(len(o.Employees), func(i int) Person { return o.Employees[i].Person }, "employees", "an employee")...)
}

func (o Organization) directorProblems(now time.Time) Problems {
	if len(o.Directors) == 0 {
		return Problems{{Path: "directors", Msg: "add at least one director"}}
	}
	var out Problems
	for i, d := range o.Directors {
		path := fmt.Sprintf("directors[%d]", i)
		out = append(out, PersonProblems(d.Person, path, now)...)
		if d.Type != "" && !slices.Contains(DirectorTypes(), d.Type) {
			out = append(out, FieldError{Path: path + ".type", Email: d.Email,
				Msg: "choose a director type: %s", Args: []any{strings.Join(DirectorTypes(), ", ")}})
		}
	}
	return append(out, twice(len(o.Directors), func(i int) Person { return o.Directors[i].Person }, "directors", "a director")...)
}

func (o Organization) shareholderProblems(now time.Time) Problems {
	if len(o.Shareholders) == 0 {
		return Problems{{Path: "shareholders", Msg: "add the shareholders; their shares total 100%%"}}
	}
	var out Problems
	for i, s := range o.Shareholders {
		path := fmt.Sprintf("shareholders[%d]", i)
		out = append(out, PersonProblems(s.Person, path, now)...)
		if err := ValidateShare(s.Share); err != nil {
			out = append(out, FieldError{Path: path + ".share", Msg: err.Error(), Email: s.Email})
		}
	}
	if !o.SharesComplete() {
		last := len(o.Shareholders) - 1
		out = append(out, FieldError{Path: fmt.Sprintf("shareholders[%d].share", last), Email: o.Shareholders[last].Email,
			Msg: "the shares total %v%%, not 100%%", Args: []any{ShareValue(o.RunningTotal())}})
	}
	return append(out, twice(len(o.Shareholders), func(i int) Person { return o.Shareholders[i].Person }, "shareholders", "a shareholder")...)
}

// ValidateShare checks one shareholder's share in percent.
func ValidateShare(share float64) error {
	switch {
	case share <= 0 || share > 100:
		return fmt.Errorf("a share is more than 0%% and at most 100%%")
	case float64(hundredths(share))/100 != share:
		return fmt.Errorf("a share has at most two decimals, e.g. 33.34")
	}
	return nil
}

// twice finds a person listed twice in one list.
func twice(n int, at func(int) Person, list, what string) Problems {
	var out Problems
	seen := map[string]bool{}
	for i := range n {
		k := strings.ToLower(strings.TrimSpace(at(i).Email))
		if k != "" && seen[k] {
			out = append(out, FieldError{Path: fmt.Sprintf("%s[%d].email", list, i), Email: at(i).Email,
				Msg: "%s is already %s; a person is listed once in each list", Args: []any{at(i).Email, what}})
		}
		seen[k] = true
	}
	return out
}

// sameness checks that an email names one person: the same names and date
// of birth wherever it appears.
func (o Organization) sameness() Problems {
	type seen struct {
		p    Person
		path string
	}
	first := map[string]seen{}
	var out Problems
	check := func(p Person, path string) {
		k := strings.ToLower(strings.TrimSpace(p.Email))
		if k == "" {
			return
		}
		f, ok := first[k]
		if !ok {
			first[k] = seen{p, path}
			return
		}
		if !strings.EqualFold(f.p.Name(), p.Name()) || f.p.DateOfBirth != p.DateOfBirth {
			out = append(out, FieldError{Path: path, Email: p.Email,
				Msg: "this has the email of %s but another name or date of birth; one email is one person", Args: []any{f.path}})
		}
	}
	for i, e := range o.Employees {
		check(e.Person, fmt.Sprintf("employees[%d]", i))
	}
	for i, d := range o.Directors {
		check(d.Person, fmt.Sprintf("directors[%d]", i))
	}
	for i, s := range o.Shareholders {
		check(s.Person, fmt.Sprintf("shareholders[%d]", i))
	}
	return out
}

// DocumentProblems checks that KYB will have what it needs: at least one
// company document of a known type, and an identity document for each
// beneficial owner. Whether the files can be read is the loader's check
// (CheckDocumentFiles).
func (o Organization) DocumentProblems() Problems {
	var out Problems
	if len(o.Documents) == 0 {
		out = append(out, FieldError{Path: "documents", Msg: "add the company's documents, e.g. its CERTIFICATE_OF_INCORPORATION"})
	}
	for i, d := range o.Documents {
		path := fmt.Sprintf("documents[%d]", i)
		if !slices.Contains(CompanyDocumentTypes(), d.Type) {
			out = append(out, FieldError{Path: path + ".type", Msg: "choose a document type: %s", Args: []any{strings.Join(CompanyDocumentTypes(), ", ")}})
		}
		if strings.TrimSpace(d.File) == "" {
			out = append(out, FieldError{Path: path + ".file", Msg: "name the document's file"})
		}
	}
	for i, s := range o.Shareholders {
		if BeneficialOwner(s.Share) && strings.TrimSpace(s.IDDocument) == "" {
			out = append(out, FieldError{Path: fmt.Sprintf("shareholders[%d].idDocument", i), Email: s.Email,
				Msg: "%s holds %v%%, so is a beneficial owner: KYB needs their identity document", Args: []any{s.Name(), ShareValue(s.Share)}})
		}
	}
	return out
}

// Validate checks a whole organisation, as an --organization file gives
// it: the company, the personnel and the documents, every problem with
// its path. It returns Problems, or nil.
func (o Organization) Validate(now time.Time) error {
	var out Problems
	out = append(out, CompanyProblems(o.Company, now)...)
	out = append(out, o.PersonnelProblems(now)...)
	out = append(out, o.DocumentProblems()...)
	return out.Err()
}
