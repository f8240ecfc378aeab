package square

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closedQuery is the request the sync sends: COMPLETED orders in a
// closed_at window, sorted CLOSED_AT ASC.
func closedQuery(locations []string, start, end string, limit int) *square.SearchOrdersRequest {
	timeRange := &square.TimeRange{}
	if start != "" {
		timeRange.StartAt = square.String(start)
	}
	if end != "" {
		timeRange.EndAt = square.String(end)
	}
	req := &square.SearchOrdersRequest{
		LocationIDs: locations,
		Query: &square.SearchOrdersQuery{
			Filter: &square.SearchOrdersFilter{
				StateFilter:    &square.SearchOrdersStateFilter{States: []square.OrderState{square.OrderStateCompleted}},
				DateTimeFilter: &square.SearchOrdersDateTimeFilter{ClosedAt: timeRange},
			},
			Sort: &square.SearchOrdersSort{
				SortField: square.SearchOrdersSortFieldClosedAt,
				SortOrder: square.SortOrderAsc.Ptr(),
			},
		},
	}
	if limit > 0 {
		req.Limit = square.Int(limit)
	}
	return req
}

func orderIDs(orders []*square.Order) []string {
	ids := make([]string, 0, len(orders))
	for _, o := range orders {
		ids = append(ids, *o.ID)
	}
	return ids
}

func TestSearchOrdersPagesWithSDK(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, sim.LoadLocations(readFixture[square.Location](t, "locations.json")))
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, sim.LoadOrders(generatedOrders(25, "L8STONE01MAIN", start), nil))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)

	req := closedQuery([]string{"L8STONE01MAIN"}, "2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z", 10)
	var ids []string
	var cursors []*string
	for range 5 {
		resp, err := sdk.Orders.Search(context.Background(), req)
		require.NoError(t, err)
		ids = append(ids, orderIDs(resp.Orders)...)
		cursors = append(cursors, resp.Cursor)
		if resp.Cursor == nil {
			break
		}
		req.Cursor = resp.Cursor
	}

	require.Len(t, cursors, 3)
	assert.NotNil(t, cursors[0])
	assert.NotNil(t, cursors[1])
	assert.Nil(t, cursors[2])
	require.Len(t, ids, 25)
	assert.Equal(t, "ORD-0000", ids[0])
	assert.Equal(t, "ORD-0024", ids[24])
	assert.IsIncreasing(t, ids)
}

func TestSearchOrdersOmitsCursorOnLastPage(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)

	resp := call(t, srv.URL, http.MethodPost, "/v2/orders/search",
		closedQuery([]string{"L8STONE01MAIN"}, "2025-06-01T00:00:00Z", "2025-06-30T00:00:00Z", 1000))

	require.Equal(t, http.StatusOK, resp.status)
	assert.NotContains(t, string(resp.body), `"cursor"`)
}

func TestSearchOrdersTimeRangeIsInclusive(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)
	tests := []struct {
		name       string
		start, end string
		want       []string
	}{
		{"both ends on order times", "2025-06-02T15:04:05.123Z", "2025-06-03T10:01:00Z", []string{"ORD0CARD", "ORD0CASH"}},
		{"start one millisecond late", "2025-06-02T15:04:05.124Z", "2025-06-03T10:01:00Z", []string{"ORD0CASH"}},
		{"end one millisecond early", "2025-06-02T15:04:05.123Z", "2025-06-03T10:00:59.999Z", []string{"ORD0CARD"}},
		{"offset notation", "2025-06-02T10:04:05.123-05:00", "2025-06-02T10:04:05.123-05:00", []string{"ORD0CARD"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := sdk.Orders.Search(context.Background(),
				closedQuery([]string{"L8STONE01MAIN"}, tc.start, tc.end, 0))

			require.NoError(t, err)
			assert.Equal(t, tc.want, orderIDs(resp.Orders))
		})
	}
}

