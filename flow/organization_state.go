package flow

import (
	"fmt"
	"slices"
	"time"

	"github.com/onboard-cli/onboard/api"
)

// OrgState is what a run knows of an organisation it onboards (State.Org):
// the organisation as typed or read from its file, and how far the
// provider has it. It never holds the credentials FinHub generates for
// each person: those are the person's, sent to them by FinHub.
type OrgState struct {
	Org Organization
	// ID is the provider's organisation id, once registered.
	ID string
	// Added are the personnel the provider has, by path ("employees[0]"),
	// so that a resumed run adds the rest and nobody twice.
	Added []string
	// Uploaded are the KYB documents sent, by path ("documents[0]",
	// "shareholders[1].idDocument").
	Uploaded []string
	// KYB is the verification's status.
	KYB api.KYCStatus
	// Consents are the consent types accepted (terms, privacy,
	// data-processing), by whom and when.
	Consents   []string
	AcceptedBy string
	AcceptedAt time.Time
	// Active: the provider says the organisation is ACTIVE.
	Active bool
}

// ConsentTypes are the three consents an organisation accepts.
func ConsentTypes() []string { return []string{"terms", "privacy", "data-processing"} }

// PersonnelPaths are the entries of the personnel in the order they are
// added: employees (the first an ADMIN_USER), directors, shareholders.
func (o Organization) PersonnelPaths() []string {
	var out []string
	for i := range o.Employees {
		out = append(out, fmt.Sprintf("employees[%d]", i))
	}
	for i := range o.Directors {
		out = append(out, fmt.Sprintf("directors[%d]", i))
	}
	for i := range o.Shareholders {
		out = append(out, fmt.Sprintf("shareholders[%d]", i))
	}
	return out
}

// NextPerson is the first entry of the personnel the provider does not
// have yet, and false when it has them all.
func (s OrgState) NextPerson() (string, bool) {
	for _, p := range s.Org.PersonnelPaths() {
		if !slices.Contains(s.Added, p) {
			return p, true
		}
	}
	return "", false
}

// Done reports whether the organisation's step k needs nothing more.
func (s OrgState) Done(k Step) bool {
	switch k {
	case StepCompany:
		return s.ID != ""
	case StepPersonnel:
		_, more := s.NextPerson()
		return s.ID != "" && len(s.Added) > 0 && !more
	case StepKYBDocuments:
		return (s.KYB != "" && s.KYB != api.KYCNotStarted) || s.documentsSent()
	case StepKYBReview:
		return s.KYB == api.KYCApproved
	case StepOrgConsents:
		for _, c := range ConsentTypes() {
			if !slices.Contains(s.Consents, c) {
				return false
			}
		}
		return true
	case StepOrgActivate:
		return s.Active
	}
	return false
}

// DocumentPaths are the KYB documents to send, by path: the company's,
// then each beneficial owner's identity document.
func (o Organization) DocumentPaths() []string {
	var out []string
	for i := range o.Documents {
		out = append(out, fmt.Sprintf("documents[%d]", i))
	}
	for i, sh := range o.Shareholders {
		if BeneficialOwner(sh.Share) {
			out = append(out, fmt.Sprintf("shareholders[%d].idDocument", i))
		}
	}
	return out
}

func (s OrgState) documentsSent() bool {
	paths := s.Org.DocumentPaths()
	if len(paths) == 0 {
		return false
	}
	for _, p := range paths {
		if !slices.Contains(s.Uploaded, p) {
			return false
		}
	}
	return true
}
