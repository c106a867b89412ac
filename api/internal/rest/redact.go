package rest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Redacted replaces every secret value in logs.
const Redacted = "[redacted]"

// IsSecretKey reports whether a JSON key or header name holds a secret.
// Matching ignores case, "-" and "_".
func IsSecretKey(k string) bool {
	switch strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(k)) {
	case "password", "newpassword", "oldpassword", "matchingpassword",
		"passwordchangesecret", "secret", "code", "verificationcode",
		"otp", "pin", "token", "accesstoken", "refreshtoken", "idtoken",
		"authorization", "rejectedvalue", "apikey", "tenantsecret", "pincode", "filecontent":
		return true
	}
	return false
}

// RedactJSON returns body as compact JSON with every secret value replaced
// (the whole subtree, so {"password":{"value":…}} is covered). A body that
// is not JSON is summarised by its size, never printed.
func RedactJSON(body []byte) string {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Sprintf("<%d bytes, not JSON>", len(body))
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return fmt.Sprintf("<%d bytes>", len(body))
	}
	return string(out)
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, sub := range t {
			if IsSecretKey(k) {
				t[k] = Redacted
				continue
			}
			t[k] = redactValue(sub)
		}
	case []any:
		for i := range t {
			t[i] = redactValue(t[i])
		}
	}
	return v
}
