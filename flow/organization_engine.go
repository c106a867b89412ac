package flow

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// ErrNoOrganizations means the provider of this run has no organisation
// plan.
var ErrNoOrganizations = errors.New("this provider does not onboard organisations")

// ErrOrgNotRegistered means an organisation step came before the company
// was registered.
var ErrOrgNotRegistered = errors.New("the company is not registered yet")

// OrgState is where an organisation's onboarding stands: no secret (the
// generated passwords of the people added are never kept), so all of it
// may be saved as progress.
type OrgState struct {
	ID          string `json:"id"`          // the organisation, as the provider names it
	AdminUserID string `json:"adminUserId"` // the login user of the person who registered it
	// Added are the people added so far, in the order they were added:
	// a run resumed in the middle of the personnel adds the others.
	Added []AddedPerson `json:"added,omitempty"`
	// Uploaded are the KYB documents sent, as DocumentKey names them.
	Uploaded []string `json:"uploaded,omitempty"`
	// KYB is never saved: its id is the key to the sandbox's review
	// page; a resumed run asks the provider, which answers with the open
	// one.
	KYB       api.KYB          `json:"-"`
	Consents  []api.OrgConsent `json:"consents,omitempty"`
	Activated bool             `json:"activated,omitempty"`
	// Status is the provider's word for the organisation, as last read.
	Status string `json:"status,omitempty"`
	// Account is its account state as the adapter reads that word
	// (State.Account); never saved, as a resumed run reads it again.
	Account api.Account `json:"-"`
}

// AddedPerson is one person the provider has, with the login it made for
// them (never its password).
type AddedPerson struct {
	Key      string `json:"key"` // PersonKey of the person
	Name     string `json:"name"`
	PersonID string `json:"personId"`
	UserID   string `json:"userId,omitempty"`
	Username string `json:"username,omitempty"`
}

// PersonKey names a person across runs: their email address, else their
// name, lower-cased.
func PersonKey(p api.OrgPerson) string {
	if e := strings.TrimSpace(p.Email); e != "" {
		return strings.ToLower(e)
	}
	return strings.ToLower(strings.TrimSpace(p.Name()))
}

// DocumentKey names an uploaded KYB document: its subject ("company" or
// the person's id) and type.
func DocumentKey(d api.KYBDocument) string {
	subject := d.Subject
	if subject == "" {
		subject = "company"
	}
	return subject + ":" + strings.ToUpper(d.Type)
}

// AddedAs returns the person added under key, if any.
func (o OrgState) AddedAs(key string) (AddedPerson, bool) {
	for _, a := range o.Added {
		if a.Key == key {
			return a, true
		}
	}
	return AddedPerson{}, false
}

// HasUploaded reports whether the document named key was sent.
func (o OrgState) HasUploaded(key string) bool {
	for _, u := range o.Uploaded {
		if u == key {
			return true
		}
	}
	return false
}

// Accepted reports whether the consent of type kind is accepted.
func (o OrgState) Accepted(kind string) bool {
	for _, c := range o.Consents {
		if c.Type == kind {
			return true
		}
	}
	return false
}

func (e Engine) org() (OrganizationProvider, error) {
	op, ok := e.P.(OrganizationProvider)
	if !ok {
		return nil, ErrNoOrganizations
	}
	return op, nil
}

// orgAuthed is authed for a registered organisation.
func (e Engine) orgAuthed(ctx context.Context, st State, call func(OrganizationProvider, api.Session) error) (State, error) {
	op, err := e.org()
	if err != nil {
		return st, err
	}
	if st.Org.ID == "" {
		return st, ErrOrgNotRegistered
	}
	return e.authed(ctx, st, func(s api.Session) error { return call(op, s) })
}

// RegisterOrganization registers the company with the person at the
// keyboard as its first user, then logs them in with password (theirs,
// never kept). An email address already registered is api.ErrPhoneTaken,
// as for a person.
func (e Engine) RegisterOrganization(ctx context.Context, st State, r api.OrgRegistration) (State, error) {
	op, err := e.org()
	if err != nil {
		return st, err
	}
	if st.Org.ID != "" {
		return st, nil // registered by this onboarding already: no step goes back
	}
	reg, err := op.RegisterOrganization(ctx, r)
	if err != nil {
		return st, fmt.Errorf("registering the company: %w", err)
	}
	st.Org.ID, st.Org.AdminUserID = reg.OrganizationID, reg.UserID
	st.ConsumerID, st.UserID, st.Email, st.Registered, st.PasswordSet = reg.OrganizationID, reg.UserID, r.Email, true, true
	st.FirstName, st.LastName = r.FirstName, r.LastName
	return e.OrgLogin(ctx, st, r.Password)
}

// OrgLogin logs the organisation's first user in with their password.
func (e Engine) OrgLogin(ctx context.Context, st State, password string) (State, error) {
	if st.Org.ID == "" {
		return st, ErrOrgNotRegistered
	}
	s, err := e.P.Login(ctx, api.Who{Email: st.Email, ConsumerID: st.Org.ID, UserID: st.Org.AdminUserID}, password)
	if err != nil {
		return st, fmt.Errorf("logging in to the company's account: %w", err)
	}
	if s.ConsumerID == "" {
		s.ConsumerID = st.Org.ID
	}
	if s.UserID == "" {
		s.UserID = st.Org.AdminUserID
	}
	st.Session = s
	return st, nil
}

