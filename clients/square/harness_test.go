package square

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/require"

	sim "github.com/stonecity/sync/sandbox/square"
)

const testToken = "tok-client-test-5f2c9a"

var (
	mainLocation = "LMAIN"
	yardLocation = "LYARD"
	windowStart  = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	simNow       = time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)
)

// harness is a simulator behind httptest with a client pointed at it.
type harness struct {
	sim    *sim.Simulator
	srv    *httptest.Server
	client *Client

	mu       sync.Mutex
	versions []string // Square-Version of every request, in order
}

func setup(t *testing.T) *harness {
	t.Helper()
	h := &harness{sim: sim.New(sim.Options{Token: testToken, Clock: func() time.Time { return simNow }})}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.versions = append(h.versions, r.Header.Get("Square-Version"))
		h.mu.Unlock()
		h.sim.ServeHTTP(w, r)
	}))
	t.Cleanup(h.srv.Close)
	require.NoError(t, h.sim.LoadLocations([]*square.Location{
		{ID: square.String(mainLocation), Name: square.String("Showroom")},
		{ID: square.String(yardLocation), Name: square.String("Yard")},
	}))

	c, err := New(Config{BaseURL: h.srv.URL, Token: testToken})
	require.NoError(t, err)
	h.client = c
	return h
}

func (h *harness) seenVersions() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.versions...)
}

// completedOrders returns n COMPLETED orders at location, closed a minute
// apart from start, with ids <prefix>-000, <prefix>-001, ...
func completedOrders(prefix, location string, n int, start time.Time) []*square.Order {
	orders := make([]*square.Order, 0, n)
	for i := range n {
		closed := start.Add(time.Duration(i) * time.Minute).Format(time.RFC3339Nano)
		orders = append(orders, &square.Order{
			ID:         square.String(fmt.Sprintf("%s-%03d", prefix, i)),
			LocationID: location,
			State:      square.OrderStateCompleted.Ptr(),
			CreatedAt:  square.String(closed),
			UpdatedAt:  square.String(closed),
			ClosedAt:   square.String(closed),
			TotalMoney: &square.Money{Amount: square.Int64(int64(100 * (i + 1))), Currency: square.CurrencyUsd.Ptr()},
		})
	}
	return orders
}

func ids(orders []*square.Order) []string {
	out := make([]string, 0, len(orders))
	for _, o := range orders {
		out = append(out, *o.ID)
	}
	return out
}
