package sandbox

import (
	"net/http"
)

// newPhone is a consumer's new number, validated.
type newPhone struct{ cc, national, digits string }

// updatedPhone validates the phone of an update. The consumer may change
// their own number; LinkCy's partner API changes "this corporate related
// person"'s and sends the partner to its support for an account owner's,
// which is what the sandbox's consumers all are.
func (s *Server) updatedPhone(p *principal, in *phoneIn) (*newPhone, error) {
	if in == nil {
		return nil, nil
	}
	if p.isPartner() {
		return nil, newErr(http.StatusForbidden, codeForbidden, "Changing an account owner's phone as the partner needs LinkCy support; the consumer can change it when logged in.")
	}
	cc, national, digits, err := s.validatePhone(in)
	if err != nil {
		return nil, err
	}
	return &newPhone{cc: cc, national: national, digits: digits}, nil
}

// changePhone gives c the new number, unproven until the phone code
// verifies it; a number another consumer of the partner has is refused.
func (t *tx) changePhone(c *consumerRow, n *newPhone) error {
	if n == nil || n.digits == c.Digits {
		return nil
	}
	var taken int
	if err := t.row("SELECT COUNT(*) FROM consumers WHERE partner = ? AND phone_digits = ? AND id <> ?", c.Partner, n.digits, c.ID).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return &apiError{status: http.StatusConflict, code: codePhoneUsed, message: "A consumer with this phone number already exists.",
			details: []errorDetail{{Field: "phone", RejectedValue: "+" + n.digits, Message: "This phone number is already registered."}}}
	}
	_, err := t.exec("UPDATE consumers SET country_code = ?, national_number = ?, phone_digits = ?, phone_validated = 0 WHERE id = ?",
		n.cc, n.national, n.digits, c.ID)
	return err
}
