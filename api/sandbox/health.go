package sandbox

import "net/http"

// Health is what GET /healthz answers: whether the database answers, and
// what a program that shares the sandbox must know before it does.
// `onboard serve --sandbox-url` reads it at start to refuse, with a
// sentence, a sandbox that cannot hold its sessions (cmd/onboard/serve_team.go).
// A sandbox older than these fields answers the status alone.
type Health struct {
	// Status is "ok", or "unavailable" (503) when the database does not
	// answer.
	Status string `json:"status"`
	// Partner is the partner the sandbox serves (not a secret: a session's
	// tenant is Partner-SUFFIX, whose SUFFIX is, see tenants.go).
	Partner string `json:"partner,omitempty"`
	// Shared says the sandbox accepts session partners, one tenant each
	// (Options.SessionPartners; `onboard sandbox --shared`).
	Shared bool `json:"shared"`
	// KYCAutoApprove is how long after its link a KYC is approved, as a
	// Go duration ("6s"); "0s" when it is approved by hand on the page.
	KYCAutoApprove string `json:"kycAutoApprove,omitempty"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := s.st.ping(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, Health{Status: "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, Health{Status: "ok", Partner: s.opts.PartnerName, Shared: s.opts.SessionPartners,
		KYCAutoApprove: max(0, s.opts.KYCAutoApprove).String()})
}
