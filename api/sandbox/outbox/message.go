package outbox

import "time"

// Message is one SMS or email the sandbox "sent": what the sandbox phone shows.
type Message struct {
	ID        int64     `json:"id"`
	Channel   string    `json:"channel"` // "sms" or "email"
	Recipient string    `json:"recipient"`
	Subject   string    `json:"subject,omitempty"`
	Text      string    `json:"text"`
	Secret    string    `json:"secret,omitempty"` // a password secret
	Code      string    `json:"code,omitempty"`   // a verification code
	Link      string    `json:"link,omitempty"`   // a verification link
	Time      time.Time `json:"time"`
}

// HasSecret keeps the SMS that carry a password secret.
func HasSecret(m Message) bool { return m.Secret != "" }

// HasCode keeps the messages that carry a verification code.
func HasCode(m Message) bool { return m.Code != "" }

// HasLink keeps the emails that carry a verification link.
func HasLink(m Message) bool { return m.Link != "" }

// AnyOf is the recipients filter for one recipient, where "" means
// anybody.
func AnyOf(recipient string) []string {
	if recipient == "" {
		return nil
	}
	return []string{recipient}
}

// MaxWait is the longest GET /sandbox/outbox?wait=… holds a request.
const MaxWait = 25 * time.Second
