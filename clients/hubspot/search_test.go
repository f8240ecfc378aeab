package hubspot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// searchServer is a fake search endpoint over records with ids 1..n. It
// supports EQ on "color" and GT on hs_object_id, sorting by hs_object_id
// or createdate, and rejects paging past 10,000 results as HubSpot does.
type searchServer struct {
	n int

	mu     sync.Mutex
	bodies []searchBody
}

func (s *searchServer) color(id int) string {
	if id%2 == 0 {
		return "red"
	}
	return "blue"
}

func (s *searchServer) matches(id int, groups []wireFilterGroup) bool {
	if len(groups) == 0 {
		return true
	}
	for _, g := range groups {
		all := true
		for _, f := range g.Filters {
			switch {
			case f.PropertyName == "color" && f.Operator == "EQ":
				all = all && s.color(id) == f.Value
			case f.PropertyName == objectIDProperty && f.Operator == "GT":
				last, _ := strconv.Atoi(f.Value)
				all = all && id > last
			}
		}
		if all {
			return true
		}
	}
	return false
}

func (s *searchServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body searchBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.bodies = append(s.bodies, body)
	s.mu.Unlock()

	after, _ := strconv.Atoi(body.After)
	if after >= MaxSearchResultsCap {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprint(w, `{"status":"error","category":"VALIDATION_ERROR","message":"paging past 10000"}`)
		return
	}

	var ids []int
	for id := 1; id <= s.n; id++ {
		if s.matches(id, body.FilterGroups) {
			ids = append(ids, id)
		}
	}
	if len(body.Sorts) == 1 && body.Sorts[0].PropertyName == "createdate" {
		sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	}

	page := ids[min(after, len(ids)):min(after+body.Limit, len(ids))]
	results := make([]map[string]any, len(page))
	for i, id := range page {
		results[i] = map[string]any{"id": strconv.Itoa(id), "properties": map[string]any{"color": s.color(id)}}
	}
	resp := map[string]any{"total": len(ids), "results": results}
	if after+body.Limit < len(ids) {
		resp["paging"] = map[string]any{"next": map[string]any{"after": strconv.Itoa(after + body.Limit)}}
	}
	_ = json.NewEncoder(w).Encode(resp)
}

func (s *searchServer) Bodies() []searchBody {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]searchBody(nil), s.bodies...)
}

func colorGroup(color string, extra int) FilterGroup {
	g := FilterGroup{Filters: []Filter{{PropertyName: "color", Operator: "EQ", Value: color}}}
	for range extra {
		g.Filters = append(g.Filters, Filter{PropertyName: "hs_object_id", Operator: "HAS_PROPERTY"})
	}
	return g
}

func TestSearchAll(t *testing.T) {
	tests := []struct {
		name         string
		records      int
		request      SearchRequest
		wantIDs      int
		wantDesc     bool // results in descending id order
		wantRestart  bool // first request discarded and re-issued in id order
		wantGTFilter bool
	}{
		{name: "small set in id order", records: 450, wantIDs: 450},
		{name: "small set keeps caller sort", records: 450, wantIDs: 450, wantDesc: true,
			request: SearchRequest{Sort: &Sort{PropertyName: "createdate", Descending: true}}},
		{name: "large set continues after last id", records: 10_450, wantIDs: 10_450, wantGTFilter: true},
		{name: "large set with caller sort restarts", records: 10_450, wantIDs: 10_450, wantRestart: true,
			wantGTFilter: true,
			request:      SearchRequest{Sort: &Sort{PropertyName: "createdate", Descending: true}}},
		{name: "large set with OR groups", records: 20_100, wantIDs: 20_100, wantGTFilter: true,
			request: SearchRequest{FilterGroups: []FilterGroup{colorGroup("red", 0), colorGroup("blue", 0)}}},
		{name: "large set with one group", records: 20_100, wantIDs: 10_050, wantGTFilter: true,
			request: SearchRequest{FilterGroups: []FilterGroup{colorGroup("red", 2)}}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := &searchServer{n: tt.records}
			client := setup(t, server, nil)

			var got []int
			err := client.SearchAll(context.Background(), "deals", tt.request, func(o Object) error {
				id, err := strconv.Atoi(o.ID)
				got = append(got, id)
				return err
			})
			require.NoError(t, err)

			assert.Len(t, got, tt.wantIDs, "results delivered")
			assert.Len(t, uniqueInts(got), tt.wantIDs, "distinct results")
			if tt.wantDesc {
				assert.True(t, sort.IsSorted(sort.Reverse(sort.IntSlice(got))), "descending order")
			} else {
				assert.True(t, sort.IntsAreSorted(got), "ascending order")
			}

			bodies := server.Bodies()
			for i, b := range bodies {
				assert.Equal(t, MaxSearchPageSize, b.Limit, "request %d limit", i)
			}
			last := bodies[len(bodies)-1]
			assert.Equal(t, tt.wantGTFilter, hasGTFilter(last), "GT filter on last request")
			if tt.wantRestart {
				assert.Equal(t, "createdate", bodies[0].Sorts[0].PropertyName, "first request sort")
				assert.Equal(t, objectIDProperty, bodies[1].Sorts[0].PropertyName, "second request sort")
				assert.Empty(t, bodies[1].After, "restart cursor")
			}
			if !tt.wantDesc {
				assert.Equal(t, []wireSort{{PropertyName: objectIDProperty, Direction: "ASCENDING"}}, last.Sorts)
			}
		})
	}
}

