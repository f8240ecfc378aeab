package hubspot

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
)

func TestBatchCreatePartialFailure(t *testing.T) {
	rec := fixed(http.StatusMultiStatus, nil, fixture(t, "207_create_partial.json"))
	client := setup(t, rec, nil)

	result, err := client.BatchCreate(context.Background(), "deals", []CreateInput{
		{Properties: map[string]string{"dealname": "Square Order A"},
			Associations: []Association{{ToID: "901", TypeID: DealToContact}}},
		{Properties: map[string]string{"dealname": "Square Order B", "amount": "1,250.00"}},
		{Properties: map[string]string{"dealname": "Square Order C"}, TraceID: "ORD-3"},
	})
	require.NoError(t, err)

	require.Len(t, result.Objects, 1)
	created := result.Objects[0]
	assert.Equal(t, "5101", created.ID)
	assert.Equal(t, "12.50", created.Properties["amount"])
	assert.NotContains(t, created.Properties, "hs_lead_status", "null property kept")
	assert.Equal(t, time.Date(2026, 12, 4, 11, 0, 1, 123_000_000, time.UTC), created.CreatedAt)

	require.Len(t, result.Errors, 2)
	invalid := result.Errors[0]
	assert.Equal(t, "input-1", invalid.TraceID)
	assert.Equal(t, 1, invalid.Index)
	assert.Equal(t, http.StatusBadRequest, invalid.Status)
	assert.Equal(t, "VALIDATION_ERROR", invalid.Category)
	assert.Equal(t, "amount", invalid.Property)
	assert.Equal(t, "INVALID_INTEGER", invalid.Code)
	assert.Equal(t, KindValidation, invalid.Kind)

	conflict := result.Errors[1]
	assert.Equal(t, "ORD-3", conflict.TraceID)
	assert.Equal(t, 2, conflict.Index)
	assert.Equal(t, http.StatusConflict, conflict.Status)
	assert.Equal(t, "8003", conflict.ExistingID)
	assert.Equal(t, "square_order_id", conflict.Property)
	assert.Equal(t, KindConflict, conflict.Kind)
	assert.Contains(t, conflict.Error(), "existing id 8003")
}

