package flow

import "fmt"

// Message is a sentence flow says to the person: a constant English format
// (its key in a translation catalog, see internal/i18n) and its arguments.
// It is an error too, so that a validator's refusal carries its key to the
// front end, which translates it rather than reading the English back. An
// argument that is itself a Message is translated with it.
type Message struct {
	key  string
	args []any
	err  error
}

// Say is the message with the English format key and its arguments.
func Say(key string, args ...any) *Message { return &Message{key: key, args: args} }

// sayWrapping is a message that wraps err, for errors.Is: a sentinel
// refusal with a detail of its own ("… provider (+999)").
func sayWrapping(err error, key string, args ...any) *Message {
	return &Message{key: key, args: args, err: err}
}

// Key is the message's English format, its catalog key.
// A nil Message is the empty text.
func (m *Message) Key() string {
	if m == nil {
		return ""
	}
	return m.key
}

// Args are the values the format takes.
func (m *Message) Args() []any {
	if m == nil {
		return nil
	}
	return m.args
}

// String is the message in English.
func (m *Message) String() string {
	if m == nil {
		return ""
	}
	if len(m.args) == 0 {
		return m.key
	}
	return fmt.Sprintf(m.key, m.args...)
}

// Error is the message in English, for logs and --json.
func (m *Message) Error() string { return m.String() }

// Unwrap is the error the message stands for, if any.
func (m *Message) Unwrap() error {
	if m == nil {
		return nil
	}
	return m.err
}
