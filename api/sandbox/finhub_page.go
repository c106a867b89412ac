package sandbox

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"

	"github.com/onboard-cli/onboard/api/sandbox/defaults"
)

// FinHubReviewPage is the review page template of a sandbox at base (its
// root URL): where a FinHub verification is approved or rejected.
func FinHubReviewPage(base string) string { return defaults.FinHubReviewPage(base) }

func finhubExplain(status string) string {
	switch status {
	case "INITIATED", "IN_PROGRESS":
		return "The documents are not all uploaded yet."
	case "PENDING_REVIEW":
		return "Every document is uploaded; FinHub's reviewers would now check them."
	case "APPROVED":
		return "The identity is approved. You can close this page."
	case "REJECTED":
		return "The verification was rejected."
	}
	return ""
}

// finhubReviewPage stands in for FinHub's reviewers: the verification id
// (a UUID, unguessable) is the capability.
func (s *Server) finhubReviewPage(w http.ResponseWriter, r *http.Request) {
	s.kycPage(w, r, s.st.inTx, func(t *tx) (kycPageView, error) { // finhubAdvance writes
		v, err := t.finhubVerification("id = ?", r.PathValue("verificationId"))
		if err != nil {
			return kycPageView{}, err
		}
		if err := t.finhubAdvance(v); err != nil {
			return kycPageView{}, err
		}
		view := kycPageView{Status: v.Status, Explain: finhubExplain(v.Status),
			Open: v.Status == "PENDING_REVIEW" || v.Status == "IN_PROGRESS" || v.Status == "INITIATED"}
		err = t.row("SELECT legal_name FROM finhub_organizations WHERE id = ?", v.CustomerID).Scan(&view.Company)
		if err == nil { // a company's KYB
			if v.Status == "APPROVED" {
				view.Explain = "The company is approved. You can close this page."
			}
			return view, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return kycPageView{}, err
		}
		c, err := t.finhubCustomer("id = ?", v.CustomerID)
		if err != nil {
			return kycPageView{}, err
		}
		view.Phone = maskPhone(strings.TrimPrefix(c.Phone, "+"))
		return view, nil
	})
}

// finhubReviewAction approves or rejects as the page's button says, then
// shows the page again (post/redirect/get).
func (s *Server) finhubReviewAction(w http.ResponseWriter, r *http.Request) {
	actions := map[string]string{"approve": "APPROVED", "decline": "REJECTED", "review": "PENDING_REVIEW", "abort": "REJECTED"}
	s.kycAction(w, r, actions, func(t *tx, next string) error {
		v, err := t.finhubVerification("id = ?", r.PathValue("verificationId"))
		if err != nil {
			return err
		}
		if v.Status == "APPROVED" || v.Status == "REJECTED" || next == v.Status {
			return nil // already over: a second click changes nothing
		}
		return t.finhubSetVerification(v, next)
	})
}