func TestSearchOrdersDefaultSort(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, sim.LoadLocations(readFixture[square.Location](t, "locations.json")))
	same := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	orders := generatedOrders(3, "L8STONE01MAIN", same)
	for _, o := range orders {
		o.CreatedAt = square.String(same.Format(time.RFC3339Nano)) // a tie on created_at
	}
	orders = append(orders, generatedOrders(1, "L8STONE01MAIN", same.Add(time.Hour))[0])
	orders[3].ID = square.String("ORD-LATEST")
	require.NoError(t, sim.LoadOrders(orders, nil))
	srv := newServer(t, sim)

	resp, err := sdkClient(srv.URL).Orders.Search(context.Background(),
		&square.SearchOrdersRequest{LocationIDs: []string{"L8STONE01MAIN"}})

	require.NoError(t, err)
	assert.Equal(t, []string{"ORD-LATEST", "ORD-0002", "ORD-0001", "ORD-0000"}, orderIDs(resp.Orders))
}

func TestSearchOrdersDefaultLimitIs500(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, sim.LoadLocations(readFixture[square.Location](t, "locations.json")))
	require.NoError(t, sim.LoadOrders(generatedOrders(501, "L8STONE01MAIN", fixtureNow.Add(-48*time.Hour)), nil))
	srv := newServer(t, sim)

	resp, err := sdkClient(srv.URL).Orders.Search(context.Background(),
		&square.SearchOrdersRequest{LocationIDs: []string{"L8STONE01MAIN"}})

	require.NoError(t, err)
	assert.Len(t, resp.Orders, 500)
	assert.NotNil(t, resp.Cursor)
}

func TestSearchOrdersFilters(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)
	all := []string{"L8STONE01MAIN", "L8STONE02YARD", "L8STONE03TOKYO"}
	asc := &square.SearchOrdersSort{SortField: square.SearchOrdersSortFieldCreatedAt, SortOrder: square.SortOrderAsc.Ptr()}
	tests := []struct {
		name      string
		locations []string
		filter    *square.SearchOrdersFilter
		want      []string
	}{
		{"one location, every state", []string{"L8STONE01MAIN"}, nil,
			[]string{"ORD0CARD", "ORD0CASH", "ORD0OPEN", "ORD0CANCELED", "ORD0RETURN"}},
		{"states OPEN and CANCELED", all, &square.SearchOrdersFilter{StateFilter: &square.SearchOrdersStateFilter{
			States: []square.OrderState{square.OrderStateOpen, square.OrderStateCanceled}}},
			[]string{"ORD0OPEN", "ORD0CANCELED"}},
		{"customer on order", all, &square.SearchOrdersFilter{CustomerFilter: &square.SearchOrdersCustomerFilter{
			CustomerIDs: []string{"CUST0ALICE"}}}, []string{"ORD0CARD", "ORD0OPEN"}},
		{"customer on tender only", all, &square.SearchOrdersFilter{CustomerFilter: &square.SearchOrdersCustomerFilter{
			CustomerIDs: []string{"CUST0SPLITPAYER"}}}, []string{"ORD0SPLIT"}},
		{"source name", all, &square.SearchOrdersFilter{SourceFilter: &square.SearchOrdersSourceFilter{
			SourceNames: []string{"Invoices"}}}, []string{"ORD0OPEN"}},
		{"created_at range", all, &square.SearchOrdersFilter{DateTimeFilter: &square.SearchOrdersDateTimeFilter{
			CreatedAt: &square.TimeRange{StartAt: square.String("2025-06-06T00:00:00Z")}}},
			[]string{"ORD0YEN", "ORD0RETURN"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := sdk.Orders.Search(context.Background(), &square.SearchOrdersRequest{
				LocationIDs: tc.locations,
				Query:       &square.SearchOrdersQuery{Filter: tc.filter, Sort: asc},
			})

			require.NoError(t, err)
			assert.Equal(t, tc.want, orderIDs(resp.Orders))
		})
	}
}

func TestSearchOrdersReturnEntries(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)
	req := closedQuery([]string{"L8STONE01MAIN"}, "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z", 0)
	req.ReturnEntries = square.Bool(true)

	resp, err := sdkClient(srv.URL).Orders.Search(context.Background(), req)

	require.NoError(t, err)
	assert.Empty(t, resp.Orders)
	require.Len(t, resp.OrderEntries, 1)
	assert.Equal(t, "ORD0CARD", *resp.OrderEntries[0].OrderID)
	assert.Equal(t, "L8STONE01MAIN", *resp.OrderEntries[0].LocationID)
	assert.Equal(t, 4, *resp.OrderEntries[0].Version)
}