func TestBatchCreateRequestBody(t *testing.T) {
	rec := fixed(http.StatusCreated, nil, `{"status":"COMPLETE","results":[]}`)
	client := setup(t, rec, nil)

	_, err := client.BatchCreate(context.Background(), "deals", []CreateInput{
		{Properties: map[string]string{"dealname": "A"},
			Associations: []Association{{ToID: "901", TypeID: DealToContact}}},
		{TraceID: "input-1"},
		{},
	})
	require.NoError(t, err)

	requests := rec.Requests()
	require.Len(t, requests, 1)
	assert.Equal(t, "/crm/v3/objects/deals/batch/create", requests[0].Path)
	assert.Equal(t, "Bearer "+testToken, requests[0].Auth)

	sent := inputs(t, requests[0])
	require.Len(t, sent, 3)
	assert.Equal(t, "input-0", sent[0]["objectWriteTraceId"])
	assert.Equal(t, "input-1", sent[1]["objectWriteTraceId"])
	assert.Equal(t, "input-2", sent[2]["objectWriteTraceId"])
	assert.Equal(t, map[string]any{}, sent[2]["properties"], "nil properties sent as an object")
	assert.Equal(t, []any{map[string]any{
		"to":    map[string]any{"id": "901"},
		"types": []any{map[string]any{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": float64(3)}},
	}}, sent[0]["associations"])
}

func TestCompleteTraceIDs(t *testing.T) {
	tests := []struct {
		name      string
		callerIDs []string
		want      []string
	}{
		{name: "all generated", callerIDs: []string{"", ""}, want: []string{"input-0", "input-1"}},
		{name: "caller ids kept", callerIDs: []string{"ORD-1", ""}, want: []string{"ORD-1", "input-1"}},
		{name: "collision avoided", callerIDs: []string{"", "input-0"}, want: []string{"input-0-2", "input-0"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := completeTraceIDs(request{}, tt.callerIDs)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompleteTraceIDsRejectsDuplicates(t *testing.T) {
	_, err := completeTraceIDs(request{method: "POST", path: "/x"}, []string{"A", "B", "A"})

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindValidation, got.Kind)
	assert.Contains(t, got.Message, `input 2 repeats trace id "A"`)
}

func TestBatchReadNotFound(t *testing.T) {
	rec := fixed(http.StatusMultiStatus, nil, fixture(t, "207_read_not_found.json"))
	client := setup(t, rec, nil)

	result, err := client.BatchRead(context.Background(), "deals", "square_order_id",
		[]string{"ORD-1", "ORD-2", "ORD-8", "ORD-9"}, []string{"dealname", "amount"})
	require.NoError(t, err)

	require.Len(t, result.Found, 2)
	assert.Equal(t, "ORD-1", result.Found[0].Properties["square_order_id"])
	assert.NotContains(t, result.Found[0].Properties, "amount", "null property kept")
	assert.NotContains(t, result.Found[1].Properties, "amount", "omitted property invented")
	assert.ElementsMatch(t, []string{"ORD-8", "ORD-9"}, result.NotFound)

	body := rec.Requests()[0].Body
	assert.Equal(t, "square_order_id", body["idProperty"])
	assert.Equal(t, []any{"dealname", "amount", "square_order_id"}, body["properties"])
}

func TestBatchReadOtherErrorFails(t *testing.T) {
	body := `{"status":"COMPLETE","results":[],"errors":[{"status":"error","category":"VALIDATION_ERROR",` +
		`"message":"The maximum number of inputs supported in a batch request for property histories is 50"}]}`
	client := setup(t, fixed(http.StatusMultiStatus, nil, body), nil)

	_, err := client.BatchRead(context.Background(), "deals", "", []string{"1"}, nil)

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindValidation, got.Kind)
	assert.Equal(t, http.StatusBadRequest, got.Status)
}

func TestBatchUpsertResult(t *testing.T) {
	body := `{"status":"COMPLETE","results":[` +
		`{"id":"11","properties":{"sps_id":"P-1"},"createdAt":"2026-12-04T11:00:00Z","updatedAt":"2026-12-04T11:00:00Z","new":true},` +
		`{"id":"12","properties":{"sps_id":"P-2"},"createdAt":"2026-01-04T11:00:00Z","updatedAt":"2026-12-04T11:00:00Z","new":false}],` +
		`"errors":[{"status":"error","category":"VALIDATION_ERROR","message":"Property values were not valid: ` +
		`[{\"isValid\":false,\"message\":\"x\",\"error\":\"INVALID_OPTION\",\"name\":\"sps_type\"}]",` +
		`"context":{"objectWriteTraceId":["input-2"]}}]}`
	rec := fixed(http.StatusMultiStatus, nil, body)
	client := setup(t, rec, nil)

	result, err := client.BatchUpsert(context.Background(), "products", []UpsertInput{
		{ID: "P-1", IDProperty: "sps_id", Properties: map[string]string{"name": "Slab"}},
		{ID: "P-2", IDProperty: "sps_id"},
		{ID: "P-3", IDProperty: "sps_id", Properties: map[string]string{"sps_type": "bad"}},
	})
	require.NoError(t, err)

	require.Len(t, result.Objects, 2)
	assert.True(t, result.Objects[0].New)
	assert.False(t, result.Objects[1].New)
	assert.Equal(t, "12", result.Objects[1].ID)
	require.Len(t, result.Errors, 1)
	assert.Equal(t, 2, result.Errors[0].Index)
	assert.Equal(t, "sps_type", result.Errors[0].Property)

	sent := inputs(t, rec.Requests()[0])
	assert.Equal(t, "sps_id", sent[0]["idProperty"])
	assert.Equal(t, "P-1", sent[0]["id"])
	assert.Equal(t, "input-0", sent[0]["objectWriteTraceId"])
}

func TestBatchUpdateErrorIndexByID(t *testing.T) {
	body := `{"status":"COMPLETE","results":[],"errors":[{"status":"error","category":"OBJECT_NOT_FOUND",` +
		`"message":"Object not found","context":{"ids":["202"]}}]}`
	rec := fixed(http.StatusMultiStatus, nil, body)
	client := setup(t, rec, nil)

	result, err := client.BatchUpdate(context.Background(), "contacts", []UpdateInput{
		{ID: "201", Properties: map[string]string{"hs_lead_status": "SQUARE_POS"}},
		{ID: "202", Properties: map[string]string{"hs_lead_status": ""}},
	})
	require.NoError(t, err)

	require.Len(t, result.Errors, 1)
	assert.Equal(t, 1, result.Errors[0].Index)
	assert.Equal(t, []string{"202"}, result.Errors[0].IDs)
	assert.Equal(t, http.StatusNotFound, result.Errors[0].Status)

	sent := inputs(t, rec.Requests()[0])
	assert.NotContains(t, sent[0], "idProperty", "empty idProperty sent")
	assert.Equal(t, map[string]any{"hs_lead_status": ""}, sent[1]["properties"], "empty value dropped")
}

func TestBatchTooManyInputs(t *testing.T) {
	ids := make([]string, MaxBatchSize+1)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}
	tests := []struct {
		name string
		call func(*Client) error
	}{
		{name: "read", call: func(c *Client) error {
			_, err := c.BatchRead(context.Background(), "deals", "", ids, nil)
			return err
		}},
		{name: "create", call: func(c *Client) error {
			_, err := c.BatchCreate(context.Background(), "deals", make([]CreateInput, len(ids)))
			return err
		}},
		{name: "update", call: func(c *Client) error {
			_, err := c.BatchUpdate(context.Background(), "deals", make([]UpdateInput, len(ids)))
			return err
		}},
		{name: "upsert", call: func(c *Client) error {
			_, err := c.BatchUpsert(context.Background(), "deals", make([]UpsertInput, len(ids)))
			return err
		}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fixed(http.StatusOK, nil, `{}`)
			client := setup(t, rec, nil)

			err := tt.call(client)

			var got *Error
			require.ErrorAs(t, err, &got)
			assert.Equal(t, KindValidation, got.Kind)
			assert.False(t, got.Retryable())
			assert.Contains(t, got.Error(), "101 inputs exceed the maximum of 100")
			assert.Empty(t, rec.Requests(), "request sent")
		})
	}
}

func TestBatchEmptySendsNothing(t *testing.T) {
	rec := fixed(http.StatusOK, nil, `{}`)
	client := setup(t, rec, nil)

	read, err := client.BatchRead(context.Background(), "deals", "", nil, nil)
	require.NoError(t, err)
	assert.Empty(t, read.Found)

	created, err := client.BatchCreate(context.Background(), "deals", nil)
	require.NoError(t, err)
	assert.Empty(t, created.Objects)

	assert.Empty(t, rec.Requests())
}

func TestCallsRecorded(t *testing.T) {
	rec := &recorder{respond: func(_ recordedRequest, call int) (int, http.Header, string) {
		if call == 2 {
			return http.StatusTooManyRequests, nil, fixture(t, "429_secondly.json")
		}
		return http.StatusOK, nil, `{"total":0,"results":[]}`
	}}
	client := setup(t, rec, nil)
	calls := apicalls.NewRecorder()
	ctx := apicalls.WithRecorder(context.Background(), calls)

	_, err := client.Search(ctx, "contacts", SearchRequest{})
	require.NoError(t, err)
	_, err = client.Search(ctx, "contacts", SearchRequest{})
	require.Error(t, err)
	_, err = client.BatchRead(ctx, "deals", "", []string{"1"}, nil)
	require.NoError(t, err)

	assert.Equal(t, []apicalls.Count{
		{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/contacts/search", Calls: 2, RateLimited: 1},
		{Service: apicalls.HubSpot, Endpoint: "POST /crm/v3/objects/deals/batch/read", Calls: 1},
	}, calls.Counts())
}

func TestBatchUpdateConflictIndex(t *testing.T) {
	body := `{"status":"COMPLETE","results":[],"errors":[{"status":"error","category":"CONFLICT",` +
		`"message":"A company with sps_customer_id \"C-1\" already exists. Existing ID: 7",` +
		`"context":{"propertyName":["sps_customer_id"],"id":["7"]}}]}`
	client := setup(t, fixed(http.StatusMultiStatus, nil, body), nil)

	result, err := client.BatchUpdate(context.Background(), "companies", []UpdateInput{
		{ID: "7", Properties: map[string]string{"name": "Stone Works"}},
		{ID: "9", Properties: map[string]string{"sps_customer_id": "C-1"}},
	})
	require.NoError(t, err)

	require.Len(t, result.Errors, 1)
	assert.Equal(t, "7", result.Errors[0].ExistingID)
	assert.Empty(t, result.Errors[0].IDs, "existing record reported as the input")
	assert.Equal(t, -1, result.Errors[0].Index)
}
