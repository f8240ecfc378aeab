package square

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/square/square-go-sdk/client"
	"github.com/square/square-go-sdk/option"
	"github.com/stretchr/testify/require"
)

const testToken = "sim-test-token"

// testClock is a settable clock for Options.Clock.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock(now time.Time) *testClock { return &testClock{now: now} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
}

// fixtureNow is after every fixture order.
var fixtureNow = time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)

// readFixture decodes testdata/name with the SDK types.
func readFixture[T any](t *testing.T, name string) []*T {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	var out []*T
	require.NoError(t, json.Unmarshal(raw, &out), "decode %s", name)
	return out
}

// newFixtureSim returns a simulator loaded with every fixture.
func newFixtureSim(t *testing.T, clock *testClock) *Simulator {
	t.Helper()
	sim := New(Options{Token: testToken, Clock: clock.Now})
	require.NoError(t, sim.LoadLocations(readFixture[square.Location](t, "locations.json")))
	require.NoError(t, sim.LoadCustomers(readFixture[square.Customer](t, "customers.json")))
	require.NoError(t, sim.LoadCatalog(readFixture[square.CatalogObject](t, "catalog.json")))
	require.NoError(t, sim.LoadOrders(readFixture[square.Order](t, "orders.json"), nil))
	return sim
}

// sdkClient points the official SDK at the test server, with its retrier
// limited to one attempt.
func sdkClient(baseURL string) *client.Client {
	return client.NewClient(
		option.WithBaseURL(baseURL),
		option.WithToken(testToken),
		option.WithMaxAttempts(1),
	)
}

// apiResponse is a raw HTTP exchange with the simulator.
type apiResponse struct {
	status int
	header http.Header
	body   []byte
}

// call sends body (marshalled unless it is a string) with the test token
// and Square-Version header.
func call(t *testing.T, baseURL, method, path string, body any) apiResponse {
	t.Helper()
	return callWith(t, baseURL, method, path, body, map[string]string{
		"Authorization":  "Bearer " + testToken,
		"Square-Version": DefaultSquareVersion,
	})
}

func callWith(t *testing.T, baseURL, method, path string, body any, headers map[string]string) apiResponse {
	t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewReader([]byte(b))
	default:
		raw, err := json.Marshal(b)
		require.NoError(t, err)
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, baseURL+path, reader)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	for key, value := range headers {
		req.Header.Set(key, value)
	}

	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return apiResponse{status: resp.StatusCode, header: resp.Header, body: raw}
}

// firstError decodes the first entry of Square's error envelope.
func (r apiResponse) firstError(t *testing.T) *square.Error {
	t.Helper()
	var env errorEnvelope
	require.NoError(t, json.Unmarshal(r.body, &env), "body: %s", r.body)
	require.NotEmpty(t, env.Errors, "body: %s", r.body)
	return env.Errors[0]
}

// decode unmarshals the body into dst.
func (r apiResponse) decode(t *testing.T, dst any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.body, dst), "body: %s", r.body)
}

// generatedOrders returns n COMPLETED orders at location, closed a minute
// apart from start, with ids ORD-0000, ORD-0001, ...
func generatedOrders(n int, location string, start time.Time) []*square.Order {
	orders := make([]*square.Order, 0, n)
	for i := range n {
		closed := start.Add(time.Duration(i) * time.Minute).Format(time.RFC3339Nano)
		orders = append(orders, &square.Order{
			ID:         square.String(fmt.Sprintf("ORD-%04d", i)),
			LocationID: location,
			State:      square.OrderStateCompleted.Ptr(),
			CreatedAt:  square.String(closed),
			UpdatedAt:  square.String(closed),
			ClosedAt:   square.String(closed),
			TotalMoney: &square.Money{Amount: square.Int64(int64(1000 + i)), Currency: square.CurrencyUsd.Ptr()},
			Source:     &square.OrderSource{Name: square.String("Square Point of Sale")},
		})
	}
	return orders
}