func TestSearchOrdersHidesOrdersBeforeArrival(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	late := generatedOrders(1, "L8STONE01MAIN", time.Date(2025, 6, 2, 16, 0, 0, 0, time.UTC))
	late[0].ID = square.String("ORD0OFFLINE")
	require.NoError(t, sim.LoadOrders(late, map[string]time.Time{"ORD0OFFLINE": fixtureNow.Add(time.Hour)}))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)
	req := closedQuery([]string{"L8STONE01MAIN"}, "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z", 0)

	before, err := sdk.Orders.Search(context.Background(), req)
	require.NoError(t, err)
	clock.Set(fixtureNow.Add(time.Hour))
	after, err := sdk.Orders.Search(context.Background(), req)
	require.NoError(t, err)

	assert.Equal(t, []string{"ORD0CARD"}, orderIDs(before.Orders))
	assert.Equal(t, []string{"ORD0CARD", "ORD0OFFLINE"}, orderIDs(after.Orders))
}

func TestSearchOrdersFreezesOpenEndPerCursor(t *testing.T) {
	clock := newTestClock(time.Date(2025, 6, 1, 0, 30, 0, 0, time.UTC))
	sim := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, sim.LoadLocations(readFixture[square.Location](t, "locations.json")))
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	require.NoError(t, sim.LoadOrders(generatedOrders(4, "L8STONE01MAIN", start), nil))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)
	req := closedQuery([]string{"L8STONE01MAIN"}, "2025-06-01T00:00:00Z", "", 2)

	first, err := sdk.Orders.Search(context.Background(), req)
	require.NoError(t, err)
	require.NotNil(t, first.Cursor)
	// An order closed after the first request must not join this cursor.
	clock.Set(clock.Now().Add(time.Hour))
	newer := generatedOrders(1, "L8STONE01MAIN", start.Add(time.Hour))
	newer[0].ID = square.String("ORD-NEWER")
	require.NoError(t, sim.LoadOrders(newer, nil))
	req.Cursor = first.Cursor
	second, err := sdk.Orders.Search(context.Background(), req)
	require.NoError(t, err)
	fresh, err := sdk.Orders.Search(context.Background(),
		closedQuery([]string{"L8STONE01MAIN"}, "2025-06-01T00:00:00Z", "", 10))
	require.NoError(t, err)

	assert.Equal(t, []string{"ORD-0000", "ORD-0001"}, orderIDs(first.Orders))
	assert.Equal(t, []string{"ORD-0002", "ORD-0003"}, orderIDs(second.Orders))
	assert.Nil(t, second.Cursor)
	assert.Contains(t, orderIDs(fresh.Orders), "ORD-NEWER")
}

func TestSearchOrdersCursorIsBoundToQuery(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, sim.LoadLocations(readFixture[square.Location](t, "locations.json")))
	require.NoError(t, sim.LoadOrders(generatedOrders(5, "L8STONE01MAIN", fixtureNow.Add(-time.Hour)), nil))
	srv := newServer(t, sim)
	req := closedQuery([]string{"L8STONE01MAIN"}, "2025-06-01T00:00:00Z", "2025-06-30T00:00:00Z", 2)
	first := call(t, srv.URL, http.MethodPost, "/v2/orders/search", req)
	var page square.SearchOrdersResponse
	first.decode(t, &page)
	require.NotNil(t, page.Cursor)

	tests := []struct {
		name   string
		mutate func(r *square.SearchOrdersRequest)
	}{
		{"changed window", func(r *square.SearchOrdersRequest) {
			r.Query.Filter.DateTimeFilter.ClosedAt.EndAt = square.String("2025-06-29T00:00:00Z")
		}},
		{"changed limit", func(r *square.SearchOrdersRequest) { r.Limit = square.Int(3) }},
		{"changed locations", func(r *square.SearchOrdersRequest) {
			r.LocationIDs = []string{"L8STONE01MAIN", "L8STONE02YARD"}
		}},
		{"garbage cursor", func(r *square.SearchOrdersRequest) { r.Cursor = square.String("not-a-cursor") }},
		{"truncated cursor", func(r *square.SearchOrdersRequest) { r.Cursor = square.String((*page.Cursor)[:10]) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			next := closedQuery([]string{"L8STONE01MAIN"}, "2025-06-01T00:00:00Z", "2025-06-30T00:00:00Z", 2)
			next.Cursor = page.Cursor
			tc.mutate(next)

			resp := call(t, srv.URL, http.MethodPost, "/v2/orders/search", next)

			require.Equal(t, http.StatusBadRequest, resp.status)
			e := resp.firstError(t)
			assert.Equal(t, square.ErrorCodeInvalidCursor, e.Code)
			assert.Equal(t, "cursor", *e.Field)
		})
	}
}

