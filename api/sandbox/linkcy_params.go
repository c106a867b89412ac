package sandbox

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/onboard-cli/onboard/api"
	"github.com/onboard-cli/onboard/internal/lazyregexp"
)

// linkcyUUIDParam refuses a path parameter that is not a UUID, as the
// spec's format: uuid has it: 400 naming the parameter (a consumer that
// cannot exist is not "not found").
func linkcyUUIDParam(r *http.Request, name string) error {
	if v := r.PathValue(name); !api.IDUUID.Valid(v) {
		return fieldErr(codeValidation, name, v, "%s must be a UUID.", name)
	}
	return nil
}

// linkcyStatusPattern is the spec's pattern for linkcyStatus, whose full
// list of values is not documented.
var linkcyStatusPattern = lazyregexp.New(`^[A-Z_]+$`)

// linkcyListFilters refuses a consumer-list filter outside its enum
// (GET /api/partner/consumers), 400 naming the query parameter, as the
// spec's enums have it: a filter that matches nothing is a mistake, not an
// empty page.
func linkcyListFilters(q url.Values) error {
	enums := []struct {
		name   string
		values []string
	}{
		{"kycStatus", []string{"NOT_STARTED", "CREATED", "PROCESSING", "ABORTED", "PENDING_REVIEW", "VALIDATED", "DECLINED"}},
		{"bankingStatus", []string{"VALIDATED", "PENDING", "MISSING_DATA", "BLOCKED", "NOT_CREATED"}},
		{"suspensionStatus", []string{"SUSPENDED", "NOT_SUSPENDED"}},
		{"complianceStatus", []string{"PENDING", "DECLINED", "PENDING_REVIEW", "VALIDATED"}},
		{"overallStatus", []string{"ACTIVE", "INACTIVE"}},
		{"sortAttribute", []string{"UPDATE_DATE", "LAST_NAME", "CREATION_DATE"}},
		{"sortDirection", []string{"ASC", "DESC"}},
	}
	for _, e := range enums {
		for _, v := range q[e.name] {
			if !slices.Contains(e.values, v) {
				return fieldErr(codeValidation, e.name, v, "%s must be one of %v.", e.name, e.values)
			}
		}
	}
	for _, v := range q["linkcyStatus"] {
		if !linkcyStatusPattern.MatchString(v) {
			return fieldErr(codeValidation, "linkcyStatus", v, "linkcyStatus is written in capitals and underscores, e.g. VALIDATED.")
		}
	}
	return nil
}
