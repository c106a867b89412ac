package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// kycLinkTTL is how long a LINK stays valid (LinkCy: 720 h).
const kycLinkTTL = 720 * time.Hour

type kycRow struct {
	ID, ConsumerID, Token, Status string
	AutoAt, CreatedAt, UpdatedAt  int64
	ExpiresAt                     int64
}

const kycCols = "id, consumer_id, token, status, auto_at, created_at, updated_at, expires_at"

func scanKYC(sc scanner) (*kycRow, error) {
	var k kycRow
	if err := sc.Scan(&k.ID, &k.ConsumerID, &k.Token, &k.Status, &k.AutoAt, &k.CreatedAt, &k.UpdatedAt, &k.ExpiresAt); err != nil {
		return nil, err //nolint:wrapcheck // callers test for sql.ErrNoRows
	}
	return &k, nil
}

func (k *kycRow) view() map[string]any {
	return map[string]any{"id": k.ID, "personId": k.ConsumerID, "personType": "CONSUMER", "kycStatus": k.Status,
		"creationDate": fromUnix(k.CreatedAt).Format(timeFormat), "updateDate": fromUnix(k.UpdatedAt).Format(timeFormat)}
}

// setKYC moves one application to status and the consumer's kycInfo with it.
func (t *tx) setKYC(k *kycRow, status string) error {
	if _, err := t.exec("UPDATE kyc SET status = ?, updated_at = ?, auto_at = 0 WHERE id = ?", status, unix(t.now), k.ID); err != nil {
		return err
	}
	if _, err := t.exec("UPDATE consumers SET kyc_status = ?, updated_at = ? WHERE id = ?", status, unix(t.now), k.ConsumerID); err != nil {
		return err
	}
	k.Status = status
	return t.kycEvent(k)
}

// kycDueWhere selects the applications time has moved on: a link expired
// unused, an auto-approval landed or half-way there. Indexes kyc_expiring
// and kyc_auto serve it.
const kycDueWhere = `(status = 'CREATED' AND expires_at <= ?1) OR (auto_at > 0 AND status IN ('CREATED', 'PROCESSING')
	AND (auto_at <= ?1 OR (status = 'CREATED' AND created_at + (auto_at - created_at) / 2 <= ?1)))`

// errKYCDue sends a read that found KYC applications to move on to the
// writer.
var errKYCDue = errors.New("sandbox: KYC applications are due to move on")

// kycScope narrows the KYC due-check to the applications of the consumer
// a request is about: a condition on kyc, and its arguments. The zero
// kycScope is every application (the lists). A request that moved every
// due application on made every two requests on PostgreSQL read and
// write the same rows, and one of each pair was refused and run again.
type kycScope struct {
	where string
	args  []any
}

// kycOfConsumer is the applications of consumer id.
func kycOfConsumer(id string) kycScope { return kycScope{"consumer_id = ?", []any{id}} }

// kycOfConsumers is the applications of the consumers where selects.
func kycOfConsumers(where string, args []any) kycScope {
	return kycScope{"consumer_id IN (SELECT id FROM consumers WHERE " + where + ")", args}
}

// kycOfApplication is the applications of the consumer whose application
// has column = value (id or token).
func kycOfApplication(column, value string) kycScope {
	return kycScope{"consumer_id = (SELECT consumer_id FROM kyc WHERE " + column + " = ?)", []any{value}}
}

// due is the statement select (columns) of the scope's due applications,
// with its arguments.
func (k kycScope) due(columns string, now int64) (string, []any) {
	q := "SELECT " + columns + " FROM kyc WHERE (" + kycDueWhere + ")"
	if k.where != "" {
		q += " AND " + k.where
	}
	return q, append([]any{now}, k.args...)
}

// kycDue reports whether time has moved on any application of scope, read
// in a read transaction of its own. A write transaction asks it first and
// moves them on only if so: on PostgreSQL the due-check's read inside a
// SERIALIZABLE transaction locks index pages other consumers' writes
// touch, and made pairs of unrelated onboardings refuse each other. One
// that becomes due in between is moved on by the next request.
func (s *store) kycDue(ctx context.Context, scope kycScope) (bool, error) {
	var due bool
	err := s.read(ctx, func(t *tx) error {
		q, args := scope.due("1", unix(t.now))
		return t.row("SELECT EXISTS ("+q+")", args...).Scan(&due)
	})
	if err != nil {
		return false, fmt.Errorf("sandbox: reading KYC: %w", err)
	}
	return due, nil
}

// advanceKYCIf runs advanceKYC(scope) when due.
func (t *tx) advanceKYCIf(due bool, scope kycScope) error {
	if !due {
		return nil
	}
	return t.advanceKYC(scope)
}

