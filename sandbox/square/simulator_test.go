package square

import (
	"context"
	"net/http"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/square/square-go-sdk/client"
	"github.com/square/square-go-sdk/core"
	"github.com/square/square-go-sdk/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthorization(t *testing.T) {
	srv := newServer(t, newFixtureSim(t, newTestClock(fixtureNow)))
	tests := []struct {
		name       string
		header     string
		wantStatus int
	}{
		{"valid token", "Bearer " + testToken, http.StatusOK},
		{"missing header", "", http.StatusUnauthorized},
		{"wrong token", "Bearer someone-else", http.StatusUnauthorized},
		{"basic scheme", "Basic " + testToken, http.StatusUnauthorized},
		{"empty bearer", "Bearer ", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := callWith(t, srv.URL, http.MethodGet, "/v2/locations", nil, map[string]string{"Authorization": tc.header})

			require.Equal(t, tc.wantStatus, resp.status)
			if tc.wantStatus == http.StatusUnauthorized {
				e := resp.firstError(t)
				assert.Equal(t, square.ErrorCategoryAuthenticationError, e.Category)
				assert.Equal(t, square.ErrorCodeUnauthorized, e.Code)
			}
		})
	}
}

func TestEmptyTokenOptionAcceptsAnyBearer(t *testing.T) {
	srv := newServer(t, New(Options{}))

	anyToken := callWith(t, srv.URL, http.MethodGet, "/v2/locations", nil, map[string]string{"Authorization": "Bearer x"})
	noToken := callWith(t, srv.URL, http.MethodGet, "/v2/locations", nil, nil)

	assert.Equal(t, http.StatusOK, anyToken.status)
	assert.Equal(t, http.StatusUnauthorized, noToken.status)
}

func TestSquareVersionHeader(t *testing.T) {
	srv := newServer(t, newFixtureSim(t, newTestClock(fixtureNow)))
	tests := []struct {
		name       string
		version    string
		wantStatus int
		wantCode   square.ErrorCode
	}{
		{"accepted version", DefaultSquareVersion, http.StatusOK, ""},
		{"no header", "", http.StatusOK, ""},
		{"other version", "2024-01-18", http.StatusBadRequest, square.ErrorCodeAPIVersionIncompatible},
		{"malformed", "1.2.3", http.StatusBadRequest, square.ErrorCodeInvalidSquareVersionFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			headers := map[string]string{"Authorization": "Bearer " + testToken}
			if tc.version != "" {
				headers["Square-Version"] = tc.version
			}

			resp := callWith(t, srv.URL, http.MethodGet, "/v2/locations", nil, headers)

			require.Equal(t, tc.wantStatus, resp.status)
			assert.Equal(t, DefaultSquareVersion, resp.header.Get("Square-Version"))
			if tc.wantCode != "" {
				assert.Equal(t, tc.wantCode, resp.firstError(t).Code)
			}
		})
	}
}

func TestConfiguredSquareVersion(t *testing.T) {
	sim := New(Options{Token: testToken, SquareVersion: "2024-01-18"})
	srv := newServer(t, sim)
	sdk := client.NewClient(option.WithBaseURL(srv.URL), option.WithToken(testToken), option.WithMaxAttempts(1))

	_, defaultErr := sdk.Locations.List(context.Background())
	_, pinnedErr := sdk.Locations.List(context.Background(), &core.VersionOption{Version: "2024-01-18"})

	require.Error(t, defaultErr)
	assert.Contains(t, defaultErr.Error(), "API_VERSION_INCOMPATIBLE")
	assert.NoError(t, pinnedErr)
}

func TestUnknownRoutes(t *testing.T) {
	srv := newServer(t, newFixtureSim(t, newTestClock(fixtureNow)))
	tests := []struct {
		name       string
		method     string
		path       string
		wantStatus int
		wantCode   square.ErrorCode
	}{
		{"unknown path", http.MethodGet, "/v2/payments", http.StatusNotFound, square.ErrorCodeNotFound},
		{"wrong method", http.MethodGet, "/v2/orders/search", http.StatusMethodNotAllowed, square.ErrorCodeMethodNotAllowed},
		{"customer by POST", http.MethodPost, "/v2/customers/CUST0ALICE", http.StatusMethodNotAllowed,
			square.ErrorCodeMethodNotAllowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, tc.method, tc.path, nil)

			require.Equal(t, tc.wantStatus, resp.status)
			assert.Equal(t, tc.wantCode, resp.firstError(t).Code)
		})
	}
}

func TestCallsCountsPerEndpoint(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)

	call(t, srv.URL, http.MethodGet, "/v2/customers/CUST0ALICE", nil)
	call(t, srv.URL, http.MethodGet, "/v2/customers/CUST0GONE", nil)
	call(t, srv.URL, http.MethodGet, "/v2/locations", nil)
	call(t, srv.URL, http.MethodPost, "/v2/orders/search", `{`)
	callWith(t, srv.URL, http.MethodGet, "/v2/locations", nil, nil) // unauthorized, still a call
	call(t, srv.URL, http.MethodGet, "/v2/payments", nil)           // no endpoint, not counted
	call(t, srv.URL, http.MethodGet, "/_admin/calls", nil)          // admin, not counted

	assert.Equal(t, map[string]int{
		"GET /v2/customers/{customer_id}": 2,
		"GET /v2/locations":               2,
		"POST /v2/orders/search":          1,
	}, sim.Calls())
}