func TestSearchOrdersRejectsInvalidRequests(t *testing.T) {
	clock := newTestClock(fixtureNow)
	sim := newFixtureSim(t, clock)
	srv := newServer(t, sim)
	eleven := []string{"L8STONE01MAIN", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L10", "L11"}
	main := []string{"L8STONE01MAIN"}
	withQuery := func(filter *square.SearchOrdersFilter, sort *square.SearchOrdersSort) *square.SearchOrdersRequest {
		return &square.SearchOrdersRequest{LocationIDs: main, Query: &square.SearchOrdersQuery{Filter: filter, Sort: sort}}
	}
	closedSort := &square.SearchOrdersSort{SortField: square.SearchOrdersSortFieldClosedAt}
	states := func(s ...square.OrderState) *square.SearchOrdersStateFilter {
		return &square.SearchOrdersStateFilter{States: s}
	}
	tests := []struct {
		name      string
		body      any
		wantCode  square.ErrorCode
		wantField string
	}{
		{"no locations", &square.SearchOrdersRequest{}, square.ErrorCodeMissingRequiredParameter, "location_ids"},
		{"eleven locations", &square.SearchOrdersRequest{LocationIDs: eleven}, square.ErrorCodeArrayLengthTooLong, "location_ids"},
		{"unknown location", &square.SearchOrdersRequest{LocationIDs: []string{"L8STONE01MAIN", "LNOPE"}},
			square.ErrorCodeInvalidValue, "location_ids[1]"},
		{"limit above 1000", &square.SearchOrdersRequest{LocationIDs: main, Limit: square.Int(1001)},
			square.ErrorCodeValueTooHigh, "limit"},
		{"limit zero", &square.SearchOrdersRequest{LocationIDs: main, Limit: square.Int(0)}, square.ErrorCodeValueTooLow, "limit"},
		{"state filter without states", withQuery(&square.SearchOrdersFilter{StateFilter: states()}, nil),
			square.ErrorCodeMissingRequiredParameter, "query.filter.state_filter.states"},
		{"unknown state", withQuery(&square.SearchOrdersFilter{StateFilter: states("DONE")}, nil),
			square.ErrorCodeInvalidEnumValue, "query.filter.state_filter.states[0]"},
		{"two time ranges", withQuery(&square.SearchOrdersFilter{DateTimeFilter: &square.SearchOrdersDateTimeFilter{
			CreatedAt: &square.TimeRange{}, ClosedAt: &square.TimeRange{}}}, nil),
			square.ErrorCodeConflictingParameters, "query.filter.date_time_filter"},
		{"empty time filter", withQuery(&square.SearchOrdersFilter{DateTimeFilter: &square.SearchOrdersDateTimeFilter{}}, nil),
			square.ErrorCodeMissingRequiredParameter, "query.filter.date_time_filter"},
		{"closed_at range sorted by default field", withQuery(&square.SearchOrdersFilter{
			StateFilter:    states(square.OrderStateCompleted),
			DateTimeFilter: &square.SearchOrdersDateTimeFilter{ClosedAt: &square.TimeRange{}}}, nil),
			square.ErrorCodeInvalidValue, "query.sort.sort_field"},
		{"updated_at range sorted by CLOSED_AT", withQuery(&square.SearchOrdersFilter{
			StateFilter:    states(square.OrderStateCompleted),
			DateTimeFilter: &square.SearchOrdersDateTimeFilter{UpdatedAt: &square.TimeRange{}}}, closedSort),
			square.ErrorCodeInvalidValue, "query.sort.sort_field"},
		{"CLOSED_AT sort with OPEN state", withQuery(&square.SearchOrdersFilter{
			StateFilter: states(square.OrderStateOpen, square.OrderStateCompleted)}, closedSort),
			square.ErrorCodeInvalidValue, "query.filter.state_filter.states"},
		{"CLOSED_AT sort without state filter", withQuery(nil, closedSort),
			square.ErrorCodeMissingRequiredParameter, "query.filter.state_filter"},
		{"malformed start_at", withQuery(&square.SearchOrdersFilter{DateTimeFilter: &square.SearchOrdersDateTimeFilter{
			CreatedAt: &square.TimeRange{StartAt: square.String("yesterday")}}}, nil),
			square.ErrorCodeInvalidTime, "query.filter.date_time_filter.created_at.start_at"},
		{"start after end", withQuery(&square.SearchOrdersFilter{DateTimeFilter: &square.SearchOrdersDateTimeFilter{
			CreatedAt: &square.TimeRange{StartAt: square.String("2025-06-02T00:00:00Z"), EndAt: square.String("2025-06-01T00:00:00Z")}}}, nil),
			square.ErrorCodeInvalidTimeRange, "query.filter.date_time_filter.created_at"},
		{"unknown sort field", withQuery(nil, &square.SearchOrdersSort{SortField: "PRICE"}),
			square.ErrorCodeInvalidEnumValue, "query.sort.sort_field"},
		{"unknown sort order", withQuery(nil, &square.SearchOrdersSort{SortField: square.SearchOrdersSortFieldCreatedAt,
			SortOrder: square.SortOrder("UP").Ptr()}), square.ErrorCodeInvalidSortOrder, "query.sort.sort_order"},
		{"eleven customer ids", withQuery(&square.SearchOrdersFilter{CustomerFilter: &square.SearchOrdersCustomerFilter{
			CustomerIDs: eleven}}, nil), square.ErrorCodeArrayLengthTooLong, "query.filter.customer_filter.customer_ids"},
		{"malformed JSON", `{"location_ids": [`, square.ErrorCodeBadRequest, ""},
		{"empty body", ``, square.ErrorCodeExpectedJSONBody, ""},
		{"limit of wrong type", `{"location_ids":["L8STONE01MAIN"],"limit":"ten"}`, square.ErrorCodeInvalidValue, "limit"},
		{"trailing data", `{"location_ids":["L8STONE01MAIN"]} {}`, square.ErrorCodeBadRequest, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, http.MethodPost, "/v2/orders/search", tc.body)

			require.Equal(t, http.StatusBadRequest, resp.status, "body: %s", resp.body)
			e := resp.firstError(t)
			assert.Equal(t, square.ErrorCategoryInvalidRequestError, e.Category)
			assert.Equal(t, tc.wantCode, e.Code)
			if tc.wantField == "" {
				assert.Nil(t, e.Field)
			} else if assert.NotNil(t, e.Field) {
				assert.Equal(t, tc.wantField, *e.Field)
			}
			assert.NotEmpty(t, deref(e.GetDetail()))
		})
	}
}

func TestSearchOrdersRejectsOversizedBody(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	body := `{"location_ids":["L8STONE01MAIN"],"cursor":"` + strings.Repeat("x", maxAPIBodyBytes) + `"}`

	resp := call(t, srv.URL, http.MethodPost, "/v2/orders/search", body)

	require.Equal(t, http.StatusRequestEntityTooLarge, resp.status)
	assert.Equal(t, square.ErrorCodeRequestEntityTooLarge, resp.firstError(t).Code)
}

func TestSearchOrdersServesMoneyInMinorUnits(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	req := closedQuery([]string{"L8STONE03TOKYO"}, "2025-06-06T00:00:00Z", "2025-06-07T00:00:00Z", 0)

	resp := call(t, srv.URL, http.MethodPost, "/v2/orders/search", req)

	require.Equal(t, http.StatusOK, resp.status)
	assert.Contains(t, string(resp.body), `"total_money":{"amount":3600,"currency":"JPY"}`)
	assert.NotContains(t, string(resp.body), "currency_code")
}
