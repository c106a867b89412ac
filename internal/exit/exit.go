// Package exit carries onboard's exit codes through the errors its
// commands and front ends return, so that line mode, the wizard and the
// commands end with the same code for the same outcome.
package exit

// The exit codes, as the README lists them.
const (
	OK          = 0
	Failed      = 1 // the onboarding cannot go on (declined, refused, a wrong code too often)
	Usage       = 2 // a flag, a setting or an answer is missing or wrong
	Waiting     = 3 // stopped while the provider decides
	Interrupted = 130
)

// Error is an error with the code the process exits with. A Silent one
// has already been said to the person: nothing more is printed.
type Error struct {
	Code   int
	Err    error
	Silent bool
}

// Error is the error's own text.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the error the code is attached to.
func (e *Error) Unwrap() error { return e.Err }

// With attaches code to err.
func With(code int, err error) error { return &Error{Code: code, Err: err} }

// Silently attaches code to err, already said to the person.
func Silently(code int, err error) error { return &Error{Code: code, Err: err, Silent: true} }
