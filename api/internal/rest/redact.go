package rest

import (
	"encoding/json"
	"fmt"
	"net/url"
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
	case string:
		return redactLink(t)
	}
	return v
}

// redactLink keeps only the scheme and host of a link: a KYC page's or an
// email confirmation's path and query are the capability to it, as good
// as a token to whoever reads the log. Any other string is left as it is.
func redactLink(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return s
	}
	if (u.Path == "" || u.Path == "/") && u.RawQuery == "" {
		return s
	}
	return u.Scheme + "://" + u.Host + "/" + Redacted
}
