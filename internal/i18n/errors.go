package i18n

import (
	"errors"
	"strings"
)

// Error is an error whose text is a catalog message: a constant English
// format (its key) and its arguments. An argument that is an error is
// wrapped, for errors.Is and errors.As; the format prints it with %v (a
// catalog format has no %w).
type Error struct {
	key  string
	args []any
}

// Errorf is the error that says key, a constant English format, with args.
func Errorf(key string, args ...any) error { return &Error{key: key, args: args} }

// Error is the message in English.
func (e *Error) Error() string { return Printer{}.F(e.key, e.args...) }

// Key is the message's English format, its catalog key.
func (e *Error) Key() string { return e.key }

// Args are the values the format takes.
func (e *Error) Args() []any { return e.args }

// Unwrap is the errors among the arguments.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, a := range e.args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// InLanguage is err as the person reads it: when its text ends with a
// sentence that has a key (the first Keyed message in its chain), after a
// prefix such as the flag it is about ("--email: …"), that sentence in the
// printer's language; the error itself is kept for its exit code and
// errors.Is. Any other error, and any error in English, is left as it is.
func (p Printer) InLanguage(err error) error {
	var k Keyed
	if err == nil || p.Lang() == "en" || !errors.As(err, &k) {
		return err
	}
	english := Printer{}.M(k)
	if len(k.Args()) == 0 {
		english = k.Key()
	}
	prefix, ok := strings.CutSuffix(err.Error(), english)
	if !ok {
		return err
	}
	return &said{text: prefix + p.M(k), err: err}
}

// Said is an error whose text is already text, in the person's language,
// that stands for err (its exit code, errors.Is).
func Said(text string, err error) error { return &said{text: text, err: err} }

// said is an error whose text is already in the person's language.
type said struct {
	text string
	err  error
}

func (s *said) Error() string { return s.text }
func (s *said) Unwrap() error { return s.err }
