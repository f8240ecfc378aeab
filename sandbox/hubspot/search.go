package hubspot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Search limits HubSpot documents for the CRM search API.
const (
	maxFilterGroups     = 5
	maxFiltersPerGroup  = 6
	maxFiltersTotal     = 18
	maxSearchLimit      = 200
	defaultSearchLimit  = 10
	maxSearchResults    = 10000
	maxSearchQueryChars = 3000
)

// scalar is a filter value: HubSpot types it as a string but accepts JSON
// numbers and booleans too.
type scalar string

// UnmarshalJSON implements json.Unmarshaler.
func (v *scalar) UnmarshalJSON(data []byte) error {
	text := string(bytes.TrimSpace(data))
	if strings.HasPrefix(text, `"`) {
		var str string
		if err := json.Unmarshal(data, &str); err != nil {
			return err
		}
		*v = scalar(str)
		return nil
	}
	if text == "null" {
		*v = ""
		return nil
	}
	if text == "true" || text == "false" || numberPattern.MatchString(text) {
		*v = scalar(text)
		return nil
	}
	return fmt.Errorf("filter value %s must be a string, number or boolean", text)
}

type searchFilter struct {
	PropertyName string   `json:"propertyName"`
	Operator     string   `json:"operator"`
	Value        *scalar  `json:"value"`
	HighValue    *scalar  `json:"highValue"`
	Values       []scalar `json:"values"`
}

type filterGroup struct {
	Filters []searchFilter `json:"filters"`
}

