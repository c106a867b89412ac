package sandbox

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/onboard-cli/onboard/api/sandbox/defaults"
)

// The FinHub emulation's rules (docs/ARCHITECTURE.md, "Sources").
const (
	// DefaultFinHubTenantID is the embedded sandbox's tenant.
	DefaultFinHubTenantID = defaults.FinHubTenantID
	// DefaultFinHubTenantKey and DefaultFinHubTenantSecret open customer
	// sessions on it.
	DefaultFinHubTenantKey    = defaults.FinHubTenantKey
	DefaultFinHubTenantSecret = defaults.FinHubTenantSecret

	finhubAccessTTL     = time.Hour
	finhubLoginAttempts = 5
	finhubLockout       = 15 * time.Minute
	finhubCodeAttempts  = 5
	finhubMinPassword   = 8
	// MaxDocumentBytes bounds an uploaded document, decoded.
	MaxDocumentBytes = 5 << 20
	// maxDocumentBody bounds a document upload's request body (base64
	// and the JSON around it).
	maxDocumentBody = MaxDocumentBytes*4/3 + 64<<10
)

// finhubCategory is one of the sandbox tenant's customer categories, with
// the documents its verification needs (the documentation's "Document
// Requirements by Risk Level").
type finhubCategory struct {
	ID, Name, Description, Risk string
	Documents                   []string
}

func finhubCategories() []finhubCategory {
	return []finhubCategory{
		{ID: "LOW_RISK_INDIVIDUAL", Name: "Individual Basic", Description: "Low-risk customers with modest limits", Risk: "LOW",
			Documents: []string{"GOVERNMENT_ID"}},
		{ID: "STANDARD_INDIVIDUAL", Name: "Individual Standard", Description: "Standard customers", Risk: "MEDIUM",
			Documents: []string{"GOVERNMENT_ID", "PROOF_OF_ADDRESS"}},
		{ID: "HIGH_RISK_INDIVIDUAL", Name: "Individual Premium", Description: "High limits and international payments, with enhanced monitoring", Risk: "HIGH",
			Documents: []string{"GOVERNMENT_ID", "PROOF_OF_ADDRESS", "SOURCE_OF_FUNDS"}},
	}
}

func finhubCategoryByID(id string) (finhubCategory, bool) {
	for _, c := range finhubCategories() {
		if c.ID == id {
			return c, true
		}
	}
	return finhubCategory{}, false
}

// finhubDocumentKind is the requirement a document type meets: a passport,
// an ID card or a driving licence is a GOVERNMENT_ID.
func finhubDocumentKind(t string) string {
	switch strings.ToUpper(t) {
	case "PASSPORT", "ID_CARD", "NATIONAL_ID", "DRIVERS_LICENSE", "GOVERNMENT_ID":
		return "GOVERNMENT_ID"
	}
	return strings.ToUpper(t)
}

// finhubConsentName is FinHub's name for the path's consent type, or "".
func finhubConsentName(kind string) string {
	switch kind {
	case "terms":
		return "TERMS_AND_CONDITIONS"
	case "privacy":
		return "PRIVACY_POLICY"
	case "data-processing":
		return "DATA_PROCESSING"
	}
	return ""
}

// finhubRoutes mounts the API under /finhub/api/v2.1/ and the review page
// under /sandbox/finhub/.
func (s *Server) finhubRoutes(mux *http.ServeMux) {
	h := s.finhubHandle
	const p = "/finhub/api/v2.1/"
	const c = p + "customer/individual/"
	mux.Handle("GET "+c+"categorization/hierarchy/{tenantId}", h(s.finhubHierarchy))
	mux.Handle("POST "+c+"registration", h(s.finhubRegister))
	mux.Handle("POST "+c+"{customerId}/users/{userId}/sessions", h(s.finhubCreateSession))
	mux.Handle("PUT "+c+"{customerId}/users/{userId}/sessions", h(s.finhubRefreshSession))
	mux.Handle("DELETE "+c+"{customerId}/users/{userId}/sessions", h(s.finhubAuthed(s.finhubEndSession)))
	mux.Handle("POST "+c+"{customerId}/verification", h(s.finhubAuthed(s.finhubStartVerification)))
	mux.Handle("POST "+p+"verifications/{verificationId}/documents", h(s.finhubAuthed(s.finhubUpload)))
	mux.Handle("GET "+p+"verifications/{verificationId}", h(s.finhubAuthed(s.finhubGetVerification)))
	mux.Handle("POST "+c+"{customerId}/consents/{consentType}", h(s.finhubAuthed(s.finhubConsent)))
	mux.Handle("GET "+c+"{customerId}/owner/{ownerTenantId}/activation/check", h(s.finhubAuthed(s.finhubActivationCheck)))
	mux.Handle("POST "+c+"{customerId}/activation", h(s.finhubAuthed(s.finhubActivate)))
	s.finhubOrgRoutes(mux, p)
	mux.Handle("/finhub/", h(func(http.ResponseWriter, *http.Request) error {
		return &finhubError{status: http.StatusNotFound, code: "NOT_FOUND", message: "No such endpoint."}
	}))
	mux.HandleFunc("GET /sandbox/finhub/review/{verificationId}", s.finhubReviewPage)
	mux.HandleFunc("POST /sandbox/finhub/review/{verificationId}", s.finhubReviewAction)
}

// finhubHandle adapts a FinHub handler: the headers every call needs are
// checked first, and errors are written in FinHub's envelope.
func (s *Server) finhubHandle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := s.finhubHeaders(r)
		if err == nil {
			err = fn(w, r)
		}
		if err == nil {
			return
		}
		var fe *finhubError
		if !errors.As(err, &fe) {
			var ae *apiError
			switch {
			case errors.As(err, &ae) && isDecodeStatus(ae.status):
				fe = decodeForFinHub(ae)
			default:
				s.opts.Logger.Error("internal error", "route", route(r), "err", err)
				fe = &finhubError{status: http.StatusInternalServerError, code: "INTERNAL_ERROR", message: internalMessage(err)}
			}
		}
		writeFinHubError(w, fe, s.opts.Now())
	})
}

// finhubHeaders enforces the documented headers: the tenant, the end
// user's address, the client, its platform and device.
func (s *Server) finhubHeaders(r *http.Request) error {
	if !strings.HasPrefix(r.URL.Path, "/finhub/api/") {
		return nil
	}
	for _, name := range []string{"X-Tenant-ID", "X-Forwarded-For", "User-Agent", "platform", "deviceId"} {
		if strings.TrimSpace(r.Header.Get(name)) == "" {
			return &finhubError{status: http.StatusBadRequest, code: "MISSING_HEADER", message: "The " + name + " header is required.", field: name}
		}
	}
	if r.Header.Get("X-Tenant-ID") != DefaultFinHubTenantID {
		return &finhubError{status: http.StatusForbidden, code: "INVALID_TENANT", message: "Unknown tenant."}
	}
	return nil
}
