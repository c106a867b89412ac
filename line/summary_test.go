package line

import (
	"strings"
	"testing"
)

// TestWriteTable: the values start in one column whatever the names'
// lengths, and a long value wraps at spaces under itself.
func TestWriteTable(t *testing.T) {
	var b strings.Builder
	err := writeTable(&b, [][2]string{{"consumer", "469ade1f-eb39-4b26-b479-285d298ad0f3"}, {"KYC", "APPROVED"},
		{"missing consents", "none"},
		{"person", "Augusta Ada King, Countess of Lovelace: DIRECTOR, SHAREHOLDER, UBO, AUTHORISED_SIGNATORY (40%)"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `consumer          469ade1f-eb39-4b26-b479-285d298ad0f3
KYC               APPROVED
missing consents  none
person            Augusta Ada King, Countess of Lovelace: DIRECTOR, SHAREHOLDER,
                  UBO, AUTHORISED_SIGNATORY (40%)
`
	if b.String() != want {
		t.Errorf("the table:\n%s\nwant:\n%s", b.String(), want)
	}
}
