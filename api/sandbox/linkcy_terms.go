package sandbox

import (
	"net/http"

	"github.com/onboard-cli/onboard/assets"
)

// handleTerms serves GET /linkcy/api/partner/terms?language=xx: the sample
// terms in the asked language (English when it has none), with the
// current version.
func (s *Server) handleTerms(w http.ResponseWriter, r *http.Request) error {
	lang := r.URL.Query().Get("language")
	if err := pattern("language", lang, reLanguage, "a two-letter language code such as en or fr"); err != nil {
		return err
	}
	text, used := assets.Terms(lang)
	writeJSON(w, http.StatusOK, map[string]string{
		"version": s.opts.TermsVersion,
		"url":     s.publicBase(r) + "/linkcy/api/partner/terms?language=" + used,
		"content": text,
	})
	return nil
}
