package hubspot

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactEmailConflict(t *testing.T) {
	h := setup(t)
	existing := h.create("contacts", props{"email": "jane@example.com"})
	cases := []struct {
		name  string
		email string
	}{
		{"same case", "jane@example.com"},
		{"other case", "Jane@EXAMPLE.com"},
		{"padded", " jane@example.com "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("POST", "/crm/v3/objects/contacts",
				map[string]any{"properties": props{"email": tc.email}})
			require.Equal(t, http.StatusConflict, resp.status, "%s", resp.body)
			body := resp.object(t)
			assert.Equal(t, "error", body["status"])
			assert.Equal(t, "CONFLICT", body["category"])
			assert.Equal(t, "Contact already exists. Existing ID: "+existing, body["message"])
			assert.NotEmpty(t, body["correlationId"])
		})
	}
	assert.Len(t, h.sim.Objects("contacts"), 1)
}

func TestContactEmailConflictOnUpdate(t *testing.T) {
	h := setup(t)
	first := h.create("contacts", props{"email": "first@example.com"})
	second := h.create("contacts", props{"email": "second@example.com"})
	resp := h.do("PATCH", "/crm/v3/objects/contacts/"+second,
		map[string]any{"properties": props{"email": "FIRST@example.com"}})
	assert.Equal(t, http.StatusConflict, resp.status)
	assert.Equal(t, "Contact already exists. Existing ID: "+first, resp.object(t)["message"])

	self := h.do("PATCH", "/crm/v3/objects/contacts/"+first,
		map[string]any{"properties": props{"email": "First@Example.com"}})
	assert.Equal(t, http.StatusOK, self.status, "a record may rewrite its own value")
}

func TestArchivingFreesEmail(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "reuse@example.com"})
	require.Equal(t, http.StatusNoContent, h.do("DELETE", "/crm/v3/objects/contacts/"+id, nil).status)
	again := h.do("POST", "/crm/v3/objects/contacts",
		map[string]any{"properties": props{"email": "reuse@example.com"}})
	assert.Equal(t, http.StatusCreated, again.status)
}

func createUniqueProperty(t *testing.T, h *harness, objectType, name string) {
	t.Helper()
	body := newProperty(name)
	body["hasUniqueValue"] = true
	resp := h.do("POST", "/crm/v3/properties/"+objectType, body)
	require.Equal(t, http.StatusCreated, resp.status, "%s", resp.body)
}

func TestCustomUniqueValueConflict(t *testing.T) {
	h := setup(t)
	createUniqueProperty(t, h, "companies", "sps_customer_id")
	existing := h.create("companies", props{"name": "Acme", "sps_customer_id": "C-100"})

	resp := h.do("POST", "/crm/v3/objects/companies",
		map[string]any{"properties": props{"name": "Acme 2", "sps_customer_id": "C-100"}})
	require.Equal(t, http.StatusBadRequest, resp.status, "%s", resp.body)
	var body errorBody
	resp.decode(t, &body)
	assert.Equal(t, "error", body.Status)
	assert.Equal(t, "CONFLICT", body.Category)
	assert.Equal(t, `A company with sps_customer_id "C-100" already exists. Existing ID: `+existing,
		body.Message)
	assert.Equal(t, []string{"sps_customer_id"}, body.Context["propertyName"])
	assert.Equal(t, []string{existing}, body.Context["id"])

	other := h.do("POST", "/crm/v3/objects/companies",
		map[string]any{"properties": props{"name": "Acme 3", "sps_customer_id": "c-100"}})
	assert.Equal(t, http.StatusCreated, other.status, "custom unique values compare exactly")
}

func TestUniqueValueConflictWithinBatch(t *testing.T) {
	h := setup(t)
	createUniqueProperty(t, h, "deals", "square_order_id")
	resp, _ := h.batch("deals", "create", inputs(
		props{"dealname": "A", "pipeline": "default", "dealstage": "closedwon", "square_order_id": "SQ-9"},
		props{"dealname": "B", "pipeline": "default", "dealstage": "closedwon", "square_order_id": "SQ-9"},
	))
	require.Equal(t, http.StatusBadRequest, resp.status, "%s", resp.body)
	var body errorBody
	resp.decode(t, &body)
	assert.Equal(t, "VALIDATION_ERROR", body.Category)
	assert.NotContains(t, body.Message, "Existing ID", "no record holds the value: the batch writes nothing")
	assert.Contains(t, body.Message, "square_order_id")
	assert.Contains(t, body.Message, "inputs 0 and 1")
	assert.Empty(t, body.Context["id"])
	assert.Empty(t, h.sim.Objects("deals"), "the all-or-nothing batch writes nothing")
}

