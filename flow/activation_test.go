package flow_test

import (
	"strings"
	"testing"

	"github.com/onboard-cli/onboard/flow"
)

// TestNormalizeActivationCode: codes as the provider documents them are
// taken as they are; digits lose their separators; anything else is told
// what is wrong.
func TestNormalizeActivationCode(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"ACTIVATION_CODE_MED_12345", "ACTIVATION_CODE_MED_12345", ""},
		{"  ACTIVATION_CODE_20260331114954 ", "ACTIVATION_CODE_20260331114954", ""},
		{"123456", "123456", ""},
		{"123 456", "123456", ""},
		{"12-34-56-78", "12345678", ""},
		{"abc-DEF_9", "abc-DEF_9", ""},
		{"", "", "type the activation code"},
		{"ACTIVATION CODE", "", "letters, digits"},
		{"code;rm -rf", "", "letters, digits"},
		{"\x1b[31m123", "", "letters, digits"},
		{strings.Repeat("A", 65), "", "longer than an activation code"},
	}
	for _, tt := range tests {
		got, err := flow.NormalizeActivationCode(tt.in)
		if tt.err == "" && (err != nil || got != tt.want) || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("NormalizeActivationCode(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}
