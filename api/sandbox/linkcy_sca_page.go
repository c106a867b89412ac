package sandbox

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"
)

// scaPageView is what the approval page shows.
type scaPageView struct {
	Join, NotFound, Open bool
	Phone, Status        string
}

// handleSCAJoin serves GET /sandbox/sca?join=CODE: the form for a join
// code, and the interaction it names.
func (s *Server) handleSCAJoin(w http.ResponseWriter, r *http.Request) {
	code := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("join")))
	if code == "" {
		s.pages.render(w, "sca", http.StatusOK, scaPageView{Join: true})
		return
	}
	var id string
	err := s.st.read(r.Context(), func(t *tx) error {
		return t.row("SELECT id FROM sca_interactions WHERE join_code = ? AND status = 'PENDING' AND created_at > ?",
			code, unix(t.now.Add(-scaTTL))).Scan(&id)
	})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		s.pages.render(w, "sca", http.StatusNotFound, scaPageView{Join: true, NotFound: true})
	case err != nil:
		s.opts.Logger.Error("sca page", "err", err)
		http.Error(w, "The sandbox could not read its database.", http.StatusInternalServerError)
	default:
		http.Redirect(w, r, "/sandbox/sca/"+id, http.StatusSeeOther)
	}
}

// handleSCAPage serves GET /sandbox/sca/{id}: the interaction, with
// Approve and Decline while it waits.
func (s *Server) handleSCAPage(w http.ResponseWriter, r *http.Request) {
	var v scaPageView
	status := http.StatusOK
	err := s.st.read(r.Context(), func(t *tx) error {
		var digits string
		var created int64
		err := t.row(`SELECT i.status, i.created_at, c.phone_digits FROM sca_interactions i JOIN consumers c ON c.id = i.consumer_id
			WHERE i.id = ?`, r.PathValue("id")).Scan(&v.Status, &created, &digits)
		if errors.Is(err, sql.ErrNoRows) {
			v, status = scaPageView{NotFound: true}, http.StatusNotFound
			return nil
		}
		if v.Status == "PENDING" && t.now.Sub(fromUnix(created)) > scaTTL {
			v.Status = "DECLINED"
		}
		v.Phone, v.Open = maskPhone(digits), v.Status == "PENDING"
		return err
	})
	if err != nil {
		s.opts.Logger.Error("sca page", "err", err)
		http.Error(w, "The sandbox could not read its database.", http.StatusInternalServerError)
		return
	}
	s.pages.render(w, "sca", status, v)
}

// handleSCAAction approves or declines a waiting interaction.
func (s *Server) handleSCAAction(w http.ResponseWriter, r *http.Request) {
	next := map[string]string{"approve": "APPROVED", "decline": "DECLINED"}[r.FormValue("action")]
	if next == "" {
		http.Error(w, "Unknown action; use approve or decline.", http.StatusBadRequest)
		return
	}
	err := s.st.inTx(r.Context(), func(t *tx) error {
		_, err := t.exec("UPDATE sca_interactions SET status = ? WHERE id = ? AND status = 'PENDING' AND created_at > ?",
			next, r.PathValue("id"), unix(t.now.Add(-scaTTL)))
		return err
	})
	if err != nil {
		s.opts.Logger.Error("sca action", "err", err)
		http.Error(w, "The sandbox could not update its database.", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, r.URL.RequestURI(), http.StatusSeeOther)
}
