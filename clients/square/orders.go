package square

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	square "github.com/square/square-go-sdk"
)

// ErrInvalidQuery marks a request the client rejects before sending it.
// Retrying such a request cannot succeed.
var ErrInvalidQuery = errors.New("invalid Square query")

// OrdersQuery selects COMPLETED orders whose closed_at lies in
// [Since, Until], both ends inclusive.
type OrdersQuery struct {
	// LocationIDs are 1 to MaxLocationsPerSearch location ids; see
	// LocationGroups. Order and duplicates do not matter.
	LocationIDs []string
	// Since and Until bound closed_at and are both required. Until is
	// sent explicitly so that the window cannot grow between pages.
	Since, Until time.Time
	// Cursor is OrdersPage.Cursor of the previous page, or empty for the
	// first page. Every other field must be unchanged when it is set.
	Cursor string
	// Limit is the page size, 1 to MaxOrdersPerPage. 0 means
	// MaxOrdersPerPage.
	Limit int
}

// OrdersPage is one page of orders, sorted by closed_at ascending.
type OrdersPage struct {
	Orders []*square.Order
	// Cursor fetches the next page. It is "" on the last page.
	Cursor string
}

// SearchCompletedOrders returns one page of COMPLETED orders closed in
// the query's window, sorted CLOSED_AT ascending. It returns an error
// wrapping ErrInvalidQuery, without calling Square, when the query breaks
// the limits above, and *Error when Square rejects the call.
//
// Square API: POST /v2/orders/search (SearchOrders).
func (c *Client) SearchCompletedOrders(ctx context.Context, q OrdersQuery) (OrdersPage, error) {
	const endpoint = "POST /v2/orders/search"
	req, err := searchRequest(q)
	if err != nil {
		return OrdersPage{}, fmt.Errorf("square %s: %w", endpoint, err)
	}

	resp, err := c.sdk.Orders.Search(withEndpoint(ctx, endpoint), req, c.callOptions...)
	if err != nil {
		return OrdersPage{}, c.mapError(endpoint, err)
	}
	if len(resp.Errors) > 0 {
		return OrdersPage{}, c.envelopeError(endpoint, http.StatusOK, resp.Errors)
	}

	page := OrdersPage{Orders: resp.Orders}
	if resp.Cursor != nil {
		page.Cursor = *resp.Cursor
	}
	return page, nil
}

// searchRequest validates q and builds the SearchOrders request: state
// COMPLETED, a closed_at range with both ends, sorted CLOSED_AT ASC.
func searchRequest(q OrdersQuery) (*square.SearchOrdersRequest, error) {
	locations := dedupeSorted(q.LocationIDs)
	switch {
	case len(locations) == 0:
		return nil, fmt.Errorf("%w: no location ids", ErrInvalidQuery)
	case len(locations) > MaxLocationsPerSearch:
		return nil, fmt.Errorf("%w: %d location ids, but at most %d per search, so split them with LocationGroups",
			ErrInvalidQuery, len(locations), MaxLocationsPerSearch)
	case q.Since.IsZero() || q.Until.IsZero():
		return nil, fmt.Errorf("%w: both Since and Until are required", ErrInvalidQuery)
	case q.Since.After(q.Until):
		return nil, fmt.Errorf("%w: Since %s is after Until %s", ErrInvalidQuery,
			q.Since.Format(time.RFC3339Nano), q.Until.Format(time.RFC3339Nano))
	case q.Limit < 0 || q.Limit > MaxOrdersPerPage:
		return nil, fmt.Errorf("%w: limit %d is outside 1 to %d", ErrInvalidQuery, q.Limit, MaxOrdersPerPage)
	}
	limit := q.Limit
	if limit == 0 {
		limit = MaxOrdersPerPage
	}

	req := &square.SearchOrdersRequest{
		LocationIDs: locations,
		Limit:       square.Int(limit),
		Query: &square.SearchOrdersQuery{
			Filter: &square.SearchOrdersFilter{
				StateFilter: &square.SearchOrdersStateFilter{
					States: []square.OrderState{square.OrderStateCompleted},
				},
				DateTimeFilter: &square.SearchOrdersDateTimeFilter{
					ClosedAt: &square.TimeRange{
						StartAt: square.String(q.Since.UTC().Format(time.RFC3339Nano)),
						EndAt:   square.String(q.Until.UTC().Format(time.RFC3339Nano)),
					},
				},
			},
			// Square requires the sort field to match the time filter,
			// and CLOSED_AT sorting to come with closed states only.
			Sort: &square.SearchOrdersSort{
				SortField: square.SearchOrdersSortFieldClosedAt,
				SortOrder: square.SortOrderAsc.Ptr(),
			},
		},
	}
	if q.Cursor != "" {
		req.Cursor = square.String(q.Cursor)
	}
	return req, nil
}

// LocationGroups sorts and deduplicates location ids, drops empty ones,
// and splits them into groups of at most MaxLocationsPerSearch, one per
// SearchCompletedOrders query.
func LocationGroups(ids []string) [][]string {
	return chunk(dedupeSorted(ids), MaxLocationsPerSearch)
}

// dedupeSorted returns the distinct non-empty ids, sorted.
func dedupeSorted(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// chunk splits ids into slices of at most size elements.
func chunk(ids []string, size int) [][]string {
	var groups [][]string
	for len(ids) > 0 {
		n := min(size, len(ids))
		groups = append(groups, ids[:n:n])
		ids = ids[n:]
	}
	return groups
}