// AddPerson adds p to the organisation, once: a person this onboarding
// added already (a resumed run) is not sent again, and the answer is
// then the zero PersonAdded. The answer's Password is the generated one,
// for the caller to hand over or drop; State never keeps it.
func (e Engine) AddPerson(ctx context.Context, st State, p api.OrgPerson) (State, api.PersonAdded, error) {
	key := PersonKey(p)
	if _, ok := st.Org.AddedAs(key); ok {
		return st, api.PersonAdded{}, nil
	}
	var added api.PersonAdded
	st, err := e.orgAuthed(ctx, st, func(op OrganizationProvider, s api.Session) error {
		var err error
		added, err = op.AddPerson(ctx, s, st.Org.ID, p)
		return err
	})
	if err != nil {
		return st, api.PersonAdded{}, fmt.Errorf("adding %s: %w", p.Name(), err)
	}
	st.Org.Added = append(st.Org.Added, AddedPerson{Key: key, Name: p.Name(), PersonID: added.PersonID,
		UserID: added.UserID, Username: added.Username})
	return st, added, nil
}

// UploadKYB uploads one document of the business verification, once.
func (e Engine) UploadKYB(ctx context.Context, st State, d api.KYBDocument) (State, error) {
	key := DocumentKey(d)
	if st.Org.HasUploaded(key) {
		return st, nil
	}
	st, err := e.orgAuthed(ctx, st, func(op OrganizationProvider, s api.Session) error {
		return op.UploadKYB(ctx, s, st.Org.ID, d)
	})
	if err != nil {
		return st, fmt.Errorf("uploading %s: %w", d.FileName, err)
	}
	st.Org.Uploaded = append(st.Org.Uploaded, key)
	return st, nil
}

// StartVerification submits the business verification; an open or
// approved one is kept.
func (e Engine) StartVerification(ctx context.Context, st State) (State, error) {
	if st.Org.KYB.ID != "" && st.Org.KYB.Status != api.KYCDeclined {
		return st, nil
	}
	var kyb api.KYB
	st, err := e.orgAuthed(ctx, st, func(op OrganizationProvider, s api.Session) error {
		var err error
		kyb, err = op.StartKYB(ctx, s, st.Org.ID)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("submitting the business verification: %w", err)
	}
	st.Org.KYB = kyb
	return st, nil
}

// PollVerification reads the business verification's status once.
func (e Engine) PollVerification(ctx context.Context, st State) (State, error) {
	if st.Org.KYB.ID == "" {
		return st, errors.New("reading the business verification: it was not submitted yet")
	}
	var kyb api.KYB
	st, err := e.orgAuthed(ctx, st, func(op OrganizationProvider, s api.Session) error {
		var err error
		kyb, err = op.KYBStatus(ctx, s, st.Org.ID, st.Org.KYB.ID)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("reading the business verification: %w", err)
	}
	if kyb.URL == "" {
		kyb.URL = st.Org.KYB.URL
	}
	st.Org.KYB = kyb
	return st, nil
}

// AcceptConsent records consent c, accepted by c.AcceptedBy (a name) at
// c.AcceptedAt (now when zero), once.
func (e Engine) AcceptConsent(ctx context.Context, st State, c api.OrgConsent) (State, error) {
	if st.Org.Accepted(c.Type) {
		return st, nil
	}
	if strings.TrimSpace(c.AcceptedBy) == "" {
		return st, fmt.Errorf("accepting %s: say who accepts it for the company", c.Type)
	}
	if c.AcceptedAt.IsZero() {
		c.AcceptedAt = e.now()
	}
	st, err := e.orgAuthed(ctx, st, func(op OrganizationProvider, s api.Session) error {
		return op.AcceptOrgConsent(ctx, s, st.Org.ID, c)
	})
	if err != nil {
		return st, fmt.Errorf("accepting %s: %w", c.Type, err)
	}
	st.Org.Consents = append(st.Org.Consents, c)
	return st, nil
}

// OrgConsents are the consent types the organisation's activation needs.
func (e Engine) OrgConsents() []string {
	op, err := e.org()
	if err != nil {
		return nil
	}
	return op.OrgConsents()
}

// ActivateOrganization turns the organisation's account on, with reason.
func (e Engine) ActivateOrganization(ctx context.Context, st State, reason string) (State, error) {
	if st.Org.Activated {
		return st, nil
	}
	if strings.TrimSpace(reason) == "" {
		return st, errors.New("activating the company: give a reason for the activation")
	}
	var act api.OrgActivation
	st, err := e.orgAuthed(ctx, st, func(op OrganizationProvider, s api.Session) error {
		var err error
		act, err = op.ActivateOrganization(ctx, s, st.Org.ID, reason)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("activating the company: %w", err)
	}
	st.Org.Status, st.Org.Activated = act.Status, true
	st.Activated = true
	st.Org.Account = act.Account
	return st, nil
}

// OrganizationStatus reads where the organisation stands with the
// provider, and keeps its status and activation in the state.
func (e Engine) OrganizationStatus(ctx context.Context, st State) (State, api.OrgSnapshot, error) {
	var snap api.OrgSnapshot
	st, err := e.orgAuthed(ctx, st, func(op OrganizationProvider, s api.Session) error {
		var err error
		snap, err = op.Organization(ctx, s, st.Org.ID)
		return err
	})
	if err != nil {
		return st, snap, fmt.Errorf("reading the company: %w", err)
	}
	st.Org.Status, st.Org.Activated = snap.Status, snap.Active
	st.Activated = snap.Active
	st.Org.Account = snap.Account
	if snap.KYB.ID != "" {
		url := st.Org.KYB.URL
		st.Org.KYB = snap.KYB
		if st.Org.KYB.URL == "" {
			st.Org.KYB.URL = url
		}
	}
	return st, snap, nil
}
