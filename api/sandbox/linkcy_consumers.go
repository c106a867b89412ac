package sandbox

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/onboard-cli/onboard/api"
)

// consumerRow is a consumer as stored.
type consumerRow struct {
	ID, Partner, ExternalID             string
	CountryCode, NationalNumber, Digits string
	FirstName, MiddleName, LastName     string
	Email                               string
	EmailVerified, PhoneValidated       bool
	PasswordHash                        []byte
	TermsVersion, SourceOfFunds, Occup  string
	Extra                               string
	KYCStatus                           string
	FailedLogins                        int
	LockedUntil, CreatedAt, UpdatedAt   int64
}

const consumerCols = `id, partner, COALESCE(external_id, ''), country_code, national_number, phone_digits,
	first_name, middle_name, last_name, email, email_verified, phone_validated, password_hash,
	terms_version, source_of_funds, occupation, extra, kyc_status, failed_logins, locked_until, created_at, updated_at`

type scanner interface{ Scan(...any) error }

func scanConsumer(sc scanner) (*consumerRow, error) {
	var c consumerRow
	err := sc.Scan(&c.ID, &c.Partner, &c.ExternalID, &c.CountryCode, &c.NationalNumber, &c.Digits,
		&c.FirstName, &c.MiddleName, &c.LastName, &c.Email, &c.EmailVerified, &c.PhoneValidated, &c.PasswordHash,
		&c.TermsVersion, &c.SourceOfFunds, &c.Occup, &c.Extra, &c.KYCStatus, &c.FailedLogins, &c.LockedUntil,
		&c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, err //nolint:wrapcheck // callers test for sql.ErrNoRows
	}
	return &c, nil
}

// consumer reads one consumer by a WHERE clause.
func (t *tx) consumer(where string, args ...any) (*consumerRow, error) {
	return scanConsumer(t.row("SELECT "+consumerCols+" FROM consumers WHERE "+where, args...))
}

// view is the consumer as LinkCy's GET answers it. The account statuses are
// derived from the facts the sandbox tracks, the way LinkCy's move: KYC
// drives compliance; KYC plus accepted terms open the banking side.
func (s *Server) view(c *consumerRow) map[string]any {
	termsOK := c.TermsVersion != "" && c.TermsVersion == s.opts.TermsVersion
	compliance := "PENDING"
	switch c.KYCStatus {
	case "VALIDATED", "DECLINED", "PENDING_REVIEW":
		compliance = c.KYCStatus
	}
	linkcy, banking, overall := "MISSING_DATA", "NOT_CREATED", "INACTIVE"
	if c.KYCStatus == "DECLINED" {
		linkcy = "FORBIDDEN"
	}
	if c.KYCStatus == "VALIDATED" && termsOK {
		linkcy, banking, overall = "VALIDATED", "VALIDATED", "ACTIVE"
	}
	v := map[string]any{
		"id":      c.ID,
		"phone":   map[string]any{"countryCode": c.CountryCode, "number": c.NationalNumber, "phoneValidated": c.PhoneValidated},
		"kycInfo": map[string]any{"kycStatus": c.KYCStatus},
		"status": map[string]any{"overallStatus": overall, "linkcyStatus": linkcy, "bankingStatus": banking,
			"complianceStatus": compliance, "suspensionStatus": "NOT_SUSPENDED"},
		"termsAccepted": termsOK,
		"email":         map[string]any{"emailAddress": c.Email, "emailAddressVerified": c.EmailVerified},
		"creationDate":  fromUnix(c.CreatedAt).Format(timeFormat),
		"updateDate":    fromUnix(c.UpdatedAt).Format(timeFormat),
	}
	for k, val := range map[string]string{"externalId": c.ExternalID, "firstName": c.FirstName, "middleName": c.MiddleName,
		"lastName": c.LastName, "sourceOfFunds": c.SourceOfFunds, "occupation": c.Occup} {
		if val != "" {
			v[k] = val
		}
	}
	var extra map[string]json.RawMessage
	if json.Unmarshal([]byte(c.Extra), &extra) == nil {
		for k, raw := range extra {
			if k == "metadata" || k == "userMetadata" {
				v["userMetadata"] = raw
				continue
			}
			v[k] = raw
		}
	}
	return v
}

