package square

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
)

func TestSearchCompletedOrdersPages(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadOrders(completedOrders("M", mainLocation, 23, windowStart), nil))
	require.NoError(t, h.sim.LoadOrders(completedOrders("Y", yardLocation, 2, windowStart), nil))
	recorder := apicalls.NewRecorder()
	ctx := apicalls.WithRecorder(context.Background(), recorder)
	q := OrdersQuery{
		LocationIDs: []string{yardLocation, mainLocation},
		Since:       windowStart,
		Until:       windowStart.Add(24 * time.Hour),
		Limit:       10,
	}

	var got []string
	var cursors []string
	for range 10 {
		page, err := h.client.SearchCompletedOrders(ctx, q)
		require.NoError(t, err)
		got = append(got, ids(page.Orders)...)
		cursors = append(cursors, page.Cursor)
		if page.Cursor == "" {
			break
		}
		q.Cursor = page.Cursor
	}

	require.Len(t, cursors, 3)
	assert.NotEmpty(t, cursors[0])
	assert.NotEmpty(t, cursors[1])
	assert.Empty(t, cursors[2])
	assert.Len(t, got, 25)
	assert.Equal(t, []string{"M-000", "Y-000", "M-001", "Y-001", "M-002"}, got[:5])
	assert.Equal(t, []apicalls.Count{{Service: apicalls.Square, Endpoint: "POST /v2/orders/search", Calls: 3}},
		recorder.Counts())
}

func TestSearchCompletedOrdersWindowInclusive(t *testing.T) {
	h := setup(t)
	orders := completedOrders("M", mainLocation, 5, windowStart) // closed at +0..+4 min
	open := completedOrders("OPEN", mainLocation, 1, windowStart.Add(time.Minute))
	open[0].State = square.OrderStateOpen.Ptr()
	open[0].ClosedAt = nil
	canceled := completedOrders("CANCELED", mainLocation, 1, windowStart.Add(2*time.Minute))
	canceled[0].State = square.OrderStateCanceled.Ptr()
	require.NoError(t, h.sim.LoadOrders(append(append(orders, open...), canceled...), nil))
	tests := []struct {
		name         string
		since, until time.Time
		want         []string
	}{
		{"both ends on order times", windowStart.Add(time.Minute), windowStart.Add(3 * time.Minute),
			[]string{"M-001", "M-002", "M-003"}},
		{"one nanosecond inside", windowStart.Add(time.Minute + time.Nanosecond), windowStart.Add(3*time.Minute - time.Nanosecond),
			[]string{"M-002"}},
		{"single instant", windowStart.Add(4 * time.Minute), windowStart.Add(4 * time.Minute), []string{"M-004"}},
		{"other time zone", windowStart.In(time.FixedZone("CDT", -5*3600)), windowStart,
			[]string{"M-000"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := h.client.SearchCompletedOrders(context.Background(), OrdersQuery{
				LocationIDs: []string{mainLocation}, Since: tc.since, Until: tc.until,
			})

			require.NoError(t, err)
			assert.Equal(t, tc.want, ids(page.Orders))
			assert.Empty(t, page.Cursor)
		})
	}
}

func TestSearchCompletedOrdersRejectsBadQueries(t *testing.T) {
	h := setup(t)
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = fmt.Sprintf("L%02d", i)
	}
	good := OrdersQuery{LocationIDs: []string{mainLocation}, Since: windowStart, Until: windowStart.Add(time.Hour)}
	tests := []struct {
		name   string
		mutate func(q *OrdersQuery)
		want   string
	}{
		{"eleven locations", func(q *OrdersQuery) { q.LocationIDs = eleven }, "11 location ids"},
		{"no locations", func(q *OrdersQuery) { q.LocationIDs = []string{""} }, "no location ids"},
		{"no since", func(q *OrdersQuery) { q.Since = time.Time{} }, "Since and Until are required"},
		{"no until", func(q *OrdersQuery) { q.Until = time.Time{} }, "Since and Until are required"},
		{"since after until", func(q *OrdersQuery) { q.Since = q.Until.Add(time.Second) }, "is after Until"},
		{"limit too high", func(q *OrdersQuery) { q.Limit = MaxOrdersPerPage + 1 }, "limit 1001"},
		{"negative limit", func(q *OrdersQuery) { q.Limit = -1 }, "limit -1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := good
			tc.mutate(&q)

			_, err := h.client.SearchCompletedOrders(context.Background(), q)

			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrInvalidQuery))
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, h.sim.Calls(), "nothing is sent")
		})
	}
}

func TestSearchCompletedOrdersTenLocations(t *testing.T) {
	h := setup(t)
	locations := []*square.Location{}
	var locationIDs []string
	for i := range 10 {
		id := fmt.Sprintf("L%02d", i)
		locations = append(locations, &square.Location{ID: square.String(id)})
		locationIDs = append(locationIDs, id)
	}
	require.NoError(t, h.sim.LoadLocations(locations))
	require.NoError(t, h.sim.LoadOrders(completedOrders("L", "L09", 1, windowStart), nil))

	page, err := h.client.SearchCompletedOrders(context.Background(), OrdersQuery{
		LocationIDs: locationIDs, Since: windowStart, Until: windowStart.Add(time.Hour),
	})

	require.NoError(t, err)
	assert.Equal(t, []string{"L-000"}, ids(page.Orders))
}

func TestSearchCompletedOrdersStaleCursor(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadOrders(completedOrders("M", mainLocation, 3, windowStart), nil))
	q := OrdersQuery{LocationIDs: []string{mainLocation}, Since: windowStart, Until: windowStart.Add(time.Hour), Limit: 1}
	page, err := h.client.SearchCompletedOrders(context.Background(), q)
	require.NoError(t, err)

	q.Cursor = page.Cursor
	q.Until = q.Until.Add(time.Minute) // a different query
	_, err = h.client.SearchCompletedOrders(context.Background(), q)

	var e *Error
	require.True(t, errors.As(err, &e), "error %v", err)
	assert.Equal(t, 400, e.Status)
	assert.Equal(t, "INVALID_CURSOR", e.Code)
	assert.Equal(t, "cursor", e.Field)
	assert.False(t, e.Retryable)
}

func TestLocationGroups(t *testing.T) {
	many := make([]string, 0, 23)
	for i := 22; i >= 0; i-- {
		many = append(many, fmt.Sprintf("L%02d", i))
	}
	tests := []struct {
		name string
		ids  []string
		want [][]string
	}{
		{"none", nil, nil},
		{"only empty", []string{""}, nil},
		{"sorted and deduplicated", []string{"B", "A", "B", ""}, [][]string{{"A", "B"}}},
		{"exactly ten", many[13:], [][]string{{"L00", "L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08", "L09"}}},
		{"twenty-three", many, [][]string{
			{"L00", "L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08", "L09"},
			{"L10", "L11", "L12", "L13", "L14", "L15", "L16", "L17", "L18", "L19"},
			{"L20", "L21", "L22"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, LocationGroups(tc.ids))
		})
	}
}

func TestLocationGroupsDoesNotAlias(t *testing.T) {
	groups := LocationGroups([]string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"})

	groups[0] = append(groups[0], "Z")

	assert.Equal(t, []string{"K"}, groups[1])
}
