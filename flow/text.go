package flow

import "fmt"

// Text is a sentence flow says to the person: a constant English format
// (its key in a translation catalog, see internal/i18n) and its arguments.
// It is an error too, so that a validator's refusal carries its key to the
// front end, which translates it rather than reading the English back. An
// argument that is itself a Text is translated with it.
type Text struct {
	key  string
	args []any
	err  error
}

// Say is the message with the English format key and its arguments.
func Say(key string, args ...any) *Text { return &Text{key: key, args: args} }

// sayWrapping is a message that wraps err, for errors.Is: a sentinel
// refusal with a detail of its own ("… provider (+999)").
func sayWrapping(err error, key string, args ...any) *Text {
	return &Text{key: key, args: args, err: err}
}

// Key is the message's English format, its catalog key.
// A nil Text is the empty text.
func (m *Text) Key() string {
	if m == nil {
		return ""
	}
	return m.key
}

// Args are the values the format takes.
func (m *Text) Args() []any {
	if m == nil {
		return nil
	}
	return m.args
}

// String is the message in English.
func (m *Text) String() string {
	if m == nil {
		return ""
	}
	if len(m.args) == 0 {
		return m.key
	}
	return fmt.Sprintf(m.key, m.args...)
}

// Error is the message in English, for logs and --json.
func (m *Text) Error() string { return m.String() }

// Unwrap is the error the message stands for, if any.
func (m *Text) Unwrap() error {
	if m == nil {
		return nil
	}
	return m.err
}