const timeFormat = "2006-01-02T15:04:05.000Z07:00"

func (s *Server) handleCreateConsumer(w http.ResponseWriter, r *http.Request) error {
	p, err := s.authenticate(r)
	if err != nil {
		return err
	}
	if p != nil && !p.isPartner() {
		return newErr(http.StatusForbidden, codeForbidden, "A consumer cannot create consumers.")
	}
	var in createConsumerIn
	if err := decode(r, &in); err != nil {
		return err
	}
	partner := s.opts.PartnerName
	if p != nil {
		partner = p.partner
	} else { // anonymous: partnerName is required and must be ours
		switch {
		case strings.TrimSpace(in.PartnerName) == "":
			return fieldErr(codePartnerRequired, "partnerName", in.PartnerName, "partnerName is required when creating a consumer without a token.")
		case !s.knowsPartner(in.PartnerName):
			return fieldErr(codeUnknownPartner, "partnerName", in.PartnerName, "Unknown partner %q.", in.PartnerName)
		}
		partner = in.PartnerName
	}
	cc, national, digits, verr := s.validatePhone(in.Phone)
	if verr != nil {
		return verr
	}
	if err := in.validate(); err != nil {
		return err
	}
	id := newID()
	err = s.st.inTx(r.Context(), func(t *tx) error {
		var n int
		if err := t.row("SELECT COUNT(*) FROM consumers WHERE partner = ? AND phone_digits = ?", partner, digits).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &apiError{status: http.StatusConflict, code: codePhoneUsed, message: "A consumer with this phone number already exists.",
				details: []errorDetail{{Field: "phone", RejectedValue: "+" + digits, Message: "This phone number is already registered."}}}
		}
		if in.ExternalID != "" {
			if err := t.row("SELECT COUNT(*) FROM consumers WHERE partner = ? AND external_id = ?", partner, in.ExternalID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return &apiError{status: http.StatusConflict, code: codeExternalIDUsed, message: "A consumer with this externalId already exists.",
					details: []errorDetail{{Field: "externalId", RejectedValue: in.ExternalID, Message: "This externalId is already used."}}}
			}
		}
		var ext any
		if in.ExternalID != "" {
			ext = in.ExternalID
		}
		now := unix(t.now)
		_, err := t.exec(`INSERT INTO consumers (id, partner, external_id, country_code, national_number, phone_digits,
			first_name, middle_name, last_name, email, terms_version, source_of_funds, occupation, extra, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, partner, ext, cc, national, digits, in.FirstName, in.MiddleName, in.LastName, strings.TrimSpace(in.EmailAddress),
			in.LastTermsAccepted, in.SourceOfFunds, in.Occupation, in.extraJSON(), now, now)
		if err != nil {
			return err
		}
		return t.consumerEvent(EventConsumerCreated, &consumerRow{ID: id, Partner: partner}, "", nil)
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/linkcy/api/partner/consumers/"+id)
	writeJSON(w, http.StatusCreated, map[string]string{"id": id})
	return nil
}

func (s *Server) handleGetConsumer(w http.ResponseWriter, r *http.Request) error {
	return s.getConsumer(w, r, "id = ?", r.PathValue("consumerId"))
}

func (s *Server) handleGetConsumerByExternalID(w http.ResponseWriter, r *http.Request) error {
	p, err := s.requireAuth(r)
	if err != nil {
		return err
	}
	if !p.isPartner() {
		return newErr(http.StatusForbidden, codeForbidden, "Only a partner can look consumers up by externalId.")
	}
	return s.getConsumer(w, r, "partner = ? AND external_id = ?", p.partner, r.PathValue("externalId"))
}

func (s *Server) getConsumer(w http.ResponseWriter, r *http.Request, where string, args ...any) error {
	p, err := s.requireAuth(r)
	if err != nil {
		return err
	}
	if r.PathValue("consumerId") != "" {
		if err := linkcyUUIDParam(r, "consumerId"); err != nil {
			return err
		}
	}
	var c *consumerRow
	err = s.st.readFresh(r.Context(), kycOfConsumers(where, args), func(t *tx) error {
		c, err = t.consumer(where, args...)
		if errors.Is(err, sql.ErrNoRows) {
			return newErr(http.StatusNotFound, codeUserNotFound, "No consumer found.")
		}
		return err
	})
	if err != nil {
		return err
	}
	if err := canRead(p, c); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.view(c))
	return nil
}

func (s *Server) handleListConsumers(w http.ResponseWriter, r *http.Request) error {
	p, err := s.requireAuth(r)
	if err != nil {
		return err
	}
	if !p.isPartner() {
		return newErr(http.StatusForbidden, codeForbidden, "Only a partner can list consumers.")
	}
	q := r.URL.Query()
	if err := linkcyListFilters(q); err != nil {
		return err
	}
	page, size, perr := paging(q.Get("page"), q.Get("pageSize"))
	if perr != nil {
		return perr
	}
	where, args, order := consumerListQuery(q, p.partner)
	var rows []*consumerRow
	err = s.st.readFresh(r.Context(), kycScope{}, func(t *tx) error {
		res, err := t.query("SELECT "+consumerCols+" FROM consumers WHERE "+strings.Join(where, " AND ")+
			" ORDER BY "+order+", id", args...)
		if err != nil {
			return fmt.Errorf("sandbox: listing consumers: %w", err)
		}
		defer res.Close()
		for res.Next() {
			c, err := scanConsumer(res)
			if err != nil {
				return fmt.Errorf("sandbox: listing consumers: %w", err)
			}
			rows = append(rows, c)
		}
		return res.Err()
	})
	if err != nil {
		return err
	}
	// The derived statuses are filtered here, after deriving them.
	content := []map[string]any{}
	for _, c := range rows {
		v := s.view(c)
		st := v["status"].(map[string]any)
		if !matches(q["bankingStatus"], st["bankingStatus"]) || !matches(q["linkcyStatus"], st["linkcyStatus"]) ||
			!matches(q["complianceStatus"], st["complianceStatus"]) || !matches(q["suspensionStatus"], st["suspensionStatus"]) ||
			!matches(q["overallStatus"], st["overallStatus"]) {
			continue
		}
		content = append(content, v)
	}
	total := len(content)
	from, to := min(page*size, total), min((page+1)*size, total)
	writeJSON(w, http.StatusOK, map[string]any{"content": content[from:to], "totalElements": total, "page": page, "pageSize": size})
	return nil
}

// consumerListQuery is the WHERE clauses, their arguments and the ORDER BY
// of a partner's consumer list, from its query's filters and sorting (the
// derived statuses are filtered after reading).
func consumerListQuery(q url.Values, partner string) (where []string, args []any, order string) {
	where, args = []string{"partner = ?"}, []any{partner}
	if v := q.Get("lastName"); v != "" {
		where, args = append(where, "last_name LIKE ? ESCAPE '\\'"), append(args, likeEscape(v)+"%")
	}
	if v := q.Get("phone"); v != "" {
		where, args = append(where, "phone_digits LIKE ?"), append(args, "%"+api.OnlyDigits(v)+"%")
	}
	if v := q.Get("emailAddress"); v != "" {
		where, args = append(where, "lower(email) = lower(?)"), append(args, v)
	}
	if vs := q["kycStatus"]; len(vs) > 0 {
		where = append(where, "kyc_status IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vs)), ",")+")")
		for _, v := range vs {
			args = append(args, v)
		}
	}
	order = "created_at"
	switch q.Get("sortAttribute") {
	case "UPDATE_DATE":
		order = "updated_at"
	case "LAST_NAME":
		order = "last_name"
	}
	if q.Get("sortDirection") == "ASC" {
		return where, args, order + " ASC"
	}
	return where, args, order + " DESC"
}

func matches(want []string, got any) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		if w == got {
			return true
		}
	}
	return false
}

func paging(pageS, sizeS string) (int, int, error) {
	page, size := 0, 20
	if pageS != "" {
		n, err := strconv.Atoi(pageS)
		if err != nil || n < 0 {
			return 0, 0, fieldErr(codeValidation, "page", pageS, "page must be a whole number, 0 or more.")
		}
		page = n
	}
	if sizeS != "" {
		n, err := strconv.Atoi(sizeS)
		if err != nil || n < 1 || n > 100 {
			return 0, 0, fieldErr(codeValidation, "pageSize", sizeS, "pageSize must be between 1 and 100.")
		}
		size = n
	}
	return page, size, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func (s *Server) handleUpdateConsumer(w http.ResponseWriter, r *http.Request) error {
	p, in, err := authedBody[updateConsumerIn](s, r)
	if err != nil {
		return err
	}
	if err := linkcyUUIDParam(r, "consumerId"); err != nil {
		return err
	}
	if !p.isPartner() && in.PartnerMetadata != nil {
		return newErr(http.StatusForbidden, codeForbidden, "A consumer may not write partnerMetadata.")
	}
	if err := in.validate(); err != nil {
		return err
	}
	id := r.PathValue("consumerId")
	phone, wait, err := s.beforeUpdate(r, p, id, &in)
	if wait != nil {
		writeJSON(w, http.StatusAccepted, wait)
	}
	if err != nil || wait != nil {
		return err
	}
	var updated int64
	err = s.st.inTx(r.Context(), func(t *tx) error {
		c, err := t.consumer("id = ?", id)
		if errors.Is(err, sql.ErrNoRows) {
			return newErr(http.StatusNotFound, codeUserNotFound, "No consumer found.")
		}
		if err != nil {
			return err
		}
		if err := canRead(p, c); err != nil {
			return err
		}
		if in.ExternalID != nil && *in.ExternalID != c.ExternalID {
			var n int
			if err := t.row("SELECT COUNT(*) FROM consumers WHERE partner = ? AND external_id = ? AND id <> ?", c.Partner, *in.ExternalID, c.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return newErr(http.StatusConflict, codeExternalIDUsed, "A consumer with this externalId already exists.")
			}
			c.ExternalID = *in.ExternalID
		}
		if in.EmailAddress != nil && !strings.EqualFold(strings.TrimSpace(*in.EmailAddress), c.Email) {
			c.Email, c.EmailVerified = strings.TrimSpace(*in.EmailAddress), false // a new address must be verified again
		}
		if err := t.changePhone(c, phone); err != nil {
			return err
		}
		set := func(dst *string, v *string) {
			if v != nil {
				*dst = *v
			}
		}
		set(&c.TermsVersion, in.LastTermsAccepted)
		set(&c.SourceOfFunds, in.SourceOfFunds)
		set(&c.Occup, in.Occupation)
		c.Extra = in.mergeExtra(c.Extra)
		updated = unix(t.now)
		var ext any
		if c.ExternalID != "" {
			ext = c.ExternalID
		}
		_, err = t.exec(`UPDATE consumers SET external_id = ?, email = ?, email_verified = ?, terms_version = ?,
			source_of_funds = ?, occupation = ?, extra = ?, updated_at = ? WHERE id = ?`,
			ext, c.Email, c.EmailVerified, c.TermsVersion, c.SourceOfFunds, c.Occup, c.Extra, updated, c.ID)
		if err != nil {
			return err
		}
		return t.consumerEvent(EventConsumerUpdated, c, "profile", nil)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "updateDate": fromUnix(updated).Format(timeFormat)})
	return nil
}