// readFresh runs fn in a read transaction on a reader when time has moved
// no KYC application of scope on, which is nearly always; otherwise it
// moves them on with the writer and runs fn there, after.
func (s *store) readFresh(ctx context.Context, scope kycScope, fn func(*tx) error) error {
	err := s.read(ctx, func(t *tx) error {
		var due bool
		q, args := scope.due("1", unix(t.now))
		if err := t.row("SELECT EXISTS ("+q+")", args...).Scan(&due); err != nil {
			return fmt.Errorf("sandbox: reading KYC: %w", err)
		}
		if due {
			return errKYCDue
		}
		return fn(t)
	})
	if !errors.Is(err, errKYCDue) {
		return err
	}
	return s.inTx(ctx, func(t *tx) error {
		if err := t.advanceKYC(scope); err != nil {
			return err
		}
		return fn(t)
	})
}

// advanceKYC applies what time has done to scope's applications since the
// last request: unused links expire (ABORTED), and auto-approval lands
// (PROCESSING half-way, then VALIDATED). Every read of a consumer or its
// KYC runs it or readFresh, so no goroutine is needed and an injected
// clock drives it in tests.
func (t *tx) advanceKYC(scope kycScope) error {
	now := unix(t.now)
	q, args := scope.due(kycCols, now)
	rows, err := t.query(q, args...)
	if err != nil {
		return fmt.Errorf("sandbox: reading KYC: %w", err)
	}
	var due []*kycRow
	for rows.Next() {
		k, err := scanKYC(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("sandbox: reading KYC: %w", err)
		}
		due = append(due, k)
	}
	rows.Close()
	for _, k := range due {
		next := k.Status
		switch {
		case k.AutoAt > 0 && now >= k.AutoAt:
			next = "VALIDATED"
		case k.AutoAt > 0 && now >= k.CreatedAt+(k.AutoAt-k.CreatedAt)/2:
			next = "PROCESSING"
		case k.Status == "CREATED" && now >= k.ExpiresAt:
			next = "ABORTED"
		}
		if next == k.Status {
			continue
		}
		auto := k.AutoAt
		if err := t.setKYC(k, next); err != nil {
			return err
		}
		if next == "PROCESSING" { // keep the pending approval
			if _, err := t.exec("UPDATE kyc SET auto_at = ? WHERE id = ?", auto, k.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

type createKYCIn struct {
	ConsumerID              string `json:"consumerId"`
	RelatedPhysicalPersonID string `json:"relatedPhysicalPersonId"`
	KYCConfiguration        *struct {
		AccessType    string `json:"accessType"`
		URLOnComplete string `json:"urlOnComplete"`
		URLOnFailure  string `json:"urlOnFailure"`
	} `json:"kycConfiguration"`
}

func (s *Server) handleCreateKYC(w http.ResponseWriter, r *http.Request) error {
	p, in, err := authedBody[createKYCIn](s, r)
	if err != nil {
		return err
	}
	switch {
	case in.KYCConfiguration == nil:
		return fieldErr(codeValidation, "kycConfiguration", nil, "kycConfiguration is required.")
	case in.KYCConfiguration.AccessType != "LINK":
		return fieldErr(codeValidation, "kycConfiguration.accessType", in.KYCConfiguration.AccessType,
			"The sandbox only offers accessType LINK.")
	case in.RelatedPhysicalPersonID != "":
		return newErr(http.StatusBadRequest, codeValidation, "The sandbox has no corporates; use consumerId.")
	}
	var k *kycRow
	base := s.publicBase(r)
	who := in.ConsumerID
	if !p.isPartner() {
		who = p.subject
	}
	due, err := s.st.kycDue(r.Context(), kycOfConsumer(who))
	if err != nil {
		return err
	}
	err = s.st.inTx(r.Context(), func(t *tx) error {
		if err := t.advanceKYCIf(due, kycOfConsumer(who)); err != nil {
			return err
		}
		c, err := s.targetConsumer(t, p, in.ConsumerID)
		if err != nil {
			return err
		}
		switch {
		case !c.PhoneValidated:
			return newErr(http.StatusConflict, codePhoneNotValid, "The phone must be validated (set a password with the SMS secret) before KYC.")
		case c.KYCStatus == "VALIDATED":
			return newErr(http.StatusConflict, codeKYCValidated, "This consumer's identity is already validated.")
		case c.KYCStatus == "PROCESSING" || c.KYCStatus == "PENDING_REVIEW":
			return newErr(http.StatusConflict, codeKYCInProgress, "An identity check is being reviewed; wait for its result.")
		}
		// A still-open link is replaced: the newest link is the only one
		// that works. The consumer's kyc_status is its newest application's,
		// so a first link reads no other application (on PostgreSQL that
		// read locked an index page every other new link writes).
		if c.KYCStatus == "CREATED" {
			if _, err := t.exec("UPDATE kyc SET status = 'ABORTED', updated_at = ?, auto_at = 0 WHERE consumer_id = ? AND status = 'CREATED'",
				unix(t.now), c.ID); err != nil {
				return err
			}
		}
		now := unix(t.now)
		k = &kycRow{ID: newID(), ConsumerID: c.ID, Token: newToken(), Status: "CREATED", CreatedAt: now, UpdatedAt: now,
			ExpiresAt: unix(t.now.Add(kycLinkTTL))}
		if s.opts.KYCAutoApprove > 0 {
			k.AutoAt = unix(t.now.Add(s.opts.KYCAutoApprove))
		}
		if _, err := t.exec("INSERT INTO kyc ("+kycCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			k.ID, k.ConsumerID, k.Token, k.Status, k.AutoAt, k.CreatedAt, k.UpdatedAt, k.ExpiresAt); err != nil {
			return err
		}
		if _, err := t.exec("UPDATE consumers SET kyc_status = 'CREATED', updated_at = ? WHERE id = ?", now, c.ID); err != nil {
			return err
		}
		return t.kycEvent(k)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": k.ID, "url": base + "/sandbox/kyc/" + k.Token,
		"ttl": "PT720H", "kycStatus": k.Status})
	return nil
}

func (s *Server) handleGetKYC(w http.ResponseWriter, r *http.Request) error {
	p, err := s.requireAuth(r)
	if err != nil {
		return err
	}
	if err := linkcyUUIDParam(r, "kycId"); err != nil {
		return err
	}
	var k *kycRow
	err = s.st.readFresh(r.Context(), kycOfApplication("id", r.PathValue("kycId")), func(t *tx) error {
		k, err = scanKYC(t.row("SELECT "+kycCols+" FROM kyc WHERE id = ?", r.PathValue("kycId")))
		if errors.Is(err, sql.ErrNoRows) {
			return newErr(http.StatusNotFound, codeNotFound, "No KYC application with this id.")
		}
		if err != nil {
			return err
		}
		c, err := t.consumer("id = ?", k.ConsumerID)
		if err != nil {
			return err
		}
		return canRead(p, c)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, k.view())
	return nil
}

func (s *Server) handleListKYC(w http.ResponseWriter, r *http.Request) error {
	p, err := s.requireAuth(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	page, size, perr := paging(q.Get("page"), q.Get("pageSize"))
	if perr != nil {
		return perr
	}
	where, args := "c.partner = ?", []any{p.partner}
	if !p.isPartner() {
		where, args = "k.consumer_id = ?", []any{p.subject}
	}
	if v := q.Get("personId"); v != "" {
		where, args = where+" AND k.consumer_id = ?", append(args, v)
	}
	if v := q.Get("kycStatus"); v != "" {
		where, args = where+" AND k.status = ?", append(args, v)
	}
	dir := "DESC"
	if q.Get("sortDirection") == "ASC" {
		dir = "ASC"
	}
	order := "k.created_at"
	if q.Get("sortAttribute") == "UPDATE_DATE" {
		order = "k.updated_at"
	}
	content := []map[string]any{}
	var total int
	err = s.st.readFresh(r.Context(), kycScope{}, func(t *tx) error {
		from := " FROM kyc k JOIN consumers c ON c.id = k.consumer_id WHERE " + where
		if err := t.row("SELECT COUNT(*)"+from, args...).Scan(&total); err != nil {
			return fmt.Errorf("sandbox: counting KYC: %w", err)
		}
		cols := "k.id, k.consumer_id, k.token, k.status, k.auto_at, k.created_at, k.updated_at, k.expires_at"
		rows, err := t.query("SELECT "+cols+from+" ORDER BY "+order+" "+dir+", k.id LIMIT ? OFFSET ?",
			append(args, size, page*size)...)
		if err != nil {
			return fmt.Errorf("sandbox: listing KYC: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			k, err := scanKYC(rows)
			if err != nil {
				return fmt.Errorf("sandbox: listing KYC: %w", err)
			}
			content = append(content, k.view())
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"content": content, "totalElements": total, "page": page, "pageSize": size})
	return nil
}

// kycPageView is what the KYC simulator page shows.
type kycPageView struct {
	NotFound      bool
	Phone, Status string
	Explain       string
	Open          bool
	// Company names the company a FinHub KYB's page reviews ("" for a
	// person's identity check).
	Company string
}

// kycByToken loads the application behind a page token; only the newest
// application of its consumer is live.
func (t *tx) kycByToken(token string) (*kycRow, *consumerRow, error) {
	k, err := scanKYC(t.row("SELECT "+kycCols+" FROM kyc WHERE token = ?", token))
	if err != nil {
		return nil, nil, err
	}
	c, err := t.consumer("id = ?", k.ConsumerID)
	if err != nil {
		return nil, nil, err
	}
	var newest string
	if err := t.row("SELECT id FROM kyc WHERE consumer_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1", c.ID).Scan(&newest); err != nil {
		return nil, nil, fmt.Errorf("sandbox: reading KYC: %w", err)
	}
	if newest != k.ID {
		return nil, nil, sql.ErrNoRows
	}
	return k, c, nil
}

func explainKYC(status string) string {
	switch status {
	case "CREATED":
		return "The link is ready; the check has not been done yet."
	case "PROCESSING":
		return "The check is done and being processed."
	case "PENDING_REVIEW":
		return "The check is waiting for a person to review it."
	case "VALIDATED":
		return "The identity is validated. You can close this page."
	case "DECLINED":
		return "The identity check was declined. The wizard can ask for a new link."
	case "ABORTED":
		return "The check was abandoned or the link expired. The wizard can ask for a new link."
	}
	return ""
}

func (s *Server) handleKYCPage(w http.ResponseWriter, r *http.Request) {
	fresh := func(ctx context.Context, fn func(*tx) error) error {
		return s.st.readFresh(ctx, kycOfApplication("token", r.PathValue("token")), fn)
	}
	s.kycPage(w, r, fresh, func(t *tx) (kycPageView, error) {
		k, c, err := t.kycByToken(r.PathValue("token"))
		if err != nil {
			return kycPageView{}, err
		}
		return kycPageView{Phone: maskPhone(c.Digits), Status: k.Status, Explain: explainKYC(k.Status),
			Open: k.Status == "CREATED" || k.Status == "PROCESSING" || k.Status == "PENDING_REVIEW"}, nil
	})
}

// kycPage renders a KYC simulator page (LinkCy's or Weavr's) with what
// read finds in one transaction that run gives it (a read when nothing
// needs writing first); sql.ErrNoRows is the not-found page.
func (s *Server) kycPage(w http.ResponseWriter, r *http.Request, run func(context.Context, func(*tx) error) error, read func(*tx) (kycPageView, error)) {
	var v kycPageView
	status := http.StatusOK
	err := run(r.Context(), func(t *tx) error {
		var err error
		v, err = read(t)
		if errors.Is(err, sql.ErrNoRows) {
			v, status, err = kycPageView{NotFound: true}, http.StatusNotFound, nil
		}
		return err
	})
	if err != nil {
		s.opts.Logger.Error("kyc page", "route", route(r), "err", err)
		http.Error(w, "The sandbox could not read its database.", http.StatusInternalServerError)
		return
	}
	s.pages.render(w, "kyc", status, v)
}

// handleKYCAction ends (or pauses) the check as the page's button says.
func (s *Server) handleKYCAction(w http.ResponseWriter, r *http.Request) {
	actions := map[string]string{"approve": "VALIDATED", "decline": "DECLINED", "review": "PENDING_REVIEW", "abort": "ABORTED"}
	scope := kycOfApplication("token", r.PathValue("token"))
	due, err := s.st.kycDue(r.Context(), scope)
	if err != nil {
		s.opts.Logger.Error("kyc page", "route", route(r), "err", err)
		http.Error(w, "The sandbox could not read its database.", http.StatusInternalServerError)
		return
	}
	s.kycAction(w, r, actions, func(t *tx, next string) error {
		if err := t.advanceKYCIf(due, scope); err != nil {
			return err
		}
		k, _, err := t.kycByToken(r.PathValue("token"))
		if err != nil {
			return err
		}
		switch k.Status {
		case "VALIDATED", "DECLINED", "ABORTED":
			return nil // already over: a second click changes nothing
		}
		return t.setKYC(k, next)
	})
}

// kycAction is a KYC simulator page's buttons (every provider's): the
// form's action becomes the status actions names, set applies it in a
// write transaction (sql.ErrNoRows: no such check, the not-found page),
// then the page is shown again (post/redirect/get).
func (s *Server) kycAction(w http.ResponseWriter, r *http.Request, actions map[string]string, set func(t *tx, next string) error) {
	next := actions[r.FormValue("action")]
	if next == "" {
		http.Error(w, "Unknown action; use approve, decline, review or abort.", http.StatusBadRequest)
		return
	}
	err := s.st.inTx(r.Context(), func(t *tx) error { return set(t, next) })
	switch {
	case errors.Is(err, sql.ErrNoRows):
		s.pages.render(w, "kyc", http.StatusNotFound, kycPageView{NotFound: true})
	case err != nil:
		s.opts.Logger.Error("kyc action", "route", route(r), "err", err)
		http.Error(w, "The sandbox could not update its database.", http.StatusInternalServerError)
	default:
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusSeeOther)
	}
}

// maskPhone shows a phone the way the wizard does: "+33 •• •• •• 78".
func maskPhone(digits string) string {
	if len(digits) < 4 {
		return "+" + digits
	}
	return "+" + digits[:2] + " •••• " + digits[len(digits)-2:]
}
