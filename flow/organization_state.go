package flow

import (
	"slices"
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// ConsentTypes are the three consents an organisation accepts, as FinHub
// names them in its paths.
func ConsentTypes() []string { return []string{"terms", "privacy", "data-processing"} }

// orgDone reports whether an organisation's step k needs nothing more:
// from what the provider answered (st.Org) about the organisation the
// person gave (st.Organization).
func (st State) orgDone(k Step) bool {
	o := st.Org
	switch k {
	case StepCompany:
		return o.ID != ""
	case StepPersonnel:
		return o.ID != "" && len(o.Added) > 0 && len(st.PendingPeople()) == 0
	case StepKYBDocuments:
		return o.KYB.ID != "" || (o.ID != "" && len(st.Organization.Documents) > 0 && len(st.PendingDocuments()) == 0)
	case StepKYBReview:
		return o.KYB.Status == api.KYCApproved
	case StepOrgConsents:
		for _, c := range ConsentTypes() {
			if !o.Accepted(c) {
				return false
			}
		}
		return true
	case StepOrgActivate:
		return o.Activated
	}
	return false
}

// PendingPeople are the members of the organisation the provider does
// not have yet, in order: a resumed run adds these and nobody twice.
func (st State) PendingPeople() []Member {
	var out []Member
	for _, m := range st.Organization.Members() {
		if _, ok := st.Org.AddedAs(PersonKey(m.API())); !ok {
			out = append(out, m)
		}
	}
	return out
}

// PendingDocuments are the KYB documents not sent yet, as Documents
// lists them; an owner's counts as sent once any document of theirs is.
func (st State) PendingDocuments() []KYBFile {
	var out []KYBFile
	for _, f := range st.Organization.KYBFiles() {
		subject := "company"
		if f.Owner != nil {
			a, ok := st.Org.AddedAs(PersonKey(f.Owner.API()))
			if !ok {
				out = append(out, f)
				continue
			}
			subject = a.PersonID
		}
		if !slices.ContainsFunc(st.Org.Uploaded, func(u string) bool {
			return u == subject+":"+strings.ToUpper(f.Type) || (f.Owner != nil && strings.HasPrefix(u, subject+":"))
		}) {
			out = append(out, f)
		}
	}
	return out
}

// KYBFile is one document KYB needs: the company's (Owner nil) or a
// beneficial owner's identity document.
type KYBFile struct {
	Type  string // the company document's type; the owner's is the provider's
	File  string // where it is, "" until picked
	Owner *Member
	// Path is where the file names it ("documents[0].file").
	Path string
}

// KYBFiles are the documents KYB needs, in order: the company's, then each
// beneficial owner's identity document.
func (o Organization) KYBFiles() []KYBFile {
	var out []KYBFile
	for i, d := range o.Documents {
		out = append(out, KYBFile{Type: d.Type, File: d.File, Path: "documents[" + itoa(i) + "].file"})
	}
	for i, s := range o.Shareholders {
		if !BeneficialOwner(s.Share) {
			continue
		}
		for _, m := range o.Members() {
			if strings.EqualFold(m.Email, s.Email) {
				out = append(out, KYBFile{File: s.IDDocument, Owner: &m, Path: "shareholders[" + itoa(i) + "].idDocument"})
				break
			}
		}
	}
	return out
}

// orgLabel names an organisation's step in the stepper.
func orgLabel(step Step) string {
	switch step {
	case StepCompany:
		return "Company"
	case StepPersonnel:
		return "People"
	case StepKYBDocuments:
		return "Documents"
	case StepKYBReview:
		return "Review"
	case StepOrgConsents:
		return "Consents"
	case StepOrgActivate:
		return "Activation"
	}
	return step.String()
}
