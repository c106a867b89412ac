package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Error codes of the request-body checks (see decode).
const (
	codeUnsupportedMedia = "UNSUPPORTED_MEDIA_TYPE"
	codeTrailingData     = "TRAILING_DATA"
	codeControlChar      = "CONTROL_CHARACTER"
	codeBodyTimeout      = "REQUEST_TIMEOUT"
)

// decode reads a request's JSON body into v. It is the one reader of
// request bodies for all three providers, so every check is here; each
// refusal is an *apiError in LinkCy's shape, which weavrHandle and
// finhubHandle translate into theirs (decodeForWeavr, decodeForFinHub):
//
//   - 415 when the body is not sent as JSON: the Content-Type must be
//     application/json (any charset parameter must be utf-8). An absent
//     Content-Type is refused too: the provider APIs require it, and
//     curl's -d sends a form type, so a missing one is always a mistake;
//   - 413 past the size limit the middleware set, 408 when the body stops
//     arriving before the body deadline (Options.BodyTimeout);
//   - 400 for an empty body, one that is not JSON, or data after the
//     first JSON value;
//   - 400 naming the field for a C0 or C1 control character or DEL in any
//     string, key or value: they would reach the database and terminals.
func decode(r *http.Request, v any) error {
	if err := jsonContentType(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return bodyReadErr(err)
	}
	if err := checkJSON(data); err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return fieldErr(codeValidation, typeErr.Field, nil, "%s must be a %s.", typeErr.Field, jsonType(typeErr.Type.Kind().String()))
		}
		return newErr(http.StatusBadRequest, codeMalformed, "The request body is not valid JSON.")
	}
	return nil
}

// jsonContentType accepts application/json with no charset or utf-8.
func jsonContentType(ct string) error {
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		if cs, ok := params["charset"]; !ok || strings.EqualFold(cs, "utf-8") {
			return nil
		}
	}
	shown := ct
	if len(shown) > 64 {
		shown = shown[:64] + "…"
	}
	if ct == "" {
		shown = "none"
	}
	return newErr(http.StatusUnsupportedMediaType, codeUnsupportedMedia,
		"The request body must be JSON sent with Content-Type: application/json (this one had %q); set that header and send again.", shown)
}

// bodyReadErr turns a failed body read into its answer.
func bodyReadErr(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return newErr(http.StatusRequestEntityTooLarge, codeBodyTooLarge, "The request body is larger than %d bytes.", tooBig.Limit)
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return newErr(http.StatusRequestTimeout, codeBodyTimeout, "The request body arrived too slowly and was cut off; send it again in one go.")
	}
	return newErr(http.StatusBadRequest, codeMalformed, "The request body could not be read; send it again.")
}

// checkJSON requires data to be exactly one JSON value, whose strings and
// keys hold no control character.
func checkJSON(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return newErr(http.StatusBadRequest, codeMalformed, "The request body is empty; it must be a JSON object.")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var val any
	if err := dec.Decode(&val); err != nil {
		return newErr(http.StatusBadRequest, codeMalformed, "The request body is not valid JSON.")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return newErr(http.StatusBadRequest, codeTrailingData,
			"The request body has data after its JSON value (at byte %d); send exactly one JSON object.", dec.InputOffset())
	}
	return controlChars("", val)
}

// controlChars walks a decoded JSON value and names the first field (in
// key order) whose key or string holds a control character. The value is
// never echoed: it may be a password or a secret.
func controlChars(path string, v any) error {
	switch v := v.(type) {
	case string:
		return controlIn(path, v)
	case []any:
		for i, e := range v {
			if err := controlChars(path+"["+strconv.Itoa(i)+"]", e); err != nil {
				return err
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			field := k
			if path != "" {
				field = path + "." + k
			}
			if err := controlInKey(path, k); err != nil {
				return err
			}
			if err := controlChars(field, v[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// controlIn refuses s, the value (or key) of field, when it holds a C0 or
// C1 control character or DEL.
func controlIn(field, s string) error {
	for i, r := range []rune(s) {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			name := field
			if name == "" {
				name = "body"
			}
			return fieldErr(codeControlChar, name, nil,
				"%s must not contain control characters (U+%04X at character %d); remove it and send again.", name, r, i+1)
		}
	}
	return nil
}

// controlInKey refuses key, a key of the object at path, when it holds a
// control character. The key itself is not the field named: it is shown
// escaped in the sentence, never raw.
func controlInKey(path, key string) error {
	if controlIn(path, key) == nil {
		return nil
	}
	if path == "" {
		path = "body"
	}
	return fieldErr(codeControlChar, path, nil,
		"The key %s in %s must not contain control characters; rename it and send again.", strconv.QuoteToASCII(key), path)
}

// decodeForWeavr is decode's refusal in Weavr's shape.
func decodeForWeavr(ae *apiError) *weavrError {
	status := ae.status
	if status == http.StatusRequestEntityTooLarge {
		status = http.StatusBadRequest // Weavr documents no 413
	}
	we := &weavrError{status: status, message: ae.message}
	for _, d := range ae.details {
		we.fields = append(we.fields, weavrField{FieldName: d.Field, Error: "REGEX"})
	}
	return we
}

// decodeForFinHub is decode's refusal in FinHub's shape.
func decodeForFinHub(ae *apiError) *finhubError {
	code := map[int]string{http.StatusRequestEntityTooLarge: "PAYLOAD_TOO_LARGE",
		http.StatusUnsupportedMediaType: codeUnsupportedMedia, http.StatusRequestTimeout: codeBodyTimeout}[ae.status]
	if code == "" {
		code = codeValidation
	}
	fe := &finhubError{status: ae.status, code: code, message: ae.message}
	if len(ae.details) > 0 {
		fe.field = ae.details[0].Field
	}
	return fe
}

// isDecodeStatus reports whether status is one decode answers with.
func isDecodeStatus(status int) bool {
	switch status {
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusRequestTimeout:
		return true
	}
	return false
}
