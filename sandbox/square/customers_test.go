package square

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/square/square-go-sdk/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetrieveCustomer(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	sim.DeleteCustomer("CUST0ZOE")
	srv := newServer(t, sim)
	tests := []struct {
		name       string
		id         string
		wantStatus int
		wantGiven  string
	}{
		{"found", "CUST0ALICE", http.StatusOK, "Alice"},
		{"phone only", "CUST0BORIS", http.StatusOK, ""},
		{"unknown", "CUST0NOBODY", http.StatusNotFound, ""},
		{"deleted by merge", "CUST0ZOE", http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, http.MethodGet, "/v2/customers/"+tc.id, nil)

			require.Equal(t, tc.wantStatus, resp.status)
			if tc.wantStatus == http.StatusNotFound {
				e := resp.firstError(t)
				assert.Equal(t, square.ErrorCategoryInvalidRequestError, e.Category)
				assert.Equal(t, square.ErrorCodeNotFound, e.Code)
				assert.Contains(t, deref(e.GetDetail()), tc.id)
				return
			}
			var body square.GetCustomerResponse
			resp.decode(t, &body)
			require.NotNil(t, body.Customer)
			assert.Equal(t, tc.id, *body.Customer.ID)
			assert.Equal(t, tc.wantGiven, deref(body.Customer.GetGivenName()))
		})
	}
}

func TestRetrieveCustomerWithSDK(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sdk := sdkClient(srv.URL)

	found, foundErr := sdk.Customers.Get(context.Background(), &square.GetCustomersRequest{CustomerID: "CUST0ALICE"})
	_, missingErr := sdk.Customers.Get(context.Background(), &square.GetCustomersRequest{CustomerID: "CUST0GONE"})

	require.NoError(t, foundErr)
	assert.Equal(t, "+1 (206) 222-3456", deref(found.Customer.GetPhoneNumber()))
	var apiErr *core.APIError
	require.True(t, errors.As(missingErr, &apiErr))
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
}

func TestBulkRetrieveCustomers(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	sim.DeleteCustomer("CUST0ZOE")
	srv := newServer(t, sim)

	resp, err := sdkClient(srv.URL).Customers.BulkRetrieveCustomers(context.Background(),
		&square.BulkRetrieveCustomersRequest{CustomerIDs: []string{"CUST0ALICE", "CUST0GONE", "CUST0ZOE", "CUST0BORIS"}})

	require.NoError(t, err)
	assert.Empty(t, resp.Errors)
	require.Len(t, resp.Responses, 4)
	assert.Equal(t, "CUST0ALICE", *resp.Responses["CUST0ALICE"].Customer.ID)
	assert.Equal(t, "CUST0BORIS", *resp.Responses["CUST0BORIS"].Customer.ID)
	for _, missing := range []string{"CUST0GONE", "CUST0ZOE"} {
		entry := resp.Responses[missing]
		require.NotNil(t, entry, missing)
		assert.Nil(t, entry.Customer, missing)
		require.Len(t, entry.Errors, 1, missing)
		assert.Equal(t, square.ErrorCodeNotFound, entry.Errors[0].Code, missing)
	}
}

func TestBulkRetrieveCustomersRejectsBadSizes(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("CUST%03d", i)
	}
	tests := []struct {
		name     string
		ids      []string
		wantCode square.ErrorCode
	}{
		{"no ids", nil, square.ErrorCodeArrayLengthTooShort},
		{"101 ids", ids, square.ErrorCodeArrayLengthTooLong},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := call(t, srv.URL, http.MethodPost, "/v2/customers/bulk-retrieve",
				&square.BulkRetrieveCustomersRequest{CustomerIDs: tc.ids})

			require.Equal(t, http.StatusBadRequest, resp.status)
			e := resp.firstError(t)
			assert.Equal(t, tc.wantCode, e.Code)
			assert.Equal(t, "customer_ids", deref(e.GetField()))
		})
	}
}

func TestBulkRetrieveCustomersAcceptsHundredIDs(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	ids := make([]string, 100)
	for i := range ids {
		ids[i] = fmt.Sprintf("CUST%03d", i)
	}

	resp := call(t, srv.URL, http.MethodPost, "/v2/customers/bulk-retrieve",
		&square.BulkRetrieveCustomersRequest{CustomerIDs: ids})

	require.Equal(t, http.StatusOK, resp.status)
	var body square.BulkRetrieveCustomersResponse
	resp.decode(t, &body)
	assert.Len(t, body.Responses, 100)
}

func TestLoadCustomersUndeletes(t *testing.T) {
	sim := newFixtureSim(t, newTestClock(fixtureNow))
	srv := newServer(t, sim)
	sim.DeleteCustomer("CUST0ALICE")
	deleted := call(t, srv.URL, http.MethodGet, "/v2/customers/CUST0ALICE", nil)

	require.NoError(t, sim.LoadCustomers([]*square.Customer{{ID: square.String("CUST0ALICE")}}))
	restored := call(t, srv.URL, http.MethodGet, "/v2/customers/CUST0ALICE", nil)

	assert.Equal(t, http.StatusNotFound, deleted.status)
	assert.Equal(t, http.StatusOK, restored.status)
}

func TestLoadCustomersRejectsMissingID(t *testing.T) {
	sim := New(Options{})

	err := sim.LoadCustomers([]*square.Customer{{ID: square.String("C1")}, {GivenName: square.String("No Id")}})

	require.Error(t, err)
	assert.Contains(t, err.Error(), "customers[1]")
	assert.Empty(t, sim.data.customers)
}