func TestAtomicBatchDuplicateEmail(t *testing.T) {
	h := setup(t)
	resp, _ := h.batch("contacts", "create", inputs(
		props{"email": "twice@example.com"},
		props{"email": "TWICE@example.com"},
	))
	require.Equal(t, http.StatusBadRequest, resp.status, "%s", resp.body)
	body := resp.object(t)
	assert.Equal(t, "VALIDATION_ERROR", body["category"])
	assert.NotContains(t, body["message"], "Existing ID")
	assert.Empty(t, h.sim.Objects("contacts"))
}

func TestMultiStatusDuplicateNamesWinner(t *testing.T) {
	h := setup(t)
	createUniqueProperty(t, h, "deals", "square_order_id")
	order := props{"dealname": "A", "pipeline": "default", "dealstage": "closedwon", "square_order_id": "SQ-9"}
	resp, result := h.batch("deals", "create", map[string]any{"inputs": []map[string]any{
		{"properties": order, "objectWriteTraceId": "first"},
		{"properties": order, "objectWriteTraceId": "second"},
	}})
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	require.Len(t, result.Results, 1)
	require.Len(t, result.Errors, 1)
	winner := result.Results[0].ID
	assert.Equal(t, []string{"second"}, result.Errors[0].Context["objectWriteTraceId"])
	assert.Equal(t, "CONFLICT", result.Errors[0].Category)
	assert.Contains(t, result.Errors[0].Message, "Existing ID: "+winner,
		"the earlier input of the batch is written, so its id is real")
	require.Len(t, h.sim.Objects("deals"), 1)
	assert.Equal(t, winner, h.sim.Objects("deals")[0].ID)
}

func TestConcurrentBatchCreatesKeepOneRecord(t *testing.T) {
	cases := []struct {
		name       string
		objectType string
		unique     string
		properties props
	}{
		{"custom unique property", "deals", "square_order_id", props{"dealname": "Race",
			"pipeline": "default", "dealstage": "closedwon", "square_order_id": "SQ-RACE"}},
		{"contact email", "contacts", "", props{"email": "race@example.com"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			if tc.unique != "" {
				createUniqueProperty(t, h, tc.objectType, tc.unique)
			}
			const workers = 8
			statuses := make(chan int, workers)
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					resp, _ := h.batch(tc.objectType, "create", map[string]any{"inputs": []map[string]any{
						{"properties": tc.properties, "objectWriteTraceId": fmt.Sprintf("worker-%d", w)},
					}})
					statuses <- resp.status
				}()
			}
			wg.Wait()
			close(statuses)

			counts := map[int]int{}
			for status := range statuses {
				counts[status]++
			}
			assert.Equal(t, 1, counts[http.StatusCreated], "exactly one create wins: %v", counts)
			assert.Equal(t, workers-1, counts[http.StatusMultiStatus], "the rest conflict: %v", counts)
			assert.Len(t, h.sim.Objects(tc.objectType), 1)
		})
	}
}

func TestUniqueValueConflictInBatchUpdate(t *testing.T) {
	h := setup(t)
	createUniqueProperty(t, h, "products", "sps_id")
	a := h.create("products", props{"name": "A", "sps_id": "P-1"})
	b := h.create("products", props{"name": "B", "sps_id": "P-2"})
	c := h.create("products", props{"name": "C"})
	resp, result := h.batch("products", "update", map[string]any{"inputs": []map[string]any{
		{"id": b, "properties": props{"sps_id": "P-1"}},
		{"id": c, "properties": props{"sps_id": "P-3"}},
		{"id": a, "properties": props{"sps_id": "P-3"}},
	}})
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	assert.Len(t, result.Results, 1)
	require.Len(t, result.Errors, 2)
	assert.Equal(t, []string{a}, result.Errors[0].Context["id"])
	assert.Equal(t, []string{c}, result.Errors[1].Context["id"], "an earlier input of the batch holds P-3")
}
