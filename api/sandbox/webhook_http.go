package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// webhookDeliveryJSON is one delivery in GET /sandbox/webhooks.
type webhookDeliveryJSON struct {
	EventID    string `json:"eventId"`
	Type       string `json:"type"`
	Subject    string `json:"subject"`
	EndpointID string `json:"endpointId"`
	State      string `json:"state"`
	Attempts   int    `json:"attempts"`
	LastStatus int    `json:"lastStatus,omitempty"`
	LastError  string `json:"lastError,omitempty"`
	LastAt     string `json:"lastAttemptAt,omitempty"`
}

// handleWebhooks serves GET /sandbox/webhooks: the endpoints (never their
// secrets) and the deliveries of the latest 500 events, newest first, with their
// attempts and last answers.
func (s *Server) handleWebhooks(w http.ResponseWriter, r *http.Request) error {
	type endpointJSON struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}
	endpoints, deliveries := []endpointJSON{}, []webhookDeliveryJSON{}
	err := s.st.read(r.Context(), func(t *tx) error {
		rows, err := t.query("SELECT id, url FROM webhook_endpoints ORDER BY created_at, id")
		if err != nil {
			return err
		}
		for rows.Next() {
			var e endpointJSON
			if err := rows.Scan(&e.ID, &e.URL); err != nil {
				rows.Close()
				return err //nolint:wrapcheck // wrapped below
			}
			endpoints = append(endpoints, e)
		}
		rows.Close()
		rows, err = t.query(`SELECT e.id, e.type, d.subject, d.endpoint_id, d.state, d.attempts, d.last_status, d.last_error, d.last_at
			FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.event_seq
			WHERE d.event_seq > (SELECT COALESCE(MAX(event_seq), 0) FROM webhook_deliveries) - 500 ORDER BY d.event_seq DESC LIMIT 500`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d webhookDeliveryJSON
			var at int64
			if err := rows.Scan(&d.EventID, &d.Type, &d.Subject, &d.EndpointID, &d.State, &d.Attempts, &d.LastStatus, &d.LastError, &at); err != nil {
				return err //nolint:wrapcheck // wrapped below
			}
			if at > 0 {
				d.LastAt = fromUnix(at).Format(time.RFC3339Nano)
			}
			deliveries = append(deliveries, d)
		}
		return rows.Err() //nolint:wrapcheck // wrapped below
	})
	if err != nil {
		return errors.Join(errors.New("sandbox: listing webhooks"), err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"endpoints": endpoints, "deliveries": deliveries})
	return nil
}

// handleAddWebhook serves POST /sandbox/webhooks {"url": …, "secret": …}:
// it registers an endpoint for the events from now on. Without a secret
// the sandbox makes one, and the answer is the only place it is shown.
// Only this machine may add one.
func (s *Server) handleAddWebhook(w http.ResponseWriter, r *http.Request) error {
	if !fromLoopback(r) {
		return newErr(http.StatusForbidden, codeForbidden, "Webhooks can only be added from the sandbox's own machine.")
	}
	var in struct {
		URL    string `json:"url"`
		Secret string `json:"secret"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 8192)).Decode(&in); err != nil {
		return newErr(http.StatusBadRequest, codeValidation, "Send a JSON object: {\"url\": \"https://…\"}, and a \"secret\" (whsec_…) if you have one.")
	}
	if err := checkWebhookURL(in.URL); err != nil {
		return fieldErr(codeValidation, "url", nil, "%s", err.Error())
	}
	out := map[string]string{"url": in.URL}
	if in.Secret == "" {
		in.Secret = NewWebhookSecret()
		out["secret"] = in.Secret
	} else if err := checkWebhookSecret(in.Secret); err != nil {
		return fieldErr(codeValidation, "secret", nil, "%s", err.Error())
	}
	id, err := s.st.addEndpoint(r.Context(), in.URL, in.Secret)
	if err != nil {
		return err
	}
	out["id"] = id
	s.startDeliverer()
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// handleReplayWebhook serves POST /sandbox/webhooks/{id}/replay: event id
// is sent again, now, to every endpoint it went to, with the same id.
func (s *Server) handleReplayWebhook(w http.ResponseWriter, r *http.Request) error {
	if !fromLoopback(r) {
		return newErr(http.StatusForbidden, codeForbidden, "Webhooks can only be replayed from the sandbox's own machine.")
	}
	var n int64
	err := s.st.inTx(r.Context(), func(t *tx) error {
		res, err := t.exec(`UPDATE webhook_deliveries SET state = 'pending', next_at = ?, leased_until = 0
			WHERE event_seq = (SELECT seq FROM webhook_events WHERE id = ?)`, unix(time.Now()), r.PathValue("id"))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		if n > 0 {
			t.hooks.scan = true // wakes the deliverer to look for them
		}
		return err //nolint:wrapcheck // wrapped by handle's 500
	})
	if err != nil {
		return err
	}
	if n == 0 {
		return newErr(http.StatusNotFound, codeNotFound, "No delivered event has this id; GET /sandbox/webhooks lists them.")
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"id": r.PathValue("id"), "deliveries": n})
	return nil
}
