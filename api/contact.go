package api

import "errors"

// Contact is a change of a registered consumer's phone number or email
// address, made through the provider's update call; a zero field stays as
// it is.
type Contact struct {
	Phone Phone
	Email string
}

// IsZero reports whether the change changes nothing.
func (c Contact) IsZero() bool { return c.Phone == (Phone{}) && c.Email == "" }

// SCAChallenge is a provider's "waiting for strong customer
// authentication" answer (LinkCy's 202): the interaction the person
// approves on their phone, or joins with JoinCode, and whose ID the
// operation is replayed with once approved.
type SCAChallenge struct {
	ID       string
	JoinCode string
}

// SCAPendingError is the error of a call that waits for strong customer
// authentication: it matches ErrSCAPending and carries the challenge.
type SCAPendingError struct {
	Challenge SCAChallenge
	Err       error
}

// Error implements error.
func (e *SCAPendingError) Error() string { return e.Err.Error() }

// Unwrap gives the *Error of the 202.
func (e *SCAPendingError) Unwrap() error { return e.Err }

// SCAPending returns the challenge err waits on, if it is one.
func SCAPending(err error) (SCAChallenge, bool) {
	var p *SCAPendingError
	if errors.As(err, &p) {
		return p.Challenge, true
	}
	return SCAChallenge{}, false
}

// SCAReason is why a provider refused an operation over strong customer
// authentication, in terms every front end can explain.
type SCAReason int

// The reasons (LinkCy's SCA_* error codes).
const (
	SCARequired     SCAReason = iota + 1 // SCA is needed and the strategy sent refuses it
	SCANoDevice                          // the person has no device enrolled for SCA
	SCAFactorNotSet                      // the factor asked for (PIN, biometry) is not enrolled
	SCANotFound                          // the interaction id is unknown
	SCANotCompleted                      // the interaction is still waiting for the person
	SCADeclined                          // the person declined it, or it expired
	SCAAlreadyUsed                       // the interaction was already used for an operation
	SCADoesNotMatch                      // the interaction was for another operation
)

// SCAError is an operation refused over strong customer authentication.
type SCAError struct {
	Reason SCAReason
	Err    error
}

// Error implements error.
func (e *SCAError) Error() string { return e.Err.Error() }

// Unwrap gives the provider's *Error.
func (e *SCAError) Unwrap() error { return e.Err }

// SCAFailure returns why err refused an operation over SCA, if it did.
func SCAFailure(err error) (SCAReason, bool) {
	var e *SCAError
	if errors.As(err, &e) {
		return e.Reason, true
	}
	return 0, false
}