// sortRule is one sort, given as {"propertyName","direction"} or as a
// string "createdate" / "-createdate".
type sortRule struct {
	PropertyName string `json:"propertyName"`
	Direction    string `json:"direction"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *sortRule) UnmarshalJSON(data []byte) error {
	var name string
	if err := json.Unmarshal(data, &name); err == nil {
		s.Direction = "ASCENDING"
		if rest, ok := strings.CutPrefix(name, "-"); ok {
			name, s.Direction = rest, "DESCENDING"
		}
		s.PropertyName = name
		return nil
	}
	type plain sortRule
	var obj plain
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&obj); err != nil {
		return err
	}
	*s = sortRule(obj)
	return nil
}

type searchRequest struct {
	FilterGroups []filterGroup `json:"filterGroups"`
	Sorts        []sortRule    `json:"sorts"`
	Query        string        `json:"query"`
	Properties   []string      `json:"properties"`
	Limit        *int          `json:"limit"`
	After        *scalar       `json:"after"`
}

// searchPage is a validated search request.
type searchPage struct {
	filters [][]compiledFilter
	sort    *sortRule
	query   string
	limit   int
	offset  int
}

// parseSearch validates the request against HubSpot's search limits.
func (s *Simulator) parseSearch(t objectType, req searchRequest) (searchPage, *apiError) {
	page := searchPage{limit: defaultSearchLimit, query: strings.TrimSpace(req.Query)}
	if len(req.Query) > maxSearchQueryChars {
		return page, errValidation("query is %d characters long; the maximum is %d",
			len(req.Query), maxSearchQueryChars)
	}
	if req.Limit != nil {
		if *req.Limit < 0 || *req.Limit > maxSearchLimit {
			return page, errValidation("limit %d is outside 0 to %d", *req.Limit, maxSearchLimit)
		}
		page.limit = *req.Limit
	}
	if req.After != nil && *req.After != "" {
		n, err := strconv.Atoi(string(*req.After))
		if err != nil || n < 0 {
			return page, errValidation("after %q must be formatted as an integer", string(*req.After))
		}
		page.offset = n
	}
	if page.offset+page.limit > maxSearchResults {
		return page, errValidation("Search results are limited to %d; paging beyond them "+
			"(after %d, limit %d) is not supported", maxSearchResults, page.offset, page.limit)
	}
	if len(req.Sorts) > 1 {
		return page, errValidation("only one sort is supported; the request has %d", len(req.Sorts))
	}
	if len(req.Sorts) == 1 {
		rule := req.Sorts[0]
		if apiErr := s.checkSort(t, &rule); apiErr != nil {
			return page, apiErr
		}
		page.sort = &rule
	}
	filters, apiErr := s.compileFilterGroups(t, req.FilterGroups)
	page.filters = filters
	return page, apiErr
}

func (s *Simulator) checkSort(t objectType, rule *sortRule) *apiError {
	if _, ok := s.st.props(t).get(rule.PropertyName); !ok {
		return errValidation("sort property %q does not exist on %s", rule.PropertyName, t.name)
	}
	switch rule.Direction {
	case "", "ASCENDING":
		rule.Direction = "ASCENDING"
	case "DESCENDING":
	default:
		return errValidation("sort direction %q must be ASCENDING or DESCENDING", rule.Direction)
	}
	return nil
}

// compileFilterGroups enforces 5 groups, 6 filters per group and 18 in all.
func (s *Simulator) compileFilterGroups(t objectType, groups []filterGroup) ([][]compiledFilter, *apiError) {
	if len(groups) > maxFilterGroups {
		return nil, errValidation("The request has %d filterGroups; the maximum is %d",
			len(groups), maxFilterGroups)
	}
	total := 0
	var out [][]compiledFilter
	for i, g := range groups {
		if len(g.Filters) > maxFiltersPerGroup {
			return nil, errValidation("filterGroup %d has %d filters; the maximum is %d",
				i, len(g.Filters), maxFiltersPerGroup)
		}
		total += len(g.Filters)
		var compiled []compiledFilter
		for _, f := range g.Filters {
			cf, apiErr := s.compileFilter(t, f)
			if apiErr != nil {
				return nil, apiErr
			}
			compiled = append(compiled, cf)
		}
		out = append(out, compiled)
	}
	if total > maxFiltersTotal {
		return nil, errValidation("The request has %d filters in all; the maximum is %d",
			total, maxFiltersTotal)
	}
	return out, nil
}

// handleSearch serves POST /crm/v3/objects/{type}/search. Search reads
// each record as the index held it SearchLagMs ago, so fresh creates are
// missing and fresh updates show their old values until the lag passes.
func (s *Simulator) handleSearch(c *apiCall) (reply, *apiError) {
	t := c.objectType
	var req searchRequest
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	page, apiErr := s.parseSearch(t, req)
	if apiErr != nil {
		return reply{}, apiErr
	}

	hits := s.searchHits(t, page, c)
	s.sortHits(t, hits, page.sort)

	sel := s.selectProperties(t, req.Properties)
	results := []objectJSON{}
	end := min(page.offset+page.limit, len(hits))
	for i := page.offset; i < end; i++ {
		h := hits[i]
		results = append(results, objectJSON{
			ID:         h.rec.idString(),
			Properties: s.renderProps(t, h.version.props, sel),
			CreatedAt:  formatTime(h.rec.createdAt),
			UpdatedAt:  formatTime(h.version.updatedAt),
		})
	}
	body := map[string]any{"total": len(hits), "results": results}
	if end < len(hits) && page.limit > 0 {
		body["paging"] = pagingJSON(strconv.Itoa(end))
	}
	return reply{status: http.StatusOK, body: body}, nil
}

// searchHit is a record matched by search, with the indexed state used.
type searchHit struct {
	rec     *record
	version indexedVersion
}

func (s *Simulator) searchHits(t objectType, page searchPage, c *apiCall) []searchHit {
	var hits []searchHit
	for _, r := range s.st.liveRecords(t) {
		v, visible := s.st.searchVersion(r, c.now)
		if !visible || !s.matchQuery(t, v.props, page.query) {
			continue
		}
		if len(page.filters) > 0 && !slices.ContainsFunc(page.filters, func(group []compiledFilter) bool {
			return s.matchGroup(t, r, v.props, group)
		}) {
			continue
		}
		hits = append(hits, searchHit{rec: r, version: v})
	}
	return hits
}

// matchQuery matches the free-text query as a case-insensitive substring
// of one of the type's default searchable properties.
//
// NOTE: HubSpot matches the query by tokens and prefixes; a substring
// match finds a superset of what HubSpot finds.
func (s *Simulator) matchQuery(t objectType, props map[string]string, query string) bool {
	if query == "" {
		return true
	}
	q := strings.ToLower(query)
	for _, name := range t.queryProps {
		if strings.Contains(strings.ToLower(props[name]), q) {
			return true
		}
	}
	return false
}