func TestSearchAllFilterLimit(t *testing.T) {
	tests := []struct {
		name    string
		groups  []FilterGroup
		wantMsg string
	}{
		{name: "group already has six filters", groups: []FilterGroup{colorGroup("red", 5)},
			wantMsg: "filter group 0, which already has 6 of 6 filters"},
		{name: "eighteen filters in all", groups: []FilterGroup{
			colorGroup("red", 4), colorGroup("red", 4), colorGroup("red", 4), colorGroup("red", 2)},
			wantMsg: "which makes 22 filters, over the limit of 18"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := &searchServer{n: 20_100}
			client := setup(t, server, nil)

			delivered := 0
			err := client.SearchAll(context.Background(), "deals", SearchRequest{FilterGroups: tt.groups},
				func(Object) error {
					delivered++
					return nil
				})

			var got *Error
			require.ErrorAs(t, err, &got)
			assert.Equal(t, KindValidation, got.Kind)
			assert.Contains(t, got.Message, tt.wantMsg)
			assert.Equal(t, MaxSearchResultsCap, delivered)
			for _, b := range server.Bodies() {
				assert.False(t, hasGTFilter(b), "continuation request sent")
			}
		})
	}
}

func TestSearchAllStopsOnCallbackError(t *testing.T) {
	server := &searchServer{n: 1000}
	client := setup(t, server, nil)
	stop := errors.New("stop")

	calls := 0
	err := client.SearchAll(context.Background(), "deals", SearchRequest{}, func(Object) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})

	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 3, calls)
	assert.Len(t, server.Bodies(), 1)
}

func TestSearchRequestBody(t *testing.T) {
	rec := fixed(http.StatusOK, nil, `{"total":3,"results":[{"id":"7","properties":{"email":"a@b.co",`+
		`"phone":null},"createdAt":"2026-12-04T11:00:00.000Z","updatedAt":"2026-12-04T11:00:00.000Z"}],`+
		`"paging":{"next":{"after":"1","link":"?after=1"}}}`)
	client := setup(t, rec, nil)

	page, err := client.Search(context.Background(), "contacts", SearchRequest{
		FilterGroups: []FilterGroup{{Filters: []Filter{
			{PropertyName: "email", Operator: "IN", Values: []string{"a@b.co"}},
			{PropertyName: "createdate", Operator: "BETWEEN", Value: "1", HighValue: "2"},
		}}},
		Sort:       &Sort{PropertyName: "createdate", Descending: true},
		Properties: []string{"email", "phone"},
		Limit:      1,
	})
	require.NoError(t, err)

	assert.Equal(t, 3, page.Total)
	assert.Equal(t, "1", page.After)
	require.Len(t, page.Results, 1)
	assert.Equal(t, map[string]string{"email": "a@b.co"}, page.Results[0].Properties)

	body := rec.Requests()[0].Body
	assert.Equal(t, []any{map[string]any{"filters": []any{
		map[string]any{"propertyName": "email", "operator": "IN", "values": []any{"a@b.co"}},
		map[string]any{"propertyName": "createdate", "operator": "BETWEEN", "value": "1", "highValue": "2"},
	}}}, body["filterGroups"])
	assert.Equal(t, []any{map[string]any{"propertyName": "createdate", "direction": "DESCENDING"}}, body["sorts"])
	assert.Equal(t, float64(1), body["limit"])
	assert.NotContains(t, body, "after")
	assert.NotContains(t, body, "query")
}

func hasGTFilter(b searchBody) bool {
	for _, g := range b.FilterGroups {
		for _, f := range g.Filters {
			if f.PropertyName == objectIDProperty && f.Operator == "GT" {
				return true
			}
		}
	}
	return false
}

func uniqueInts(values []int) []int {
	out := slices.Clone(values)
	slices.Sort(out)
	return slices.Compact(out)
}
