package square

import (
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func specPathOrSkip(t *testing.T) string {
	t.Helper()
	path, err := SpecPath()
	if err != nil {
		t.Skipf("Square OpenAPI spec unavailable: %v", err)
	}
	return path
}

func TestSpecPathFindsSpec(t *testing.T) {
	path := specPathOrSkip(t)

	info, err := os.Stat(path)

	require.NoError(t, err)
	assert.Greater(t, info.Size(), int64(1<<20))
	assert.True(t, strings.HasSuffix(path, filepath.Join(".mock", "openapi", "openapi.json")))
}

func TestModuleDirFromBuildInfo(t *testing.T) {
	t.Setenv("GOMODCACHE", filepath.Join("/", "cache"))
	sdk := func(replace *debug.Module) *debug.BuildInfo {
		return &debug.BuildInfo{Deps: []*debug.Module{
			{Path: "go.uber.org/zap", Version: "v1.28.0"},
			{Path: sdkModule, Version: "v1.5.0", Replace: replace},
		}}
	}
	tests := []struct {
		name    string
		info    *debug.BuildInfo
		want    string
		wantErr bool
	}{
		{"module cache", sdk(nil), filepath.Join("/", "cache", "github.com", "square", "square-go-sdk@v1.5.0"), false},
		{"replaced by a version", sdk(&debug.Module{Path: "github.com/Fork/sdk", Version: "v1.5.1"}),
			filepath.Join("/", "cache", "github.com", "!fork", "sdk@v1.5.1"), false},
		{"replaced by a directory", sdk(&debug.Module{Path: "/src/sdk"}), "/src/sdk", false},
		{"not a dependency", &debug.BuildInfo{}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, err := moduleDirFromBuildInfo(tc.info)

			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, dir)
		})
	}
}

func TestEscapeModulePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"github.com/square/square-go-sdk", "github.com/square/square-go-sdk"},
		{"github.com/BurntSushi/toml", "github.com/!burnt!sushi/toml"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, escapeModulePath(tc.in))
		})
	}
}

func TestSpecExampleOrdersFromSquareSpec(t *testing.T) {
	path := specPathOrSkip(t)

	orders, err := SpecExampleOrders(path)

	require.NoError(t, err)
	require.NotEmpty(t, orders)
	seen := map[string]bool{}
	for _, o := range orders {
		require.NotNil(t, o.ID)
		assert.False(t, seen[*o.ID], "duplicate %s", *o.ID)
		seen[*o.ID] = true
		assert.Equal(t, square.OrderStateCompleted, *o.State, *o.ID)
		assert.Empty(t, o.GetExtraProperties(), "%s has fields the SDK would drop", *o.ID)
	}
	// In the v1.5.0 spec, PayOrderResponse's example is the only completed
	// order.
	assert.True(t, seen["lgwOlEityYPJtcuvKTVKT1pA986YY"])
}

func TestSpecExampleOrdersSyncLikeOthers(t *testing.T) {
	path := specPathOrSkip(t)
	orders, err := SpecExampleOrders(path)
	require.NoError(t, err)
	sim := New(Options{Token: testToken, Clock: newTestClock(fixtureNow).Now})
	var locations []*square.Location
	var locationIDs []string
	for _, o := range orders {
		locations = append(locations, &square.Location{ID: square.String(o.LocationID), Name: square.String("Spec " + o.LocationID)})
		locationIDs = append(locationIDs, o.LocationID)
	}
	require.NoError(t, sim.LoadLocations(locations))
	require.NoError(t, sim.LoadOrders(orders, nil))
	srv := newServer(t, sim)

	resp, err := sdkClient(srv.URL).Orders.Search(context.Background(),
		closedQuery(locationIDs[:min(len(locationIDs), 10)], "2000-01-01T00:00:00Z", "2030-01-01T00:00:00Z", 0))

	require.NoError(t, err)
	require.NotEmpty(t, resp.Orders)
	assert.Equal(t, orders[0].ID, resp.Orders[0].ID)
	assert.Equal(t, *orders[0].TotalMoney.GetAmount(), *resp.Orders[0].TotalMoney.GetAmount())
	assert.Len(t, resp.Orders[0].Tenders, len(orders[0].Tenders))
}

// miniSpec has one completed order twice (inline and on the schema), an
// open order, an order without an id and an orders array, plus a
// completed order outside the orders endpoints.
const miniSpec = `{
  "paths": {
    "/v2/orders/{order_id}": {
      "parameters": [],
      "get": {"responses": {"200": {"content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/RetrieveOrderResponse"},
        "example": {"order": {"id": "A", "location_id": "L1", "state": "COMPLETED"}}
      }}}}}
    },
    "/v2/orders/batch-retrieve": {
      "post": {"responses": {"200": {"content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/BatchRetrieveOrdersResponse"}
      }}}}}
    },
    "/v2/payments": {
      "get": {"responses": {"200": {"content": {"application/json": {
        "example": {"order": {"id": "P", "location_id": "L1", "state": "COMPLETED"}}
      }}}}}
    }
  },
  "components": {"schemas": {
    "RetrieveOrderResponse": {"example": {"order": {"id": "A", "location_id": "L1", "state": "COMPLETED"}}},
    "BatchRetrieveOrdersResponse": {"example": {"orders": [
      {"id": "B", "location_id": "L2", "state": "COMPLETED", "total_money": {"amount": 1599, "currency": "USD"}},
      {"id": "C", "location_id": "L2", "state": "OPEN"},
      {"location_id": "L2", "state": "COMPLETED"}
    ]}}
  }}
}`

func TestSpecExampleOrdersRules(t *testing.T) {
	path := filepath.Join(t.TempDir(), "openapi.json")
	require.NoError(t, os.WriteFile(path, []byte(miniSpec), 0o600))

	orders, err := SpecExampleOrders(path)

	require.NoError(t, err)
	assert.Equal(t, []string{"B", "A"}, orderIDs(orders))
	assert.Equal(t, int64(1599), *orders[0].TotalMoney.GetAmount())
}

func TestSpecExampleOrdersErrors(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte(`{"paths":`), 0o600))
	badOrder := filepath.Join(dir, "bad-order.json")
	require.NoError(t, os.WriteFile(badOrder, []byte(`{"paths":{"/v2/orders":{"post":{"responses":{"200":{
		"content":{"application/json":{"example":{"order":{"id":5}}}}}}}}}}`), 0o600))
	tests := []struct{ name, path, want string }{
		{"missing file", filepath.Join(dir, "nope.json"), "read square OpenAPI spec"},
		{"malformed JSON", broken, "decode square OpenAPI spec"},
		{"order of wrong shape", badOrder, "decode example order"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := SpecExampleOrders(tc.path)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
