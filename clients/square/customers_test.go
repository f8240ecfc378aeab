package square

import (
	"context"
	"fmt"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
	sim "github.com/stonecity/sync/sandbox/square"
)

func customers(ids ...string) []*square.Customer {
	out := make([]*square.Customer, 0, len(ids))
	for _, id := range ids {
		out = append(out, &square.Customer{ID: square.String(id), GivenName: square.String("Name " + id)})
	}
	return out
}

func TestBulkRetrieveCustomersMissing(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers("C1", "C2", "MERGED")))
	h.sim.DeleteCustomer("MERGED")

	found, missing, err := h.client.BulkRetrieveCustomers(context.Background(),
		[]string{"C2", "GONE", "C1", "MERGED", "C1", ""})

	require.NoError(t, err)
	require.Len(t, found, 2)
	assert.Equal(t, "Name C1", *found["C1"].GivenName)
	assert.Equal(t, "Name C2", *found["C2"].GivenName)
	assert.Equal(t, []string{"GONE", "MERGED"}, missing)
}

func TestBulkRetrieveCustomersSplitsAtHundred(t *testing.T) {
	h := setup(t)
	var all []string
	for i := range 250 {
		all = append(all, fmt.Sprintf("C%03d", i))
	}
	require.NoError(t, h.sim.LoadCustomers(customers(all[:240]...)))
	recorder := apicalls.NewRecorder()
	ctx := apicalls.WithRecorder(context.Background(), recorder)

	found, missing, err := h.client.BulkRetrieveCustomers(ctx, all)

	require.NoError(t, err)
	assert.Len(t, found, 240)
	assert.Equal(t, all[240:], missing)
	assert.Equal(t, 3, h.sim.Calls()["POST /v2/customers/bulk-retrieve"])
	assert.Equal(t, 3, apicalls.Total(recorder.Counts(), apicalls.Square))
}

func TestBulkRetrieveCustomersNoIDs(t *testing.T) {
	h := setup(t)

	found, missing, err := h.client.BulkRetrieveCustomers(context.Background(), nil)

	require.NoError(t, err)
	assert.Empty(t, found)
	assert.Empty(t, missing)
	assert.Empty(t, h.sim.Calls())
}

func TestBulkRetrieveCustomersFailureReturnsNothing(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers("C1")))
	h.sim.SetFaults(sim.Faults{FailNext: 1, ErrorStatuses: []int{503}})

	found, missing, err := h.client.BulkRetrieveCustomers(context.Background(), []string{"C1", "C2"})

	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.Status)
	assert.Nil(t, found)
	assert.Nil(t, missing)
}
