package hubspot

import (
	"context"
	"net/http"
)

// Search filter limits that HubSpot enforces with a 400 VALIDATION_ERROR.
const (
	MaxFilterGroups     = 5
	MaxFiltersPerGroup  = 6
	MaxFiltersTotal     = 18
	MaxSearchPageSize   = 200
	MaxSearchResultsCap = 10000
)

// SearchRequest is a CRM search. Filters within a group are ANDed and
// groups are ORed. Limit is the page size (HubSpot's default 10, max 200);
// After is the paging cursor from a previous SearchPage.
type SearchRequest struct {
	FilterGroups []FilterGroup
	Sort         *Sort
	Query        string
	Properties   []string
	Limit        int
	After        string
}

// FilterGroup is a set of filters that must all match.
type FilterGroup struct {
	Filters []Filter
}

// Filter compares one property. Operator is one of EQ, NEQ, LT, LTE, GT,
// GTE, BETWEEN (Value to HighValue), IN and NOT_IN (Values), HAS_PROPERTY,
// NOT_HAS_PROPERTY, CONTAINS_TOKEN and NOT_CONTAINS_TOKEN. IN and NOT_IN
// values must be lowercase for string properties.
type Filter struct {
	PropertyName string
	Operator     string
	Value        string
	HighValue    string
	Values       []string
}

// Sort orders search results by one property, ascending unless Descending.
type Sort struct {
	PropertyName string
	Descending   bool
}

// SearchPage is one page of search results. Total counts every match;
// After is empty on the last page.
type SearchPage struct {
	Total   int
	Results []Object
	After   string
}

type wireFilter struct {
	PropertyName string   `json:"propertyName"`
	Operator     string   `json:"operator"`
	Value        string   `json:"value,omitempty"`
	HighValue    string   `json:"highValue,omitempty"`
	Values       []string `json:"values,omitempty"`
}

type wireFilterGroup struct {
	Filters []wireFilter `json:"filters"`
}

type wireSort struct {
	PropertyName string `json:"propertyName"`
	Direction    string `json:"direction"`
}

type searchBody struct {
	FilterGroups []wireFilterGroup `json:"filterGroups,omitempty"`
	Sorts        []wireSort        `json:"sorts,omitempty"`
	Query        string            `json:"query,omitempty"`
	Properties   []string          `json:"properties,omitempty"`
	Limit        int               `json:"limit,omitempty"`
	After        string            `json:"after,omitempty"`
}

type searchResponse struct {
	Total   int          `json:"total"`
	Results []wireObject `json:"results"`
	Paging  struct {
		Next struct {
			After flexString `json:"after"`
		} `json:"next"`
	} `json:"paging"`
}

// Search runs one page of a CRM search. Search has its own budget of 5
// calls per second per account, which the Pacer enforces. HubSpot's search
// index lags writes by seconds to a minute. So to decide whether a record
// already exists, use BatchRead by a unique property, not Search.
//
// HubSpot API: POST /crm/v3/objects/{objectType}/search
func (c *Client) Search(ctx context.Context, objectType string, sr SearchRequest) (SearchPage, error) {
	req := c.objectsRequest(http.MethodPost, objectType, "/search", sr.body())
	req.search = true

	resp, err := c.do(ctx, req)
	if err != nil {
		return SearchPage{}, err
	}

	var parsed searchResponse
	if err := decodeJSON(req, resp.body, &parsed); err != nil {
		return SearchPage{}, err
	}
	batch := batchResponse{Results: parsed.Results}
	results, err := batch.objects(req, objectType)
	if err != nil {
		return SearchPage{}, err
	}
	return SearchPage{Total: parsed.Total, Results: results, After: string(parsed.Paging.Next.After)}, nil
}

func (sr SearchRequest) body() searchBody {
	body := searchBody{Query: sr.Query, Properties: sr.Properties, Limit: sr.Limit, After: sr.After}
	for _, g := range sr.FilterGroups {
		group := wireFilterGroup{Filters: make([]wireFilter, 0, len(g.Filters))}
		for _, f := range g.Filters {
			group.Filters = append(group.Filters, wireFilter(f))
		}
		body.FilterGroups = append(body.FilterGroups, group)
	}
	if sr.Sort != nil {
		direction := "ASCENDING"
		if sr.Sort.Descending {
			direction = "DESCENDING"
		}
		body.Sorts = []wireSort{{PropertyName: sr.Sort.PropertyName, Direction: direction}}
	}
	return body
}
