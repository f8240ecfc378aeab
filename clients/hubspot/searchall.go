package hubspot

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
)

// objectIDProperty is the record id as a searchable, sortable number.
const objectIDProperty = "hs_object_id"

// SearchAll runs a search and calls fn for every result, fetching pages of
// MaxSearchPageSize. It stops at the first error from fn or from HubSpot.
//
// HubSpot rejects paging past the first 10,000 results of a search. To read
// larger result sets, SearchAll orders results by hs_object_id ascending
// and, when a result set reaches the cap, re-issues the search with an
// added filter "hs_object_id GT <last id seen>" in every filter group. So:
//   - a request without Sort is sent sorted by hs_object_id ascending;
//   - a request with another Sort keeps its order when the first page
//     reports at most 10,000 results, and otherwise restarts in
//     hs_object_id order before fn receives any result;
//   - when the added filter would exceed MaxFiltersPerGroup in a group or
//     MaxFiltersTotal overall, SearchAll stops after the first 10,000
//     results with a KindValidation error.
func (c *Client) SearchAll(ctx context.Context, objectType string, sr SearchRequest,
	fn func(Object) error) error {
	base := sr
	sr.Limit = MaxSearchPageSize
	idOrder := sr.Sort == nil || (sr.Sort.PropertyName == objectIDProperty && !sr.Sort.Descending)
	if sr.Sort == nil {
		sr.Sort = &Sort{PropertyName: objectIDProperty}
	}
	mayRestart := !idOrder && sr.After == ""

	lastID := ""
	for {
		page, err := c.Search(ctx, objectType, sr)
		if err != nil {
			return err
		}

		if mayRestart && page.Total > MaxSearchResultsCap {
			idOrder, mayRestart = true, false
			sr.Sort = &Sort{PropertyName: objectIDProperty}
			continue
		}
		mayRestart = false

		for _, o := range page.Results {
			if err := fn(o); err != nil {
				return err
			}
			lastID = o.ID
		}

		if page.After == "" {
			return nil
		}
		if !beyondCap(page.After) {
			sr.After = page.After
			continue
		}

		if sr.FilterGroups, err = c.continueAfterID(objectType, base, idOrder, lastID); err != nil {
			return err
		}
		sr.After = ""
	}
}

// beyondCap reports whether a paging cursor points past the results that
// HubSpot lets a search page through.
func beyondCap(after string) bool {
	offset, err := strconv.Atoi(after)
	return err == nil && offset >= MaxSearchResultsCap
}

// continueAfterID returns base's filter groups, each with an added
// "hs_object_id GT lastID" filter.
func (c *Client) continueAfterID(objectType string, base SearchRequest, idOrder bool,
	lastID string) ([]FilterGroup, error) {
	req := c.objectsRequest(http.MethodPost, objectType, "/search", nil)
	reject := func(format string, args ...any) error {
		return &Error{Kind: KindValidation, Method: req.method, Path: req.path,
			Message: fmt.Sprintf(format, args...)}
	}

	switch {
	case !idOrder:
		return nil, reject("search grew past %d results while paging in %s order; "+
			"sort by %s ascending or narrow the filters",
			MaxSearchResultsCap, base.Sort.PropertyName, objectIDProperty)
	case lastID == "":
		return nil, reject("search reached %d results without returning a record id to continue after",
			MaxSearchResultsCap)
	}

	after := Filter{PropertyName: objectIDProperty, Operator: "GT", Value: lastID}
	if len(base.FilterGroups) == 0 {
		return []FilterGroup{{Filters: []Filter{after}}}, nil
	}

	groups := make([]FilterGroup, len(base.FilterGroups))
	total := 0
	for i, g := range base.FilterGroups {
		if len(g.Filters)+1 > MaxFiltersPerGroup {
			return nil, reject("search has more than %d results, and continuing needs a %s filter in "+
				"filter group %d, which already has %d of %d filters", MaxSearchResultsCap, objectIDProperty,
				i, len(g.Filters), MaxFiltersPerGroup)
		}
		groups[i] = FilterGroup{Filters: append(append([]Filter{}, g.Filters...), after)}
		total += len(groups[i].Filters)
	}
	if total > MaxFiltersTotal {
		return nil, reject("search has more than %d results, and continuing needs a %s filter in every "+
			"group, which makes %d filters, over the limit of %d", MaxSearchResultsCap, objectIDProperty,
			total, MaxFiltersTotal)
	}
	return groups, nil
}
